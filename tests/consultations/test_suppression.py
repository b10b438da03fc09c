"""Small-number suppression: for any table of counts, no hidden count can be worked out from what is shown."""

from dataclasses import replace
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dayinmylife.consultations.suppression import (
    ANSWERED,
    EXTRA,
    HIDDEN,
    NOT_REPORTED,
    POOLED,
    SHOWN,
    SMALL,
    WHOLE,
    CountTable,
    alternative,
    suppress,
)

MINIMUM = 5


@st.composite
def count_tables(draw, pick_several=False):
    """A question's counts: 2-6 answers, 1-5 reported groups, sometimes groups too small to report."""
    answers = tuple(f"answer {n}" for n in range(draw(st.integers(2, 6))))
    groups = tuple(f"group {n}" for n in range(draw(st.integers(1, 5))))
    small_numbers = st.integers(0, 12) | st.integers(0, 4)  # plenty of counts under the minimum
    counts = {(answer, group): draw(small_numbers) for answer in answers for group in groups}
    pooled_pupils = draw(st.none() | st.integers(1, 2 * (MINIMUM - 1)))  # an empty group is not pooled
    pooled = {}
    if pooled_pupils is not None:
        pooled = {answer: draw(st.integers(0, pooled_pupils)) for answer in answers}
    if pick_several:  # pupils may pick several answers: fewer answered than the answers add up to
        answered = {g: max([counts[(a, g)] for a in answers] + [0]) for g in groups}
        pooled_answered = max(pooled.values(), default=0)
    else:
        answered = {g: sum(counts[(a, g)] for a in answers) for g in groups}
        pooled_answered = sum(pooled.values())
    # A group is reported only with at least the minimum of pupils (some may not have answered this one).
    sizes = {group: max(MINIMUM, answered[group] + draw(st.integers(0, 3))) for group in groups}
    if pooled_pupils is not None:
        pooled_pupils = max(pooled_pupils, pooled_answered)
    sizes[WHOLE] = sum(sizes.values()) + (pooled_pupils or 0)
    headline = draw(st.sampled_from([(), (answers[0],)]))  # a weekend question's "yes": shown where it can be
    not_saying = draw(st.sampled_from([None, answers[-1]]))  # "not sure or not saying": its 0 is shown
    return CountTable(
        answers,
        groups,
        counts,
        answered,
        pooled,
        pooled_answered,
        pooled_pupils,
        sizes,
        pick_several,
        headline,
        not_saying,
    )


def what_the_page_says(table, status, cell):
    """Everything a reader is told about a hidden count, as a test of a possible value."""
    size = table.pooled_pupils if cell[1] == POOLED else table.sizes.get(cell[1])
    within_group = (lambda value: value <= size) if size is not None else (lambda value: True)
    stated = {
        SMALL: lambda value: 0 <= value <= MINIMUM - 1,  # "fewer than 5"
        HIDDEN: lambda value: value >= MINIMUM,  # else it would read "fewer than 5"
        NOT_REPORTED: lambda value: value >= 0,
    }[status]
    return lambda value: stated(value) and within_group(value)


def rows_across(table):
    """Each answer across the groups (and the groups not reported) to the whole consultation, last."""
    return [[(row, column) for column in table.columns()] for row in (*table.answers, ANSWERED)]


def columns_down(table):
    """Each group's answers down to its pupils who answered, last."""
    return [[(row, column) for row in (*table.answers, ANSWERED)] for column in table.columns()]


def adds_up(line, values):
    return sum(values[key] for key in line[:-1]) == values[line[-1]]


def fits(line, values):
    """Pick several: a group's answers add up to at least its pupils who answered (each picks one or more)."""
    answers, answered = [values[key] for key in line[:-1]], values[line[-1]]
    return all(count >= 0 for count in answers) and sum(answers) >= answered


tables = st.one_of(count_tables(), count_tables(pick_several=True))


def not_shown(result):
    """Every count the page does not show: the protected ones and a 0 of "not sure or not saying" in the groups
    not reported, which tells nothing but still stands in its lines' sums."""
    return {key for key, status in result.statuses.items() if status != SHOWN and key[0] != EXTRA}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_shown_counts_are_the_true_counts_and_every_count_under_the_minimum_is_hidden(table):
    result = suppress(table, MINIMUM)
    values = table.values
    for key, status in result.statuses.items():
        if status == SHOWN:
            assert values[key] >= MINIMUM or (key[0] == table.not_saying and values[key] == 0)
            assert result.cell(*key).count == values[key]
            continue
        assert result.cell(*key).count is None
        if key[1] == POOLED:
            assert status == NOT_REPORTED
        elif values[key] < MINIMUM:  # the label never lies: "fewer than N" (0 to N-1), or nothing said
            assert status in (SMALL, NOT_REPORTED)
        else:
            assert status in (HIDDEN, NOT_REPORTED)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_no_line_has_exactly_one_hidden_count(table):
    """A row with a hidden cell has another hidden cell or a hidden whole; a column likewise with its total."""
    result = suppress(table, MINIMUM)
    hidden = not_shown(result)
    # With "pick several" a group's answers do not add up to its total: no sum gives one away.
    lines = rows_across(table) + ([] if table.pick_several else columns_down(table))
    for line in lines:
        alone = hidden.intersection(line)
        assert len(alone) != 1 or not alone <= result.hidden(), line  # a 0 no one protects may stand alone


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_a_hidden_group_count_is_never_the_whole_minus_the_other_groups(table):
    result = suppress(table, MINIMUM)
    hidden = not_shown(result)
    for answer in (*table.answers, ANSWERED):
        row = [(answer, column) for column in table.columns()]
        hidden_in_row = [key for key in row if key in hidden]
        if set(hidden_in_row) & result.hidden():
            assert len(hidden_in_row) >= 2
            assert (answer, WHOLE) in hidden or len([k for k in hidden_in_row if k[1] != WHOLE]) >= 2


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_every_hidden_count_has_another_possible_value_given_everything_shown(table):
    """The proof of safety: for each hidden cell, a different table agrees with all the page says."""
    result = suppress(table, MINIMUM)
    values = table.values
    for key in result.hidden():
        other = alternative(result, key)
        assert other is not None, key
        assert other[key] != values[key]
        for cell, status in result.statuses.items():
            if cell[0] == EXTRA:  # the picks beyond one a pupil: no count the page speaks of
                continue
            if status == SHOWN:
                assert other[cell] == values[cell]
            else:
                assert what_the_page_says(table, status, cell)(other[cell]), (cell, other[cell])
        for line in rows_across(table):
            assert adds_up(line, other)
        for line in columns_down(table):
            assert fits(line, other) if table.pick_several else adds_up(line, other)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_no_hidden_count_follows_from_the_shown_counts_by_any_sum_or_difference(table):
    """Independently of the search above: no mix of the lines' equations isolates a hidden cell."""
    result = suppress(table, MINIMUM)
    hidden = sorted(not_shown(result), key=repr)
    index = {key: n for n, key in enumerate(hidden)}
    equations = []
    for line in rows_across(table) + ([] if table.pick_several else columns_down(table)):
        row = [Fraction(0)] * len(hidden)
        for position, key in enumerate(line):
            if key in index:
                row[index[key]] += -1 if position == len(line) - 1 else 1
        if any(row):
            equations.append(row)
    basis = _row_echelon(equations)
    for key in result.hidden():
        unit = [Fraction(int(other == key)) for other in hidden]
        assert not _in_span(basis, unit), key


def _row_echelon(rows):
    basis = []  # (pivot column, row) with a 1 at the pivot and 0 at every other basis pivot
    for row in rows:
        row = _reduce(basis, row)
        pivot = next((n for n, value in enumerate(row) if value), None)
        if pivot is None:
            continue
        row = [value / row[pivot] for value in row]
        basis = [(p, [a - b[p] * c for a, c in zip(b, row, strict=True)]) for p, b in basis]
        basis.append((pivot, row))
    return basis


def _reduce(basis, row):
    for pivot, base in basis:
        if row[pivot]:
            factor = row[pivot]
            row = [a - factor * b for a, b in zip(row, base, strict=True)]
    return row


def _in_span(basis, vector):
    return not any(_reduce(basis, vector))


# Examples a person can check by hand.


def one_question(counts_by_group, pooled=None, answers=("yes", "no", "not_sure")):
    groups = tuple(counts_by_group)
    counts = {
        (a, g): n for g, column in counts_by_group.items() for a, n in zip(answers, column, strict=True)
    }
    answered = {g: sum(column) for g, column in counts_by_group.items()}
    pooled_counts = dict(zip(answers, pooled, strict=True)) if pooled else {}
    return CountTable(
        answers,
        groups,
        counts,
        answered,
        pooled_counts,
        sum(pooled or ()),
        sum(pooled) if pooled else None,
    )


def test_a_table_with_only_large_counts_is_shown_whole():
    result = suppress(one_question({"5 Oak": [20, 9, 6], "5 Ash": [15, 12, 7]}), MINIMUM)
    assert result.hidden() == set()
    assert result.whole("yes").count == 35 and result.answered("5 Ash").count == 34


def test_a_small_count_hides_another_in_its_group_and_in_its_row():
    result = suppress(one_question({"5 Oak": [20, 3, 9], "5 Ash": [15, 12, 7]}), MINIMUM)
    assert result.cell("no", "5 Oak").status == SMALL
    assert sum(1 for key in result.hidden() if key[1] == "5 Oak") >= 2
    assert sum(1 for key in result.hidden() if key[0] == "no") >= 2
    assert result.answered("5 Oak").shown  # the group's total is kept where a count can go instead


def test_a_group_too_small_to_report_cannot_be_found_as_the_whole_minus_the_others():
    result = suppress(one_question({"5 Oak": [20, 9, 6], "5 Ash": [15, 12, 7]}, pooled=[2, 1, 1]), MINIMUM)
    for answer in ("yes", "no", "not_sure"):
        row = [result.cell(answer, group) for group in ("5 Oak", "5 Ash")] + [result.whole(answer)]
        assert any(not cell.shown for cell in row), answer


def test_a_zero_is_fewer_than_the_minimum_too_so_no_group_is_seen_to_answer_as_one():
    result = suppress(one_question({"5 Oak": [20, 0, 9], "5 Ash": [15, 12, 7]}), MINIMUM)
    assert result.cell("no", "5 Oak").status == SMALL  # not "0": that would say no one in 5 Oak said no
    assert alternative(result, ("no", "5 Oak"))[("no", "5 Oak")] > 0


def test_a_zero_of_not_sure_or_not_saying_is_shown_it_tells_no_one_s_answer():
    table = replace(one_question({"5 Oak": [20, 9, 0], "5 Ash": [15, 12, 0]}), not_saying="not_sure")
    result = suppress(table, MINIMUM)
    assert result.cell("not_sure", "5 Oak").count == 0 and result.whole("not_sure").count == 0
    assert result.hidden() == set()


def test_the_whole_consultation_is_shown_where_groups_counts_can_be_hidden_instead():
    """Each class said "yes" five times, the group too small to report said "no" four times: the whole school's
    15 and 91 are shown, and a class's counts say less instead."""
    table = one_question({"5 Oak": [5, 25, 0], "5 Ash": [5, 24, 0], "6 Elm": [5, 38, 0]}, pooled=[0, 4, 0])
    result = suppress(replace(table, headline=("yes",), not_saying="not_sure"), MINIMUM)
    assert result.whole("yes").count == 15 and result.whole("no").count == 91
    assert result.answered().count == 106
    hidden_groups = {key for key in result.hidden() if key[1] not in (WHOLE, POOLED)}
    assert hidden_groups and all(alternative(result, key) is not None for key in result.hidden())


def test_groups_named_by_number_and_by_word_are_weighed_by_cost_alone():
    """Two groups' counts that cost the same are never compared by their names (a team's number, a word)."""
    table = one_question({1: [5, 25, 0], "5 Ash": [5, 24, 0]}, pooled=[0, 4, 0])
    result = suppress(replace(table, headline=("yes",), not_saying="not_sure"), MINIMUM)
    assert all(alternative(result, key) is not None for key in result.hidden())
