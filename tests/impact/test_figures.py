"""The impact report's figures: quarters, what each child counts for, and small numbers suppressed so that no
child can be picked out, with hand examples and with the consultations' property tests."""

import json
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dayinmylife.consultations.results import PUPILS
from dayinmylife.consultations.suppression import (
    ANSWERED,
    NOT_REPORTED,
    SHOWN,
    SMALL,
    WHOLE,
    alternative,
    bounds,
)
from dayinmylife.impact.figures import (
    ADULTS_ONLY,
    AS_MANY_MET,
    FEWER_MET,
    HEARD,
    MORE_MET,
    ONE,
    OUTCOMES,
    OWN_ACCOUNT,
    SESSIONS,
    THREE_OR_MORE,
    TWO,
    WEEKEND,
    Quarter,
    build_report,
    outcome_change,
    side_by_side,
)
from dayinmylife.questionnaire.findings import GOING_WELL, WORTH_EXPLORING, Findings
from dayinmylife.questionnaire.model import AREAS_OF_CARE

MINIMUM = 5
PARTS = ("waking_up", "breakfast", "bedtime")
TEAMS = [{"id": 1, "name": "North"}, {"id": 2, "name": "South"}, {"id": 3, "name": "East"}]


@dataclass(frozen=True)
class Child:
    """A child heard, as the store counts them (store/impact.py)."""

    team_id: int | None = 1
    sessions: int = 1
    own_account: bool = True
    findings: Findings | None = None  # what their latest session found, if it is kept and current
    outcomes: str | None = None  # MORE_MET, AS_MANY_MET or FEWER_MET; None: nothing to compare


def found(worth=(), well=(), weekend=None) -> Findings:
    return Findings(
        frozenset((area, f"{area} prompt") for area in worth),
        frozenset((area, f"{area} prompt") for area in well),
        weekend or {},
        {},
    )


def child(team=1, sessions=1, own=True, findings=None, outcomes=None) -> Child:
    return Child(team, sessions, own, findings, outcomes)


def counted(child: Child) -> dict[str, list[str]]:
    """What one child counts for in each table (a table it is not in left out), as the store counts it."""
    tables = {
        HEARD: [OWN_ACCOUNT if child.own_account else ADULTS_ONLY],
        SESSIONS: [ONE if child.sessions == 1 else TWO if child.sessions == 2 else THREE_OR_MORE],
    }
    if child.outcomes:
        tables[OUTCOMES] = [child.outcomes]
    if child.findings is not None:
        kept = json.loads(child.findings.counted())
        if kept["weekend_said"]:
            tables[WEEKEND] = kept["weekend_different"]
        tables[WORTH_EXPLORING], tables[GOING_WELL] = kept[WORTH_EXPLORING], kept[GOING_WELL]
    return tables


def counts(children) -> list[tuple]:
    tally = Counter()
    for one in children:
        for table, answers in counted(one).items():
            tally[(table, one.team_id, None)] += 1
            for answer in answers:
                tally[(table, one.team_id, answer)] += 1
    return [(table, team, answer, n) for (table, team, answer), n in tally.items()]


THIS_QUARTER = Quarter(2026, 4)


def report_of(children, teams=TEAMS, parts=PARTS, quarter=THIS_QUARTER):
    return build_report(quarter, teams, counts(children), parts, MINIMUM)


def test_a_quarter_reads_and_names_itself():
    assert Quarter.of(date(2026, 12, 3)) == Quarter(2026, 4)
    assert Quarter.parse("2026-q4") == Quarter(2026, 4)
    for wrong in ("2026-q5", "2026-Q4 ", "26-q1", "", None, "2026-q0", "0001-q1"):
        assert Quarter.parse(wrong) is None
    q1 = Quarter(2027, 1)
    assert (q1.start, q1.end) == (date(2027, 1, 1), date(2027, 4, 1))
    assert q1.previous == Quarter(2026, 4) and Quarter(2026, 4).next == q1
    assert Quarter(2026, 4).end == date(2027, 1, 1)
    assert Quarter(2026, 3) < Quarter(2026, 4) < q1 and q1.slug == "2027-q1"


def test_outcomes_compare_the_latest_session_with_the_first():
    assert outcome_change(0, 2) == MORE_MET
    assert outcome_change(1, 1) == AS_MANY_MET
    assert outcome_change(2, 0) == FEWER_MET


def test_each_child_counts_once_per_table_and_under_every_part_and_area_that_applies():
    leo = child(
        sessions=4,
        own=False,
        findings=found(
            ["basic_care", "stability"], ["emotional_warmth"], {"breakfast": "yes", "bedtime": "no"}
        ),
        outcomes=MORE_MET,
    )
    assert counted(leo) == {
        HEARD: [ADULTS_ONLY],
        SESSIONS: [THREE_OR_MORE],
        OUTCOMES: [MORE_MET],
        WEEKEND: ["breakfast"],
        WORTH_EXPLORING: ["basic_care", "stability"],
        GOING_WELL: ["emotional_warmth"],
    }
    # Nothing said about any weekend, no outcomes compared, no questionnaire left: counted in none of those.
    quiet = counted(child(sessions=2, findings=found(weekend={"breakfast": "dont_know"})))
    assert quiet == {HEARD: [OWN_ACCOUNT], SESSIONS: [TWO], WORTH_EXPLORING: [], GOING_WELL: []}
    assert counted(child(findings=None)) == {HEARD: [OWN_ACCOUNT], SESSIONS: [ONE]}


def test_each_team_with_enough_children_heard_is_a_column_beside_all_teams():
    children = [child(1, own=True)] * 8 + [child(1, own=False)] * 6
    children += [child(2, own=True)] * 7 + [child(2, own=False)] * 5
    report = report_of(children)
    assert [group.name for group in report.reported] == ["North", "South"]
    assert (report.heard().count, report.heard(1).count, report.heard(2).count) == (26, 14, 12)
    own, share = report.count(HEARD, OWN_ACCOUNT, 1)
    assert (own.count, round(share, 2)) == (8, 0.57)
    assert report.count(HEARD, OWN_ACCOUNT)[0].count == 15 and report.count(HEARD, ADULTS_ONLY)[0].count == 11


def test_a_team_where_no_child_gave_one_answer_hides_it_and_what_would_tell_it():
    children = [child(1, own=True)] * 8 + [child(1, own=False)] * 6 + [child(2, own=True)] * 7
    report = report_of(children)
    assert report.count(HEARD, ADULTS_ONLY, 2)[0].status == SMALL  # "none of South's" would be said
    assert not report.count(HEARD, OWN_ACCOUNT, 2)[0].shown  # 7 heard less it
    assert report.count(HEARD, OWN_ACCOUNT)[0].count == 15  # all teams stay shown


def test_a_team_with_fewer_children_than_the_minimum_is_counted_only_in_all_teams():
    children = [child(1)] * 14 + [child(2)] * 3
    report = report_of(children)
    assert [group.name for group in report.reported] == ["North"]
    assert report.heard(2).status == NOT_REPORTED  # South is not a column at all
    assert report.heard().count == 17
    assert not report.heard(1).shown  # all teams less North would be South's 3


def test_a_small_count_is_never_shown_nor_what_would_give_it_away():
    children = [child(1, own=True)] * 12 + [child(1, own=False)] * 2
    report = report_of(children, teams=TEAMS[:1])
    assert report.count(HEARD, ADULTS_ONLY)[0].status == SMALL
    own = report.count(HEARD, OWN_ACCOUNT)[0]
    assert not own.shown  # 14 heard minus 12 would be the 2
    assert report.heard().count == 14


def test_too_few_children_heard_shows_no_figures():
    report = report_of([child(1)] * 4)
    assert not report.enough
    assert not report.heard().shown


def test_this_quarter_sits_beside_the_one_before_even_where_a_team_or_a_part_is_new():
    mixed = [child(2, sessions=1)] * 5 + [child(2, sessions=2)] * 5 + [child(2, sessions=3)] * 5
    now = report_of([replace(c, team_id=1) for c in mixed] + mixed)
    before = report_of([child(1)] * 6 + [child(2)] * 2, parts=PARTS[:1], quarter=Quarter(2026, 3))
    rows = dict(side_by_side(now, before, SESSIONS, 2))
    (_, now_cell, now_share), (_, then_cell, then_share) = rows[TWO]
    assert (now_cell.count, round(now_share, 2)) == (5, 0.33)
    assert then_cell.status == NOT_REPORTED and then_share is None  # South was too small to report then
    weekend = dict(side_by_side(now, before, WEEKEND, WHOLE))
    assert weekend["bedtime"][1][1].status == NOT_REPORTED  # no such row the quarter before


def teams_and_children():
    area_sets = st.sets(st.sampled_from(AREAS_OF_CARE), max_size=3)
    weekend = st.dictionaries(st.sampled_from(PARTS), st.sampled_from(["yes", "no", "dont_know"]), max_size=3)
    findings = st.one_of(st.none(), st.builds(found, area_sets, area_sets, weekend))
    one = st.builds(
        child,
        st.sampled_from([1, 2, 3, None]),
        st.integers(1, 4),
        st.booleans(),
        findings,
        st.sampled_from([None, MORE_MET, AS_MANY_MET, FEWER_MET]),
    )
    return st.lists(one, min_size=0, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(teams_and_children())
def test_no_shown_count_is_small_and_every_hidden_count_could_be_another(children):
    report = report_of(children)
    heard = report.children.table.values
    for name, result in report.tables.items():
        values = result.table.values
        for key, status in result.statuses.items():
            if status == SHOWN:
                assert values[key] >= MINIMUM, (name, key)
        for key in result.hidden():
            low, high = bounds(result.table, result.statuses, MINIMUM, key, result.limits.get(key))
            assert low <= values[key] and (high is None or values[key] <= high), (name, key)
            if key[0] == ANSWERED and values[key] == heard.get((PUPILS, key[1])):
                continue  # every child of the team is counted: the page says so wherever it shows their number
            other = alternative(result, key)
            assert other is not None and other[key] != values[key], (name, key)


@pytest.mark.parametrize("team", [1, None])
def test_children_of_no_team_are_counted_as_a_team_of_their_own(team):
    report = report_of([child(team)] * 6 + [child(2)] * 5)
    assert report.heard().count == 11
    assert [group.id for group in report.reported] == [team, 2] if team else [2, None]
    assert report.heard(report.reported[-1].column).count == (5 if team else 6)
