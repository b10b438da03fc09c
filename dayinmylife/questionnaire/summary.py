"""A session's answers laid out by part of the day, school day beside weekend, in words a person reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dayinmylife.questionnaire import flow
from dayinmylife.questionnaire.builtins import ALWAYS_OFFERED
from dayinmylife.questionnaire.model import (
    ONCE,
    SCHOOL,
    WEEKEND,
    Answer,
    Option,
    Part,
    Question,
    Questionnaire,
)


@dataclass(frozen=True)
class ShownAnswer:
    """What one answer shows: the options chosen, or the child's own words, or that it was skipped."""

    options: tuple[Option, ...] = ()
    words: str | None = None
    skipped: bool = False
    source: str | None = None
    language: str | None = None  # the language own words were written in

    @property
    def is_own_words(self) -> bool:
        return self.words is not None


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


def shown(question: Question, answer: Answer | None) -> ShownAnswer | None:
    """Turn a stored answer into what a person reads."""
    if answer is None:
        return None
    if answer.skipped:
        return ShownAnswer(skipped=True, source=answer.source)
    values = answer.value if isinstance(answer.value, list) else [answer.value]
    chosen = [_option(question, value) for value in values]
    if question.free_text and chosen[0] is None:
        return ShownAnswer(words=answer.value, source=answer.source, language=answer.language)
    return ShownAnswer(options=tuple(option for option in chosen if option), source=answer.source)


def _option(question: Question, value) -> Option | None:
    return question.option(value) or next((o for o in ALWAYS_OFFERED if o.value == value), None)


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
