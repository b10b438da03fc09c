"""One answer in words and pictures, as a page shows it."""

from __future__ import annotations

from dataclasses import dataclass

from dayinmylife.questionnaire.builtins import ALWAYS_OFFERED
from dayinmylife.questionnaire.model import (
    Answer,
    Option,
    Question,
)


@dataclass(frozen=True)
class ShownAnswer:
    """What one answer shows: the options chosen, or the child's own words, or that it was skipped."""

    options: tuple[Option, ...] = ()
    words: str | None = None
    skipped: bool = False
    source: str | None = None
    language: str | None = None  # the language own words were written in
    shown_by: tuple[str, ...] = ()  # how the child showed it (model.SHOWN_BY)

    @property
    def is_own_words(self) -> bool:
        return self.words is not None


def shown(question: Question, answer: Answer | None) -> ShownAnswer | None:
    """Turn a stored answer into what a person reads."""
    if answer is None:
        return None
    if answer.skipped:
        return ShownAnswer(skipped=True, source=answer.source, shown_by=answer.shown_by)
    values = answer.values
    chosen = [_option(question, value) for value in values]
    if question.free_text and chosen[0] is None:
        return ShownAnswer(
            words=answer.value, source=answer.source, language=answer.language, shown_by=answer.shown_by
        )
    return ShownAnswer(
        options=tuple(option for option in chosen if option), source=answer.source, shown_by=answer.shown_by
    )


def _option(question: Question, value) -> Option | None:
    return question.option(value) or next((o for o in ALWAYS_OFFERED if o.value == value), None)
