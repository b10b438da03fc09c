"""Drift and cumulative concerns: what a manager and a practitioner should talk about in supervision.

Neglect is cumulative and practitioners get used to it, so these look across a child's own sessions, not at one:
a "worth exploring" prompt that keeps coming back, an agreed outcome not met, feelings lower than at first, a
session overdue. They are prompts for a conversation in the product's words, never a score or a risk rating.
The rules are pure functions of a child's sessions and what each found (`questionnaire/findings.py`);
`supervision/child_sessions.py` reads them from the store.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dayinmylife.casework.schedule import add_months
from dayinmylife.questionnaire.findings import Findings
from dayinmylife.questionnaire.model import Questionnaire
from dayinmylife.questionnaire.outcomes import MET, NOT_ASKED, Outcome, outcome_status
from dayinmylife.questionnaire.reading import SessionAnswers

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
    findings: Sequence[Findings],
) -> list[Concern]:
    """Each "worth exploring" prompt the latest session raises (from what each session found) that earlier
    sessions raised too, without a break, for three sessions or more, or for six months or more."""
    if not sessions:
        return []
    found = []
    for prompt in sorted(findings[-1].prompts()):
        run = 0
        while run < len(sessions) and prompt in findings[-1 - run].prompts():
            run += 1
        first = sessions[-run].started_at[:10]
        long_enough = (
            first
            <= add_months(date.fromisoformat(sessions[-1].started_at[:10]), -PERSISTS_MONTHS).isoformat()
        )
        if run >= PERSISTS_SESSIONS or (run > 1 and long_enough):
            found.append(Concern(PERSISTS, prompt, sessions=run, since=first))
    return found


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
    findings: Sequence[Findings],
) -> list[Concern]:
    """Each feelings question the latest session answers lower than the first session that answered it (a
    weekend like a school day is the school day's feeling, not another)."""
    found = []
    for question in (question for question in questionnaire.questions if question.type == "feelings"):
        for day in question.day_kinds:
            latest = findings[-1].feelings.get((question.id, day)) if sessions else None
            first = next(
                (i for i in range(len(sessions) - 1) if (question.id, day) in findings[i].feelings), None
            )
            if (
                latest is not None
                and first is not None
                and latest < findings[first].feelings[(question.id, day)]
            ):
                found.append(
                    Concern(FEELINGS_LOWER, question.prompt, day, since=sessions[first].started_at[:10])
                )
    return found


def concerns(
    questionnaire: Questionnaire | None,
    sessions: Sequence[SessionAnswers],
    outcomes: Sequence[tuple[Outcome, str]],
    overdue_since: date | None,
    findings: Sequence[Findings],
) -> list[Concern]:
    """Everything worth raising in supervision about one child, from their own finished sessions (oldest first,
    all of one questionnaire, with what each found where it is kept), the outcomes agreed with them and whether
    their next session is overdue."""
    found = []
    if questionnaire is not None and sessions:
        found += persisting_prompts(questionnaire, sessions, findings)
        found += stalled_outcomes(questionnaire, sessions, outcomes)
        found += lower_feelings(questionnaire, sessions, findings)
    if overdue_since is not None:
        found.append(Concern(OVERDUE, "", since=overdue_since.isoformat()))
    return found
