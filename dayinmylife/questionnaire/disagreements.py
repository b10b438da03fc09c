"""Several accounts of the same day: where the child, a parent or carer and the practitioner disagree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dayinmylife.questionnaire.flow import answer_for_day
from dayinmylife.questionnaire.model import (
    NOT_A_REAL_ANSWER,
    WEEKEND,
    Answer,
    Question,
    Questionnaire,
)

ACCOUNTS = ("child", "parent_carer", "practitioner")


@dataclass(frozen=True)
class Disagreement:
    question: Question
    day: str
    answers: dict[str, Answer]  # account -> what that account said


def _comparable(answer: Answer | None) -> frozenset | None:
    """The values an answer gives, or None where it says nothing to compare (skipped, don't know)."""
    if answer is None or answer.skipped:
        return None
    values = frozenset(answer.values)
    return None if values <= set(NOT_A_REAL_ANSWER) else values


def disagreements(
    questionnaire: Questionnaire, answers_by_account: Mapping[str, Mapping[tuple[str, str], Answer]]
) -> list[Disagreement]:
    """List the questions, in the order of the day, where two accounts give different answers.

    Free text is never called a disagreement: two people's own words always differ.
    """
    found = []
    for question in questionnaire.questions:
        if question.free_text:
            continue
        for day in question.day_kinds:
            if day == WEEKEND and not any(
                (question.id, WEEKEND) in answers for answers in answers_by_account.values()
            ):
                continue  # nobody described a different weekend: the school-day line says it all
            said = {
                account: answer
                for account, answers in answers_by_account.items()
                if _comparable(answer := answer_for_day(questionnaire, answers, question.id, day)) is not None
            }
            if len({_comparable(answer) for answer in said.values()}) > 1:
                found.append(Disagreement(question, day, said))
    return found
