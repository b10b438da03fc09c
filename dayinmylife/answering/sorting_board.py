"""A sorting board sent whole: where JavaScript runs, the child sorts every picture of a board on one page (by
tapping, dragging or keyboard) and the page sends them all at once. Without it each picture is its own page, an
ordinary question. Either way each picture is stored as its own answer: good, not sure or not good."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

from dayinmylife.questionnaire import flow
from dayinmylife.questionnaire.builtins import SORTING

SORTED = frozenset(option.value for option in SORTING)
NOT_A_PLACE = _l("A picture was put somewhere that is not one of the mats. Put it on a mat and try again.")


def field_name(step: flow.Step) -> str:
    """The form field that carries one picture's place on the board."""
    return f"sort-{step.question.id}"


def board_steps(steps: list[flow.Step], step: flow.Step) -> list[flow.Step]:
    """The pictures of this step's board, on its day, that the flow asks now (the step itself at least)."""
    board = step.question.board
    same = [s for s in steps if s.question.board == board and s.day == step.day]
    return same or [step]


def board_answers(form: Mapping, steps: list[flow.Step]) -> tuple[dict[flow.Step, str | None], str | None]:
    """Each picture's place (None: left unsorted, saved as skipped), or the problem with what was sent."""
    placed = {}
    for step in steps:
        value = form.get(field_name(step)) or None
        if value is not None and value not in SORTED:
            return {}, NOT_A_PLACE
        placed[step] = value
    return placed, None
