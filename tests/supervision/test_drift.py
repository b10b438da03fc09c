"""Drift and cumulative concerns, worked out by hand on the primary questionnaire."""

from datetime import date

import pytest

from dayinmylife.questionnaire.loader import load_all
from dayinmylife.questionnaire.model import Answer
from dayinmylife.questionnaire.outcomes import Outcome
from dayinmylife.questionnaire.reading import SessionAnswers, findings_of
from dayinmylife.supervision import drift

BREAKFAST_PROMPT = "Who makes sure there is food for breakfast? What gets in the way?"
BREAKFAST = Outcome("I have breakfast before school", "had_breakfast", "school", ("yes",))


@pytest.fixture(scope="module")
def primary():
    return load_all()["primary"]


def session(number: int, day: str, **answers) -> SessionAnswers:
    """A session on that day; answers as had_breakfast__school="no", feeling_at_school__once="happy"."""
    given = {tuple(key.split("__")): Answer(value) for key, value in answers.items()}
    return SessionAnswers(number, f"{day}T10:00:00+00:00", given, 1)


def found(questionnaire, sessions):
    """What each session found, as the store keeps it."""
    return [findings_of(questionnaire, each.answers) for each in sessions]


def no_breakfast(number, day, **more):
    return session(
        number, day, had_breakfast__school="no", **{"breakfast.weekend_different__once": "no"}, **more
    )


def test_a_prompt_raised_in_three_sessions_in_a_row_persists(primary):
    sessions = [no_breakfast(1, "2026-03-01"), no_breakfast(2, "2026-05-01"), no_breakfast(3, "2026-07-01")]
    [concern] = [
        c
        for c in drift.persisting_prompts(primary, sessions, found(primary, sessions))
        if c.about == BREAKFAST_PROMPT
    ]
    assert (concern.kind, concern.sessions, concern.since) == (drift.PERSISTS, 3, "2026-03-01")


def test_a_break_in_between_starts_the_count_again(primary):
    sessions = [
        no_breakfast(1, "2026-01-01"),
        session(2, "2026-02-01", had_breakfast__school="yes"),
        no_breakfast(3, "2026-03-01"),
        no_breakfast(4, "2026-04-01"),
    ]
    assert all(
        c.about != BREAKFAST_PROMPT
        for c in drift.persisting_prompts(primary, sessions, found(primary, sessions))
    )


def test_two_sessions_six_months_apart_persist_as_well(primary):
    sessions = [no_breakfast(1, "2026-01-10"), no_breakfast(2, "2026-07-10")]
    assert any(
        c.about == BREAKFAST_PROMPT and c.sessions == 2
        for c in drift.persisting_prompts(primary, sessions, found(primary, sessions))
    )
    closer = [no_breakfast(1, "2026-02-10"), no_breakfast(2, "2026-07-10")]
    assert all(
        c.about != BREAKFAST_PROMPT for c in drift.persisting_prompts(primary, closer, found(primary, closer))
    )


def test_a_prompt_the_latest_session_no_longer_raises_is_not_a_concern(primary):
    sessions = [no_breakfast(n, f"2026-0{n}-01") for n in (1, 2, 3)] + [
        session(4, "2026-04-01", had_breakfast__school="yes")
    ]
    assert all(
        c.about != BREAKFAST_PROMPT
        for c in drift.persisting_prompts(primary, sessions, found(primary, sessions))
    )


def test_an_outcome_not_met_in_its_last_three_sessions_has_stalled(primary):
    sessions = [
        session(1, "2026-01-01", had_breakfast__school="yes"),  # before it was agreed: not counted
        no_breakfast(2, "2026-03-01"),
        no_breakfast(3, "2026-05-01"),
        no_breakfast(4, "2026-07-01"),
    ]
    [concern] = drift.stalled_outcomes(primary, sessions, [(BREAKFAST, "2026-02-01")])
    assert (concern.kind, concern.about, concern.sessions, concern.since) == (
        drift.OUTCOME_NOT_MET,
        "I have breakfast before school",
        3,
        "2026-03-01",
    )
    met_once = [*sessions[:3], session(4, "2026-07-01", had_breakfast__school="yes")]
    assert drift.stalled_outcomes(primary, met_once, [(BREAKFAST, "2026-02-01")]) == []
    assert drift.stalled_outcomes(primary, sessions[:3], [(BREAKFAST, "2026-02-01")]) == []  # two: too soon


def test_an_outcome_never_asked_says_so(primary):
    sessions = [session(n, f"2026-0{n}-01", feeling_at_school__once="happy") for n in (1, 2, 3)]
    [concern] = drift.stalled_outcomes(primary, sessions, [(BREAKFAST, "2026-01-01")])
    assert concern.kind == drift.OUTCOME_NOT_ASKED


def test_feelings_lower_than_at_the_first_session(primary):
    sessions = [
        session(1, "2026-01-01", feeling_at_school__once="happy"),
        session(2, "2026-03-01", feeling_at_school__once="very_happy"),
        session(3, "2026-05-01", feeling_at_school__once="sad"),
    ]
    [concern] = drift.lower_feelings(primary, sessions, found(primary, sessions))
    assert (concern.kind, concern.day, concern.since) == (drift.FEELINGS_LOWER, "once", "2026-01-01")
    better = [*sessions[:2], session(3, "2026-05-01", feeling_at_school__once="happy")]
    assert drift.lower_feelings(primary, better, found(primary, better)) == []


def test_every_concern_together_with_an_overdue_session(primary):
    sessions = [no_breakfast(n, f"2026-0{n}-01") for n in (1, 2, 3)]
    raised = drift.concerns(
        primary, sessions, [(BREAKFAST, "2026-01-01")], date(2026, 6, 1), found(primary, sessions)
    )
    kinds = [concern.kind for concern in raised]
    assert drift.PERSISTS in kinds and drift.OUTCOME_NOT_MET in kinds and kinds[-1] == drift.OVERDUE
    assert drift.concerns(None, [], [], None, []) == []
