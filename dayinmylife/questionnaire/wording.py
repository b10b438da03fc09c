"""A questionnaire worded for an adult giving their account of the child's day: the same questions, ids and
answers, each asked about the child by name ("Who wakes {name} up?", "{name} wakes up on their own").

A session keeps its answers by question id and value, so a parent's account and the child's compare answer by
answer; only the words differ. `{name}` stays in the texts, to be filled in once translated (web/i18n.py).
"""

from __future__ import annotations

from dataclasses import replace

from dayinmylife.questionnaire.model import Option, Part, Question, Questionnaire

_worded: dict[int, tuple[Questionnaire, Questionnaire]] = {}


def for_adults(questionnaire: Questionnaire) -> Questionnaire:
    """The questionnaire as an adult is asked it (itself where it is answered by an adult already)."""
    if questionnaire.answered_by != "child" or questionnaire.wording == "adult":
        return questionnaire
    kept = _worded.get(id(questionnaire))
    if kept is None or kept[0] is not questionnaire:
        kept = (questionnaire, _adult(questionnaire))
        _worded[id(questionnaire)] = kept
    return kept[1]


def _adult(questionnaire: Questionnaire) -> Questionnaire:
    return replace(
        questionnaire,
        weekend_question=questionnaire.adult_weekend_question or questionnaire.weekend_question,
        parts=tuple(
            Part(part.id, part.title, part.picture, tuple(_question(question) for question in part.questions))
            for part in questionnaire.parts
        ),
        wording="adult",
        questions_by_id={},
    )


def _question(question: Question) -> Question:
    return replace(
        question,
        prompt=question.adult_prompt or question.prompt,
        hint=question.adult_hint or question.hint,
        options=tuple(_option(option) for option in question.options),
        board=replace(question.board, prompt=question.board.adult_prompt or question.board.prompt)
        if question.board
        else None,
    )


def _option(option: Option) -> Option:
    return replace(option, label=option.adult_label) if option.adult_label else option
