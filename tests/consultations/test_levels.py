"""Results per level (consultations/levels.py): a school's numbers said alike on the whole consultation's page
and its own, and every count its classes' page hides still safe."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from dayinmylife.consultations.counting import by_school, rows_by_school
from dayinmylife.consultations.levels import classes_within
from dayinmylife.consultations.results import build_results, groups_of
from dayinmylife.consultations.suppression import NOT_REPORTED, WHOLE, alternative
from dayinmylife.questionnaire.loader import QUESTIONNAIRES_DIR, load_questionnaire

SCHOOL_OF = {11: 1, 12: 1, 13: 1, 21: 2, 22: 2}  # school 3 has no classes
MINIMUM = 5
PRIMARY = load_questionnaire(QUESTIONNAIRES_DIR / "primary.yaml")


def test_counts_add_up_per_school():
    sizes = {11: 4, 12: 6, 21: 9, 3: 5}
    rows = [("had_breakfast", "school", '"yes"', {11: 3, 12: 6, 21: 2, 3: 5})]
    assert by_school(sizes, SCHOOL_OF) == {1: 10, 2: 9, 3: 5}
    assert rows_by_school(rows, SCHOOL_OF) == [("had_breakfast", "school", '"yes"', {1: 9, 2: 2, 3: 5})]


def _in_school(sizes, rows, classes: set[int]):
    """Pupils and answers of one school's classes only (as store.tallies.class_counts reads them)."""
    kept = [(*row[:3], {group: n for group, n in row[3].items() if group in classes}) for row in rows]
    return {group: n for group, n in sizes.items() if group in classes}, [row for row in kept if row[3]]


def _tables(results):
    yield results.pupils
    for part in results.parts:
        if part.weekend_differs:
            yield part.weekend_differs.table
        for question in part.questions:
            yield from (day.table for day in question.days)


answers_of_a_class = st.tuples(st.integers(0, 14), st.integers(0, 9), st.integers(0, 3))  # yes, no, not sure


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from([11, 12, 13, 21, 22, 3]), answers_of_a_class, min_size=3))
def test_a_school_s_page_says_its_numbers_as_the_whole_s_and_keeps_every_hidden_count_safe(classes):
    sizes = {group: sum(counts) for group, counts in classes.items() if sum(counts)}
    rows = [
        (
            "had_breakfast",
            "school",
            f'"{value}"',
            {group: counts[i] for group, counts in classes.items() if counts[i]},
        )
        for i, value in enumerate(("yes", "no", "dont_know"))
    ]
    rows = [row for row in rows if row[3]]
    primary = PRIMARY
    schools = [{"id": school, "name": f"School {school}"} for school in (1, 2, 3)]
    whole = build_results(
        primary,
        groups_of(schools, by_school(sizes, SCHOOL_OF), MINIMUM),
        rows_by_school(rows, SCHOOL_OF),
        MINIMUM,
    )
    for school in whole.reported:
        if school.id == 3:
            continue
        own_classes = {group for group, of in SCHOOL_OF.items() if of == school.id}
        class_sizes, class_rows = _in_school(sizes, rows, own_classes)
        named = [{"id": group, "name": f"Class {group}"} for group in sorted(own_classes)]
        own = build_results(
            primary, groups_of(named, class_sizes, MINIMUM), class_rows, MINIMUM, whole.together
        )
        merged = classes_within(whole, school, own)
        for above, as_built, table in zip(_tables(whole), _tables(own), _tables(merged), strict=True):
            for row in table.table.rows():
                assert table.statuses[(row, WHOLE)] == above.statuses[(row, school.column)]
            if table.statuses == as_built.statuses:
                continue  # the school's own suppression, as for any consultation's groups (test_suppression)
            classes_unsaid = replace(
                table,
                statuses={key: s if key[1] == WHOLE else NOT_REPORTED for key, s in table.statuses.items()},
            )
            for key in table.hidden() - table.given_away:
                # Safe, or pinned by the school's own numbers whatever its classes say (the whole's page keeps it).
                safe = alternative(table, key) is not None
                assert safe or alternative(classes_unsaid, key) is None, key
