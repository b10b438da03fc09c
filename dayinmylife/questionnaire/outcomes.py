"""Agreed outcomes for the child's experience, and whether a session shows each one met."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dayinmylife.questionnaire.flow import answer_for_day
from dayinmylife.questionnaire.model import NOT_A_REAL_ANSWER, Answer, Questionnaire

MET, NOT_MET, NOT_ASKED = "met", "not_met", "not_asked"


@dataclass(frozen=True)
class Outcome:
    """ "I have breakfast before school": met when this question, on this day, has one of these answers."""

    statement: str
    question_id: str
    day: str  # school | weekend | once
    met_when: tuple[str, ...]

    @classmethod
    def from_row(cls, row: Mapping) -> Outcome:
        """An outcome as the store keeps it (its answers that mean met, a list)."""
        return cls(row["statement"], row["question_id"], row["day"], tuple(row["met_when"]))


def outcome_status(
    questionnaire: Questionnaire, answers: Mapping[tuple[str, str], Answer], outcome: Outcome
) -> str:
    """Say whether a session shows the outcome met, not met, or cannot say (not asked, skipped, don't know)."""
    question = questionnaire.questions_by_id.get(outcome.question_id)
    if question is None:
        return NOT_ASKED
    answer = answer_for_day(questionnaire, answers, outcome.question_id, outcome.day)
    if answer is None or answer.skipped:
        return NOT_ASKED
    values = set(answer.values)
    if values <= set(NOT_A_REAL_ANSWER):
        return NOT_ASKED
    return MET if values & set(outcome.met_when) else NOT_MET
