"""A session's answers laid out by part of the day, school day beside weekend, in words a person reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dayinmylife.questionnaire import flow
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


@dataclass(frozen=True)
class Row:
    question: Question
    school: ShownAnswer | None  # None: not asked
    weekend: ShownAnswer | None
    once: bool


@dataclass(frozen=True)
class PartSummary:
    part: Part
    weekend_different: ShownAnswer | None  # the answer to "is this part different at the weekend?"
    weekend_asked: bool
    rows: tuple[Row, ...]


def day_summary(questionnaire: Questionnaire, answers: Mapping[tuple[str, str], Answer]) -> list[PartSummary]:
    """Lay out every asked question by part, with its school-day and weekend answers."""
    asked = {step.key for step in flow.steps(questionnaire, {key: a.value for key, a in answers.items()})}
    summaries = []
    for part in questionnaire.parts:
        gate = flow.weekend_question(questionnaire, part)
        rows = tuple(
            _row(question, answers, asked) for question in part.questions if _was_asked(question, asked)
        )
        summaries.append(
            PartSummary(
                part=part,
                weekend_different=shown(gate, answers.get((gate.id, ONCE))),
                weekend_asked=part.asks_about_weekend,
                rows=rows,
            )
        )
    return summaries


def _was_asked(question: Question, asked: set) -> bool:
    return any((question.id, day) in asked for day in (SCHOOL, WEEKEND, ONCE))


def _row(question: Question, answers, asked) -> Row:
    def answer_on(day: str) -> ShownAnswer | None:
        # An answer kept from before an earlier change means the question is no longer asked: not shown.
        return shown(question, answers.get((question.id, day))) if (question.id, day) in asked else None

    if question.days == "once":
        return Row(question, answer_on(ONCE), None, once=True)
    return Row(question, answer_on(SCHOOL), answer_on(WEEKEND), once=False)


def answered_in_order(questionnaire: Questionnaire, answers: Mapping) -> list[tuple[str, Question, str]]:
    """The answers given, in the order the questionnaire asks them: ("<question id> <day>", question, day)
    (what a practitioner's note can be about)."""
    return [
        (f"{question.id} {day}", question, day)
        for question in questionnaire.questions
        for day in (SCHOOL, WEEKEND, ONCE)
        if (question.id, day) in answers
    ]
