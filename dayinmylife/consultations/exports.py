"""A consultation's results and anonymous answers as CSV rows for the lead's own analysis. Pure Python.

Every cell that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) is
prefixed with a single quote, so a pupil's words can never run as a formula on the lead's computer.
"""

from __future__ import annotations

import csv
import io
import secrets
from array import array
from collections.abc import Callable, Iterable, Iterator

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from dayinmylife.consultations.recoding import reported_rows
from dayinmylife.consultations.results import Group, Results, share
from dayinmylife.consultations.suppression import HIDDEN, SMALL, WHOLE, Cell
from dayinmylife.questionnaire import flow
from dayinmylife.questionnaire.builtins import ALWAYS_OFFERED, YES_NO
from dayinmylife.questionnaire.model import (
    NOT_A_REAL_ANSWER,
    ONCE,
    SCHOOL,
    WEEKEND,
    Answer,
    Question,
    Questionnaire,
)
from dayinmylife.vocabulary import DAY_NAMES

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A cell as text that no spreadsheet will run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def as_csv(rows: Iterable[list]) -> Iterator[str]:
    """Write rows as CSV text, a line at a time, starting with a byte-order mark for spreadsheets."""
    yield "\ufeff"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def results_rows(results: Results, whole: str | None = None) -> Iterator[list]:
    """The suppressed results: a row per question, day and answer; the whole (a school's, named), then each
    reported group."""
    columns = [(WHOLE, whole or _("Whole consultation"))]
    if results.has_groups:
        columns += [(group.column, group.name) for group in results.reported]
    header = [_("Part of the day"), _("Question"), _("Day"), _("Answer")]
    for _column, name in columns:
        header += [_("%(group)s: pupils", group=name), _("%(group)s: per cent", group=name)]
    yield header
    for part in results.parts:
        tables = [(None, day_result) for day_result in [part.weekend_differs] if day_result]
        tables += [(question, day_result) for question in part.questions for day_result in question.days]
        for question, day_result in tables:
            where = [
                _(part.part.title),
                _(question.question.prompt) if question else _("Different at the weekend?"),
            ]
            where.append(DAY_NAMES[day_result.day])
            for option in question.options if question else reported_rows((*YES_NO, *ALWAYS_OFFERED)):
                row = [*where, _(option.label)]
                for column, _name in columns:
                    cell = day_result.table.cell(option.value, column)
                    row += [
                        count_text(cell, results.minimum),
                        percent_text(share(day_result.table, option.value, column)),
                    ]
                yield row
            answered = [*where, _("Pupils who answered")]
            for column, _name in columns:
                answered += [count_text(day_result.table.answered(column), results.minimum), ""]
            yield answered


def count_text(cell: Cell, minimum: int) -> str:
    """A count as a spreadsheet shows it: the number, or why it is not there."""
    if cell.shown:
        return str(cell.count)
    if cell.status == SMALL:
        return _("fewer than %(number)d", number=minimum)
    return _("hidden") if cell.status == HIDDEN else _("not shown")


def percent_text(fraction: float | None) -> str:
    return "" if fraction is None else f"{round(100 * fraction)}"


OTHER_GROUPS = _l("Other groups together")
OWN_WORDS_WRITERS_NEEDED = 10  # pupils who wrote something before a question's own words are exported


def group_labels(groups: tuple[Group, ...], minimum: int) -> dict[int | None, str] | None:
    """The label of each group's rows where no small group can be read from them, else None: no group at all.

    A reported group is named. Groups too small to report share one label if there are two or more of them
    and together they reach the minimum; one small group alone, or a few too small even together, would be
    picked out by any label or blank, so then no response says its group.
    """
    small = [group for group in groups if not group.reported]
    if not any(group.reported and group.id is not None for group in groups):
        return None
    if small and (len(small) < 2 or sum(group.size for group in small) < minimum):
        return None
    return {group.id: group.name if group.reported else str(OTHER_GROUPS) for group in groups}


def response_numbers(count: int) -> array:
    """Random six-digit numbers, one per response, in increasing order, that say nothing about who answered
    or when."""
    return array("i", sorted(secrets.SystemRandom().sample(range(100000, 1000000), count)))


def answer_rows(
    questionnaire: Questionnaire,
    response_ids: array,
    read: Callable[[array], Iterable[tuple[int | None, dict[tuple[str, str], Answer]]]],
    labels: dict[int | None, str] | None,
    writers: dict[str, int],
) -> Iterator[list]:
    """One row per pupil's response, in random order, numbered at random, with no time or date, made as they
    are written: the ids are shuffled (in place) and `read` gives each response in that order.

    The group column only where group_labels gives one; a question's own words only where enough wrote some.
    """
    columns = _answer_columns(questionnaire, writers)
    header = [_("Response")] + ([_("Group (only where reported)")] if labels is not None else [])
    yield header + [f"{_(question.prompt)} ({DAY_NAMES[day]})" for question, day in columns]
    secrets.SystemRandom().shuffle(response_ids)
    numbers = response_numbers(len(response_ids))
    label_of = _AnswerLabels()
    # A response deleted since its id was read is left out: one number goes unused.
    for number, (group_id, answers) in zip(numbers, read(response_ids), strict=False):
        group = [labels.get(group_id, "")] if labels is not None else []
        yield [number, *group, *_answer_row(questionnaire, columns, answers, label_of)]


def _answer_columns(questionnaire: Questionnaire, writers: dict[str, int]) -> list[tuple]:
    """Every question and day in the order asked: a part's school day, whether its weekend differs, then that.

    Own-words questions fewer than OWN_WORDS_WRITERS_NEEDED pupils wrote in are left out.
    """
    columns = []
    for part in questionnaire.parts:
        questions = [
            question
            for question in part.questions
            if not question.free_text or writers.get(question.id, 0) >= OWN_WORDS_WRITERS_NEEDED
        ]
        columns += [(question, ONCE if question.days == "once" else SCHOOL) for question in questions]
        if part.asks_about_weekend:
            columns.append((flow.weekend_question(questionnaire, part), ONCE))
            columns += [(question, WEEKEND) for question in questions if question.days == "both"]
    return columns


def _answer_row(questionnaire, columns, answers, label_of) -> list:
    asked = {step.key for step in flow.steps(questionnaire, {key: a.value for key, a in answers.items()})}
    row = []
    for question, day in columns:
        key = (question.id, day)
        answer = answers.get(key) if key in asked else None
        row.append(_answer_text(question, answer, label_of))
    return row


class _AnswerLabels:
    """The words of each answer in the reader's language, translated once an export, not once a cell (the
    questionnaire's words only: a pupil's own words are never kept here)."""

    def __init__(self):
        self.skipped = _("(skipped)")
        self.translated: dict[tuple[str, str], str] = {}

    def __call__(self, question: Question, value: str) -> str | None:
        if (question.id, value) not in self.translated:
            option = question.option(value) or next((o for o in ALWAYS_OFFERED if o.value == value), None)
            if option is None:
                return None
            self.translated[(question.id, value)] = _(option.label)
        return self.translated[(question.id, value)]


def _answer_text(question, answer: Answer | None, label_of: _AnswerLabels) -> str:
    if answer is None:
        return ""
    if answer.skipped:
        return label_of.skipped
    labels = []
    for value in answer.values:
        label = label_of(question, value)
        if label is not None:
            labels.append(label)
        elif question.free_text and value not in NOT_A_REAL_ANSWER:
            labels.append(value)
    return "; ".join(labels)
