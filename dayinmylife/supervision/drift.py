"""Drift and cumulative concerns: what a manager and a practitioner should talk about in supervision.

Neglect is cumulative and practitioners get used to it, so these look across a child's own sessions, not at one:
a "worth exploring" prompt that keeps coming back, an agreed outcome not met, feelings lower than at first, a
session overdue. They are prompts for a conversation in the product's words, never a score or a risk rating.
The rules are pure functions; `concerns_of_child` at the end reads a child's sessions from the store for them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dayinmylife import store
from dayinmylife.casework.schedule import add_months, next_session
from dayinmylife.questionnaire.care import raises
from dayinmylife.questionnaire.model import Questionnaire
from dayinmylife.questionnaire.outcomes import MET, NOT_ASKED, Outcome, outcome_status
from dayinmylife.questionnaire.reading import Reading, SessionAnswers, feeling_score
from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.store.db import get_db
from dayinmylife.vocabulary import CHILDS_OWN

PERSISTS_SESSIONS = 3  # a prompt raised in this many sessions in a row has persisted
PERSISTS_MONTHS = 6  # or raised for this long
OUTCOME_SESSIONS = 3  # an outcome not met in its last this-many sessions has stalled

PERSISTS, OUTCOME_NOT_MET, OUTCOME_NOT_ASKED, FEELINGS_LOWER, OVERDUE = (
    "persists",
    "outcome_not_met",
    "outcome_not_asked",
    "feelings_lower",
    "overdue",
)


@dataclass(frozen=True)
class Concern:
    """One thing to talk about: what kind, what it is about (a prompt, an outcome, a feelings question, a
    day), in how many sessions, and since when."""

    kind: str
    about: str
    day: str | None = None
    sessions: int = 0
    since: str | None = None  # an ISO date


def persisting_prompts(
    questionnaire: Questionnaire,
    sessions: Sequence[SessionAnswers],
    readings: Sequence[Reading] | None = None,
) -> list[Concern]:
    """Each "worth exploring" prompt the latest session raises that earlier sessions raised too, without a
    break, for three sessions or more, or for six months or more."""
    readings = readings or _readings(questionnaire, sessions)
    if not sessions:
        return []
    raised: dict[int, set[str]] = {}  # from the latest back, only as far as a prompt keeps coming back

    def raised_in(back: int) -> set[str]:
        if back not in raised:
            raised[back] = _worth_exploring(questionnaire, readings[-1 - back])
        return raised[back]

    found = []
    for prompt in sorted(raised_in(0)):
        run = 0
        while run < len(sessions) and prompt in raised_in(run):
            run += 1
        first = sessions[-run].started_at[:10]
        long_enough = (
            first
            <= add_months(date.fromisoformat(sessions[-1].started_at[:10]), -PERSISTS_MONTHS).isoformat()
        )
        if run >= PERSISTS_SESSIONS or (run > 1 and long_enough):
            found.append(Concern(PERSISTS, prompt, sessions=run, since=first))
    return found


def _worth_exploring(questionnaire: Questionnaire, reading: Reading) -> set[str]:
    """The "worth exploring" prompts a session raises (as the day picture's areas of care show them)."""
    return {
        link.prompt
        for question, link in _exploring_links(questionnaire)
        for day in question.day_kinds
        if raises(question, link, said := reading.said(question.id, day)) and not said.like_school_day
    }


_LINKS: dict[int, tuple] = {}


def _exploring_links(questionnaire: Questionnaire) -> tuple:
    """A questionnaire's "worth exploring" care links, found once; the questionnaire is kept with them, so its
    id() is never reused by another."""
    if id(questionnaire) not in _LINKS:
        links = tuple(
            (question, link)
            for question in questionnaire.questions
            for link in question.care
            if link.signal == "worth_exploring"
        )
        _LINKS[id(questionnaire)] = (questionnaire, links)
    return _LINKS[id(questionnaire)][1]


class _Readings(Sequence):
    """Each session read when a rule first asks for it, and once only (reading a session runs its flow)."""

    def __init__(self, questionnaire: Questionnaire, sessions: Sequence[SessionAnswers]):
        self.questionnaire, self.sessions, self.read = questionnaire, sessions, {}

    def __len__(self) -> int:
        return len(self.sessions)

    def __getitem__(self, index):
        index = range(len(self.sessions))[index]
        if index not in self.read:
            self.read[index] = Reading(self.questionnaire, self.sessions[index].answers)
        return self.read[index]


def _readings(questionnaire: Questionnaire, sessions: Sequence[SessionAnswers]) -> _Readings:
    return _Readings(questionnaire, sessions)


def stalled_outcomes(
    questionnaire: Questionnaire, sessions: Sequence[SessionAnswers], outcomes: Sequence[tuple[Outcome, str]]
) -> list[Concern]:
    """Each agreed outcome (with the day it was agreed) that none of its last three sessions since shows met:
    not met, or not asked at all."""
    found = []
    for outcome, agreed_on in outcomes:
        since = [session for session in sessions if session.started_at[:10] >= agreed_on[:10]][
            -OUTCOME_SESSIONS:
        ]
        if len(since) < OUTCOME_SESSIONS:
            continue
        statuses = [outcome_status(questionnaire, session.answers, outcome) for session in since]
        if MET not in statuses:
            kind = OUTCOME_NOT_ASKED if set(statuses) == {NOT_ASKED} else OUTCOME_NOT_MET
            found.append(Concern(kind, outcome.statement, outcome.day, len(since), since[0].started_at[:10]))
    return found


def lower_feelings(
    questionnaire: Questionnaire,
    sessions: Sequence[SessionAnswers],
    readings: Sequence[Reading] | None = None,
) -> list[Concern]:
    """Each feelings question the latest session answers lower than the first session that answered it (a
    weekend like a school day is the school day's feeling, not another)."""
    readings = readings or _readings(questionnaire, sessions)

    def score(index: int, question_id: str, day: str) -> int | None:
        said = readings[index].said(question_id, day)
        return None if said.like_school_day else feeling_score(said)

    found = []
    for question in (question for question in questionnaire.questions if question.type == "feelings"):
        for day in question.day_kinds:
            latest = score(len(sessions) - 1, question.id, day)
            first = next(
                (i for i in range(len(sessions) - 1) if score(i, question.id, day) is not None), None
            )
            if latest is not None and first is not None and latest < score(first, question.id, day):
                found.append(
                    Concern(FEELINGS_LOWER, question.prompt, day, since=sessions[first].started_at[:10])
                )
    return found


def concerns(
    questionnaire: Questionnaire | None,
    sessions: Sequence[SessionAnswers],
    outcomes: Sequence[tuple[Outcome, str]],
    overdue_since: date | None,
) -> list[Concern]:
    """Everything worth raising in supervision about one child, from their own finished sessions (oldest first,
    all of one questionnaire), the outcomes agreed with them and whether their next session is overdue."""
    found = []
    if questionnaire is not None and sessions:
        readings = _readings(questionnaire, sessions)  # each session read once, for every rule
        found += persisting_prompts(questionnaire, sessions, readings)
        found += stalled_outcomes(questionnaire, sessions, outcomes)
        found += lower_feelings(questionnaire, sessions, readings)
    if overdue_since is not None:
        found.append(Concern(OVERDUE, "", since=overdue_since.isoformat()))
    return found


def concerns_of_child(child: dict) -> list[Concern]:
    """What to raise in supervision about this child: from their own finished sessions of the questionnaire
    they answered last, the outcomes agreed with them, and whether a session is overdue."""
    db, loaded = get_db(), all_questionnaires()
    every = store.sessions.sessions_over_time(db, child["id"])
    due = next_session(child["next_session_on"], every[-1]["started_at"] if every else None)
    own = [
        s
        for s in every
        if s["status"] == "finished" and s["account"] == CHILDS_OWN and s["questionnaire_id"] in loaded
    ]
    questionnaire = loaded[own[-1]["questionnaire_id"]] if own else None
    own = [s for s in own if questionnaire and s["questionnaire_id"] == questionnaire.id]
    answers = store.sessions.answers_of_sessions(db, [s["id"] for s in own]) if own else {}
    sessions = [
        SessionAnswers(s["id"], s["started_at"], answers.get(s["id"], {}), s["questionnaire_version"])
        for s in own
    ]
    outcomes = [
        (Outcome.from_row(row), row["created_at"])
        for row in store.children.outcomes_of_child(db, child["id"])
    ]
    return concerns(questionnaire, sessions, outcomes, due.on if due.status == "overdue" else None)
