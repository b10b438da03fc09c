"""Recoding, before any count is hidden: the answers a results table counts in one row.

"Not sure", "I don't know" and "I'd rather not say" are always one row, "not sure or not saying". A
questionnaire may also name answers to report together (`report_together`, questionnaires/README.md): they are
one row where one of them alone counts fewer than the minimum for the whole consultation on a day it is asked,
and apart otherwise. Statistical offices recode so before they hide anything: fewer counts fall under the
minimum, so fewer are hidden, and the whole consultation's figures can be shown.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

from dayinmylife.questionnaire.builtins import ALWAYS_OFFERED, NOT_SUBSTANTIVE, NOT_SURE_OR_NOT_SAYING
from dayinmylife.questionnaire.model import Option, Question, Questionnaire, ReportGroup

Together = tuple[ReportGroup, ...]  # a question's groups of answers reported as one row


def rows_of(question: Question, together: Together = ()) -> tuple[Option, ...]:
    """A question's rows in results: its answers (those reported together as one, where the first of them
    stands), then "not sure or not saying" for all that are no answer."""
    group_of = {answer: group for group in together for answer in group.answers}
    rows: dict[str, Option] = {}
    for option in question.options:
        group = group_of.get(option.value)
        if group is None:
            rows[option.value] = option
        elif group.value not in rows:
            rows[group.value] = Option(group.value, group.label, option.picture)
    return reported_rows((*rows.values(), *ALWAYS_OFFERED))


def reported_rows(options: Iterable[Option]) -> tuple[Option, ...]:
    return (*(option for option in options if option.value not in NOT_SUBSTANTIVE), NOT_SURE_OR_NOT_SAYING)


def row_of(answer: Hashable, together: Together = ()) -> Hashable:
    """The row an answer is counted in."""
    if answer in NOT_SUBSTANTIVE:
        return NOT_SURE_OR_NOT_SAYING.value
    return next((group.value for group in together if answer in group.answers), answer)


def in_force(
    questionnaire: Questionnaire, whole: Mapping[tuple[str, str], Mapping[Hashable, int]], minimum: int
) -> dict[str, Together]:
    """Per question, its groups of answers reported together: those where one of the answers counts fewer than
    the minimum in the whole consultation on a day it is asked, and counting them as one leaves fewer days
    with a count under the minimum alone in the whole consultation's column (which hides another with it:
    the pupils who answered minus the other counts would tell it). `whole`: (question id, day) -> answer ->
    pupils, "not sure or not saying" already one row."""
    found = {}
    for question in questionnaire.questions:
        days = [whole.get((question.id, day), {}) for day in question.day_kinds]
        rows = [option.value for option in rows_of(question)]
        together: Together = ()
        for group in question.report_together:
            if not any(counts.get(answer, 0) < minimum for counts in days for answer in group.answers):
                continue
            merged = (*together, group)
            if _lone_small(days, rows, together, minimum) > _lone_small(days, rows, merged, minimum):
                together = merged
        if together:
            found[question.id] = together
    return found


def _lone_small(days: list[Mapping[Hashable, int]], rows: list[str], together: Together, minimum: int) -> int:
    """On how many days one count alone, of a question's rows counted so, is under the minimum (a 0 of "not
    sure or not saying" is shown: it tells no one's answer)."""
    lone = 0
    for counts in days:
        merged: dict[Hashable, int] = {}
        for row in rows:
            merged[row_of(row, together)] = merged.get(row_of(row, together), 0) + counts.get(row, 0)
        small = [
            row
            for row, count in merged.items()
            if count < minimum and not (row == NOT_SURE_OR_NOT_SAYING.value and count == 0)
        ]
        lone += len(small) == 1
    return lone
