"""What a questionnaire asks, in order, given the answers so far.

Each part is asked about a school day first; parts with questions for both days then ask whether the
weekend is different, and only a "yes" asks that part's questions again about a weekend day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dayinmylife.questionnaire import builtins
from dayinmylife.questionnaire.conditions import holds
from dayinmylife.questionnaire.model import ONCE, SCHOOL, WEEKEND, Part, Question, Questionnaire

# Answers so far: (question id, day kind) -> the stored value (None when skipped).
Answers = Mapping[tuple[str, str], Any]


@dataclass(frozen=True)
class Step:
    part: Part
    question: Question
    day: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.question.id, self.day)

    @property
    def is_weekend_question(self) -> bool:
        return self.question.id == self.part.weekend_question_id


def weekend_question(questionnaire: Questionnaire, part: Part) -> Question:
    """The "is this part different at the weekend?" question asked after a part."""
    return _weekend_question(part.weekend_question_id, questionnaire.weekend_question, part.id)


@lru_cache(maxsize=1024)
def _weekend_question(question_id: str, prompt: str, part_id: str) -> Question:
    # Made once (a Question is frozen, so one is as good as another): every page works out the whole flow.
    return Question(
        id=question_id, type="yes_no", prompt=prompt, days=ONCE, options=builtins.YES_NO, part_id=part_id
    )


def steps(questionnaire: Questionnaire, answers: Answers) -> list[Step]:
    """List every question to ask, in order, for the answers given so far."""
    ordered: list[Step] = []
    for part in questionnaire.parts:
        for question in part.questions:
            day = SCHOOL if question.days == "both" else ONCE
            if _asked(questionnaire, question, day, answers):
                ordered.append(Step(part, question, day))
        if not part.asks_about_weekend:
            continue
        gate = weekend_question(questionnaire, part)
        ordered.append(Step(part, gate, ONCE))
        if answers.get((gate.id, ONCE)) == "yes":
            ordered.extend(
                Step(part, question, WEEKEND)
                for question in part.questions
                if question.days == "both" and _asked(questionnaire, question, WEEKEND, answers)
            )
    return ordered


def weekend_differs(questionnaire: Questionnaire, answers: Answers) -> dict[str, Any]:
    """Say, per part, what the child answered about the weekend being different (None if not asked)."""
    return {
        part.id: answers.get((part.weekend_question_id, ONCE))
        for part in questionnaire.parts
        if part.asks_about_weekend
    }


def _asked(questionnaire: Questionnaire, question: Question, day: str, answers: Answers) -> bool:
    if question.ask_if is None:  # most questions: always asked
        return True
    return holds(
        question.ask_if,
        lambda question_id: answer_for_day(
            questionnaire, answers, question_id, SCHOOL if day == ONCE else day
        ),
    )


def find_step(all_steps: list[Step], question_id: str, day: str) -> Step | None:
    """Find a step by its question and day, if it is asked for the answers so far."""
    return next((step for step in all_steps if step.key == (question_id, day)), None)


def step_after(all_steps: list[Step], step: Step) -> Step | None:
    index = all_steps.index(step)
    return all_steps[index + 1] if index + 1 < len(all_steps) else None


def step_before(all_steps: list[Step], step: Step) -> Step | None:
    index = all_steps.index(step)
    return all_steps[index - 1] if index > 0 else None


def first_unanswered(all_steps: list[Step], answered: set[tuple[str, str]]) -> Step | None:
    """The step to resume at: the first not yet answered or skipped (None: all done)."""
    return next((step for step in all_steps if step.key not in answered), None)


def left_to_answer(all_steps: list[Step], answered: set[tuple[str, str]]) -> int:
    """How many questions are still to come (about: later answers can add or remove some)."""
    return sum(step.key not in answered for step in all_steps)


def weekend_like_a_school_day(weekend_answer) -> bool:
    """The weekend rule, the one every page follows: is this part of the weekend like a school day?

    Only when the child said "no" to "is this different at the weekend?": the school day's answers then
    hold for the weekend too. A "yes" asks the part again about a weekend day. "Not sure", "I don't know",
    "I'd rather not say", a skip or no answer yet leave the weekend unknown: its questions are not asked,
    and nothing is assumed from the school day (a condition on such a weekend answer sees no answer).
    """
    return getattr(weekend_answer, "value", weekend_answer) == "no"


def answer_for_day(questionnaire: Questionnaire, answers: Mapping, question_id: str, day: str):
    """The answer that holds for a day: the school day's for a weekend like a school day (see above)."""
    question = questionnaire.questions_by_id[question_id]
    if question.days == "once":
        return answers.get((question_id, ONCE))
    if day == WEEKEND:
        gate = answers.get((questionnaire.part_of(question).weekend_question_id, ONCE))
        if weekend_like_a_school_day(gate):
            return answers.get((question_id, SCHOOL))
    return answers.get((question_id, day))
