"""Areas of care: whether an answer raises one of its question's prompts for professional judgement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dayinmylife.questionnaire.model import (
    CareLink,
    Question,
)

if TYPE_CHECKING:  # an answer as a session reads it; care needs only its values, not the reading itself
    from dayinmylife.questionnaire.reading import Said


def raises(question: Question, link: CareLink, said: Said) -> bool:
    """Say whether an answer raises a care link: a named answer, or a time later or earlier than one."""
    if not said.answered:
        return False
    if link.answers:
        return bool(set(said.values) & set(link.answers))
    clocks = [option.value for option in question.options]
    positions = [clocks.index(value) for value in said.values if value in clocks]
    if not positions:
        return False
    if link.later_than is not None and positions[0] > clocks.index(link.later_than):
        return True
    return link.earlier_than is not None and positions[0] < clocks.index(link.earlier_than)


def signals(question: Question, said: Said) -> set[tuple[str, str, str]]:
    return {(link.signal, link.area, link.prompt) for link in question.care if raises(question, link, said)}
