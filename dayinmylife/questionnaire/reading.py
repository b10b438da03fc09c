"""What a session says for each question and day: the weekend read through the one rule in flow.py."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from dayinmylife.questionnaire import flow
from dayinmylife.questionnaire.builtins import FEELING_SCORES
from dayinmylife.questionnaire.care import raises
from dayinmylife.questionnaire.findings import GOING_WELL, WORTH_EXPLORING, Findings
from dayinmylife.questionnaire.model import (
    ONCE,
    SCHOOL,
    WEEKEND,
    Answer,
    Part,
    Question,
    Questionnaire,
)
from dayinmylife.questionnaire.shown import ShownAnswer, shown

Answers = Mapping[tuple[str, str], Answer]

# What a session says for one question on one day.
ANSWERED = "answered"
SKIPPED = "skipped"
NOT_ASKED = "not_asked"  # the flow did not ask it (an "ask only if", or the weekend was not different)
NO_ANSWER = "no_answer"  # asked, but the session stopped before it
NOT_IN_VERSION = "not_in_version"  # the questionnaire the session used did not have it


@dataclass(frozen=True)
class SessionAnswers:
    """One session as the comparisons need it: which, when, its answers, and the version it used."""

    id: int
    started_at: str
    answers: Answers
    version: int | None = None


@dataclass(frozen=True)
class Said:
    """What a session says for one question on one day."""

    state: str
    question: Question | None = None
    stored: Answer | None = None
    like_school_day: bool = False  # a weekend answer carried over because the weekend is no different

    @property
    def answered(self) -> bool:
        return self.state == ANSWERED

    @cached_property
    def answer(self) -> ShownAnswer | None:
        """The answer in words and pictures (made only when a page shows it)."""
        return shown(self.question, self.stored) if self.stored is not None else None

    @property
    def values(self) -> tuple[str, ...]:
        """The answer's values, for comparing and matching (own words are one value)."""
        if not self.answered:
            return ()
        return self.stored.values

    @property
    def key(self) -> tuple:
        """What two answers must share to be the same answer."""
        return (self.state, frozenset(self.values))


class Reading:
    """One session's answers read against a questionnaire: what it asked and what the child said."""

    def __init__(self, questionnaire: Questionnaire, answers: Answers, known: Collection[str] | None = None):
        self.questionnaire, self.answers = questionnaire, answers
        self.known = known  # the questions the session's version had, where it differs from this file
        values = {key: answer.value for key, answer in answers.items()}
        self.asked = {step.key for step in flow.steps(questionnaire, values)}
        self.weekend = {part.id: values.get((part.weekend_question_id, ONCE)) for part in questionnaire.parts}

    def weekend_differs(self, part_id: str):
        """The answer to "is this part different at the weekend?": the value, or None if not given."""
        return self.weekend.get(part_id)

    def weekend_said(self, part: Part) -> Said:
        """What the child said to "is this part different at the weekend?"."""
        gate = flow.weekend_question(self.questionnaire, part)
        answer = self.answers.get((gate.id, ONCE))
        if answer is None:
            return Said(NO_ANSWER if (gate.id, ONCE) in self.asked else NOT_ASKED)
        return Said(SKIPPED if answer.skipped else ANSWERED, gate, answer)

    def said(self, question_id: str, day: str) -> Said:
        return Said(*self.lookup(question_id, day))

    def lookup(self, question_id: str, day: str) -> tuple[str, Question | None, Answer | None, bool]:
        """What a Said is made of: state, question, stored answer, and whether it is a school day's."""
        question = self.questionnaire.questions_by_id.get(question_id)
        if question is None or (self.known is not None and question_id not in self.known):
            return NOT_IN_VERSION, None, None, False
        if day == WEEKEND and flow.weekend_like_a_school_day(self.weekend.get(question.part_id)):
            return (*self.lookup(question_id, SCHOOL)[:3], True)
        answer = self.answers.get((question_id, day)) if (question_id, day) in self.asked else None
        if answer is None:
            return (NO_ANSWER if (question_id, day) in self.asked else NOT_ASKED), question, None, False
        return (SKIPPED if answer.skipped else ANSWERED), question, answer, False


def questions_in_version(
    questionnaire: Questionnaire, version: int, answers: Answers
) -> frozenset[str] | None:
    """Guess the questions an older version had from what was answered (None: this very version).

    Only the current file is loaded, so a question with no stored answer in a session of another version
    cannot be told apart from one that version never asked; calling it "not asked then" never invents a change.
    """
    if version == questionnaire.version:
        return None
    return frozenset(question_id for question_id, _day in answers)


def read_sessions(questionnaire: Questionnaire, sessions: Sequence[SessionAnswers]) -> list[Reading]:
    """Read each session once, for the functions that look across all of them."""
    return [Reading(questionnaire, session.answers, _known(questionnaire, session)) for session in sessions]


def _known(questionnaire: Questionnaire, session: SessionAnswers) -> frozenset[str] | None:
    if session.version is None:
        return None
    return questions_in_version(questionnaire, session.version, session.answers)


def feeling_score(said: Said) -> int | None:
    """A feelings answer as a number from 1 (very sad) to 5 (very happy); None for anything else."""
    values = said.values if said.answered else ()
    return FEELING_SCORES.get(values[0]) if len(values) == 1 else None


def findings_of(questionnaire: Questionnaire, answers: Answers) -> Findings:
    """What a session's answers raise and say, read once through the questionnaire's flow (a weekend like a
    school day raises nothing of its own and has no feeling of its own)."""
    reading = Reading(questionnaire, answers)
    raised: dict[str, set[tuple[str, str]]] = {WORTH_EXPLORING: set(), GOING_WELL: set()}
    feelings = {}
    for question in questionnaire.questions:
        for day in question.day_kinds:
            said = reading.said(question.id, day)
            if said.like_school_day:
                continue
            for link in question.care:
                if link.signal in raised and raises(question, link, said):
                    raised[link.signal].add((link.area, link.prompt))
            if question.type == "feelings" and (score := feeling_score(said)) is not None:
                feelings[(question.id, day)] = score
    weekend = {
        part.id: reading.weekend_differs(part.id) for part in questionnaire.parts if part.asks_about_weekend
    }
    return Findings(frozenset(raised[WORTH_EXPLORING]), frozenset(raised[GOING_WELL]), weekend, feelings)
