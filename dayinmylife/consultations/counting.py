"""Counting a consultation's results from its tallies: a school's counts are its classes' added up. While its lead
waits, or, across more schools than that allows, ahead of their asking (`flask consultations count`, kept.py)."""

from collections.abc import Iterable, Mapping

from dayinmylife import store
from dayinmylife.consultations.results import CountRow, Group, Results, build_results, groups_of
from dayinmylife.questionnaires import questionnaire_of


def whole_results(db, consultation: dict) -> Results:
    """The whole consultation's results, counted now: its groups or schools as columns (a school counts its
    classes' answers)."""
    school_of = store.schools.school_of_each_class(db, consultation["id"])
    return build_results(
        questionnaire_of(consultation),
        groups(db, consultation, school_of),
        rows_by_school(store.tallies.consultation_answer_counts(db, consultation["id"]), school_of),
        consultation["min_group_size"],
    )


def groups(db, consultation: dict, school_of: Mapping[int, int] | None = None) -> tuple[Group, ...]:
    """Its groups, or its schools, with the pupils who answered in each (a school's: its classes')."""
    if school_of is None:
        school_of = store.schools.school_of_each_class(db, consultation["id"])
    return groups_of(
        store.consultations.consultation_groups(db, consultation["id"]),
        by_school(store.tallies.consultation_response_counts(db, consultation["id"]), school_of),
        consultation["min_group_size"],
    )


def by_school(counts: Mapping[int | None, int], school_of: Mapping[int, int]) -> dict[int | None, int]:
    """Pupils counted per school: each class's added to its school's (other groups as they are)."""
    added: dict[int | None, int] = {}
    for group, pupils in counts.items():
        school = school_of.get(group, group)
        added[school] = added.get(school, 0) + pupils
    return added


def rows_by_school(rows: Iterable[CountRow], school_of: Mapping[int, int]) -> list[CountRow]:
    """Answers counted per school."""
    return [(*row[:3], by_school(row[3], school_of)) for row in rows]
