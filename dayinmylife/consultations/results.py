"""A consultation's results: answers counted per question and day, for the whole and each group, with small
numbers suppressed. Pure Python: counts in, tables out (the counting itself is SQL, in store/consultations.py)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from dayinmylife.consultations.recoding import Together, in_force, row_of, rows_of
from dayinmylife.consultations.suppression import (
    ANSWERED,
    POOLED,
    WHOLE,
    CountTable,
    Link,
    Suppressed,
    suppress,
    suppress_linked,
)
from dayinmylife.questionnaire import flow
from dayinmylife.questionnaire.builtins import NOT_SURE_OR_NOT_SAYING
from dayinmylife.questionnaire.model import ONCE, SCHOOL, WEEKEND, Option, Part, Question, Questionnaire

EVERYONE = "everyone"  # the one column of a consultation without groups
PUPILS = "pupils"  # the row of pupils per group

# (question id, day, stored value as JSON or None for a skip, {group id: pupils}) from the database
CountRow = tuple[str, str, str | None, dict[int | None, int]]


@dataclass(frozen=True)
class Group:
    id: int | None
    name: str
    size: int  # pupils who gave at least one answer
    reported: bool

    @property
    def column(self) -> Hashable:
        return EVERYONE if self.id is None else self.id


@dataclass(frozen=True)
class DayResult:
    day: str  # school | weekend | once
    table: Suppressed


@dataclass(frozen=True)
class QuestionResult:
    part: Part
    question: Question
    options: tuple[Option, ...]  # the rows: the question's answers, then "I don't know", "I'd rather not say"
    days: tuple[DayResult, ...]


@dataclass(frozen=True)
class PartResult:
    part: Part
    weekend_differs: DayResult | None  # answers to "is this part of your day different at the weekend?"
    questions: tuple[QuestionResult, ...]


@dataclass(frozen=True)
class Results:
    minimum: int
    groups: tuple[Group, ...]  # every group that has responses, reported or not
    pupils: Suppressed  # pupils per reported group and in all: the only row, "pupils"
    parts: tuple[PartResult, ...]
    together: Mapping[str, Together] = field(default_factory=dict)  # answers counted as one, per question

    def pupils_in(self, group: Group | None = None):
        """How many pupils answered in a group (or in all), as it may be shown."""
        return self.pupils.cell(PUPILS, group.column if group else WHOLE)

    @property
    def responses(self) -> int:
        return sum(group.size for group in self.groups)

    @property
    def enough(self) -> bool:
        return enough_pupils(self.groups, self.minimum)

    @property
    def reported(self) -> tuple[Group, ...]:
        return tuple(group for group in self.groups if group.reported)

    @property
    def not_reported(self) -> tuple[Group, ...]:
        return tuple(group for group in self.groups if not group.reported)

    @property
    def has_groups(self) -> bool:
        return any(group.id is not None for group in self.groups)


def enough_pupils(groups: Iterable[Group], minimum: int) -> bool:
    """Whether the consultation as a whole has enough pupils to report anything."""
    return sum(group.size for group in groups) >= minimum


def groups_of(named: Iterable[dict], sizes: dict[int | None, int], minimum: int) -> tuple[Group, ...]:
    """The consultation's groups with their pupils; a group under the minimum is not reported."""
    groups = [Group(row["id"], row["name"], sizes.get(row["id"], 0), False) for row in named]
    if not groups or sizes.get(None):  # no groups, or pupils without one (never both in practice)
        groups.append(Group(None, "", sizes.get(None, 0), False))
    with_pupils = [group for group in groups if group.size > 0]
    return tuple(
        Group(group.id, group.name, group.size, group.size >= minimum and (group.id is not None or not named))
        for group in with_pupils
    )


def build_results(
    questionnaire: Questionnaire,
    groups: tuple[Group, ...],
    rows: Iterable[CountRow],
    minimum: int,
    together: Mapping[str, Together] | None = None,
) -> Results:
    """Count each question's answers per group and day and suppress small numbers in every table. `together`:
    the answers counted as one (a school's results count them as the whole consultation's do); by default,
    those the whole's counts call for."""
    rows = list(rows)
    if together is None:  # what the whole's counts call for: counted once, all groups as one
        whole = _tally((*row[:3], {None: sum(row[3].values())}) for row in rows)
        together = in_force(questionnaire, {name: tally.whole() for name, tally in whole.items()}, minimum)
    tallies = _tally(rows, together)
    layout = Layout(groups, minimum)
    tables: dict[Hashable, CountTable] = {PUPILS: layout.pupils_table}
    for part in questionnaire.parts:
        if part.asks_about_weekend:
            gate = flow.weekend_question(questionnaire, part)
            # The page leads with how many said this part of their day is different at the weekend.
            tables[(gate.id, ONCE)] = layout.table(gate, tallies.get((gate.id, ONCE)), headline=("yes",))
        for question in part.questions:
            if not question.free_text:
                for day in question.day_kinds:
                    tally = tallies.get((question.id, day))
                    tables[(question.id, day)] = layout.table(question, tally, together.get(question.id, ()))
    links = _links(questionnaire, tables, layout, together)
    suppressed = suppress_linked(tables, links, minimum, fixed=[PUPILS])
    return arranged(questionnaire, minimum, groups, suppressed, together)


def arranged(
    questionnaire: Questionnaire,
    minimum: int,
    groups: tuple[Group, ...],
    tables: Mapping[Hashable, Suppressed],
    together: Mapping[str, Together],
) -> Results:
    """Results from their tables (PUPILS, and (question id, day) for each), in the questionnaire's order."""
    parts = []
    for part in questionnaire.parts:
        gate_id = part.weekend_question_id
        weekend_differs = DayResult(ONCE, tables[(gate_id, ONCE)]) if part.asks_about_weekend else None
        questions = tuple(
            QuestionResult(
                part,
                question,
                rows_of(question, together.get(question.id, ())),
                tuple(DayResult(day, tables[(question.id, day)]) for day in question.day_kinds),
            )
            for question in part.questions
            if not question.free_text
        )
        parts.append(PartResult(part, weekend_differs, questions))
    return Results(minimum, groups, tables[PUPILS], tuple(parts), together)


def _links(
    questionnaire: Questionnaire, tables: dict, layout: Layout, together: dict[str, Together]
) -> list[Link]:
    """What the order of the questions makes true between tables, in every column.

    No table answers more than its group has pupils; a part's weekend questions are answered by at most those
    who said its weekend is different; a follow-up by at most those whose answer asked it (and, asked of
    everyone but those who gave an answer, by at most the others). Conditions of other shapes give no link.
    """
    columns = (*layout.columns, *((POOLED,) if layout.pooled_pupils is not None else ()), WHOLE)
    links = []
    for name in tables:
        if name == PUPILS:
            continue
        links += [Link(((name, ANSWERED, c),), ((PUPILS, PUPILS, c),)) for c in columns]
        question_id, day = name
        if question_id not in questionnaire.questions_by_id:
            continue  # a part's "is the weekend different?"
        question = questionnaire.questions_by_id[question_id]
        part = questionnaire.part_of(question)
        everyone = (PUPILS, PUPILS)
        if day == WEEKEND:
            everyone = ((part.weekend_question_id, ONCE), "yes")
            links += [Link(((name, ANSWERED, c),), ((*everyone, c),)) for c in columns]
        links += _follow_up_links(questionnaire, question, day, part, everyone, tables, columns, together)
    return links


def _follow_up_links(questionnaire, question, day, part, everyone, tables, columns, together) -> list[Link]:
    condition = question.ask_if or {}
    negated = "not" in condition
    condition = condition.get("not", condition)
    if set(condition) != {"question", "any_of"}:
        return []
    asker = questionnaire.questions_by_id[condition["question"]]
    if asker.days == "once":
        asker_day = ONCE
    elif day == WEEKEND and questionnaire.part_of(asker) != part:
        return []  # asked by the weekend answer or the school-day one, pupil by pupil: no count to link
    else:
        asker_day = WEEKEND if day == WEEKEND else SCHOOL
    asker_table = (asker.id, asker_day)
    rows = {value: row_of(value, together.get(asker.id, ())) for value in condition["any_of"]}
    if negated and any(row != value for value, row in rows.items()):
        return []  # its row counts others too: only the separate count, never shown, would link them
    named = dict.fromkeys(rows.values())  # a row counting more still bounds it
    values = [v for v in named if asker_table in tables and v in tables[asker_table].answers]
    name = (question.id, day)
    if not negated:
        return [Link(((name, ANSWERED, c),), tuple((asker_table, v, c) for v in values)) for c in columns]
    if asker.multiple and len(values) > 1:
        return []  # a pupil picking two of them would be counted twice
    return [
        Link(((name, ANSWERED, c), *((asker_table, v, c) for v in values)), ((*everyone, c),))
        for c in columns
    ]


def share(table: Suppressed, answer: Hashable, column: Hashable) -> float | None:
    """The share of pupils who answered that gave this answer, when both numbers are shown."""
    cell, answered = table.cell(answer, column), table.answered(column)
    if not (cell.shown and answered.shown and answered.count):
        return None
    return cell.count / answered.count


class Tally:
    """One question on one day: pupils per group who answered, and per answer."""

    def __init__(self):
        self.answered: dict[int | None, int] = defaultdict(int)
        self.answers: dict[tuple[str, int | None], int] = defaultdict(int)

    def whole(self) -> dict[Hashable, int]:
        """Pupils per answer in the whole consultation."""
        counts: dict[Hashable, int] = defaultdict(int)
        for (answer, _group), pupils in self.answers.items():
            counts[answer] += pupils
        return counts


def _tally(
    rows: Iterable[CountRow], together: dict[str, Together] | None = None
) -> dict[tuple[str, str], Tally]:
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for question_id, day, stored, per_group in rows:
        if stored is None:
            continue  # skipped: not an answer
        value = json.loads(stored)
        given = value if isinstance(value, list) else [value]
        rows_counted = dict.fromkeys(
            row_of(answer, (together or {}).get(question_id, ())) for answer in given
        )
        tally = tallies[(question_id, day)]
        for group_id, pupils in per_group.items():
            if not pupils:
                continue
            tally.answered[group_id] += pupils
            for answer in rows_counted:  # a pupil once a row
                tally.answers[(answer, group_id)] += pupils
    return tallies


class Layout:
    """Where each group's counts go: its own column if reported, else the pooled groups not reported."""

    def __init__(self, groups: tuple[Group, ...], minimum: int):
        self.pooled_pupils: int | None = None
        if not any(group.reported for group in groups):  # nothing tells one group from another: one column
            self.columns, self.column_of = (EVERYONE,), defaultdict(lambda: EVERYONE)
        else:
            self.columns = tuple(group.column for group in groups if group.reported)
            self.column_of = {group.id: group.column if group.reported else None for group in groups}
            pooled = [group for group in groups if not group.reported]
            if pooled:  # all anyone can know of them: each has fewer pupils than the minimum
                self.pooled_pupils = len(pooled) * (minimum - 1)
        self.pupils_table = self._pupils(groups)
        self.pupils = suppress(self.pupils_table, minimum)
        self.sizes = {
            column: self.pupils.cell(PUPILS, column).count
            for column in (*self.columns, WHOLE)
            if self.pupils.cell(PUPILS, column).shown
        }

    def _pupils(self, groups) -> CountTable:
        """Pupils per group, suppressed too: else the whole minus the others gives away a small group."""
        counts: dict[tuple[str, Hashable], int] = defaultdict(int)
        pooled = 0
        for group in groups:
            column = self.column_of[group.id]
            if column is None:
                pooled += group.size
            else:
                counts[(PUPILS, column)] += group.size
        answered = {column: counts[(PUPILS, column)] for column in self.columns}
        return CountTable(
            (PUPILS,), self.columns, counts, answered, {PUPILS: pooled}, pooled, self.pooled_pupils
        )

    def table(
        self,
        question: Question,
        tally: Tally | None,
        together: Together = (),
        headline: tuple[Hashable, ...] = (),
    ) -> CountTable:
        answers = tuple(option.value for option in rows_of(question, together))
        return self.count_table(answers, tally, question.multiple, headline)

    def count_table(
        self, answers: tuple[Hashable, ...], tally: Tally | None, pick_several: bool, headline: tuple = ()
    ) -> CountTable:
        """The table of these answers, from what was counted per group (None: nothing was)."""
        counts: dict[tuple[str, Hashable], int] = defaultdict(int)
        pooled: dict[str, int] = defaultdict(int)
        answered: dict[Hashable, int] = defaultdict(int)
        pooled_answered = 0
        for (answer, group_id), pupils in tally.answers.items() if tally else ():
            column = self.column_of[group_id]
            if column is None:
                pooled[answer] += pupils
            else:
                counts[(answer, column)] += pupils
        for group_id, pupils in tally.answered.items() if tally else ():
            column = self.column_of[group_id]
            if column is None:
                pooled_answered += pupils
            else:
                answered[column] += pupils
        return CountTable(
            answers,
            self.columns,
            counts,
            answered,
            pooled,
            pooled_answered,
            self.pooled_pupils,
            self.sizes,
            pick_several=pick_several,
            headline=headline,
            not_saying=NOT_SURE_OR_NOT_SAYING.value,
        )


def rows_for(result: QuestionResult, column: Hashable) -> list[tuple[Option, list[tuple]]]:
    """Each answer of a question with, per day, what to show: (day, cell, share or None)."""
    return [
        (
            option,
            [
                (day.day, day.table.cell(option.value, column), share(day.table, option.value, column))
                for day in result.days
            ],
        )
        for option in result.options
    ]


def weekend_rows(results: Results, column: Hashable) -> list[tuple[Part, list[tuple]]]:
    """Each part of the day with the pupils who said it is different at the weekend."""
    return [
        (
            part.part,
            [
                (
                    WEEKEND,
                    part.weekend_differs.table.cell("yes", column),
                    share(part.weekend_differs.table, "yes", column),
                )
            ],
        )
        for part in results.parts
        if part.weekend_differs
    ]
