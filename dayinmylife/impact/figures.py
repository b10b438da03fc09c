"""The partnership's impact report for a quarter: across every team, the children heard (a finished session
started in the quarter), how often, whether in their own words, whether their agreed outcomes are met more
often than at first, where their weekends differ and which areas of care their latest session found worth
exploring or going well. Counted in children, per team, with small numbers suppressed by the consultations'
own code (consultations/suppression.py), so that no child can be picked out. Pure: counts per team in (the
store counts them: store/impact.py), tables out.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from dayinmylife.consultations.results import PUPILS, Group, Layout, Tally, share
from dayinmylife.consultations.suppression import (
    ANSWERED,
    NOT_REPORTED,
    POOLED,
    WHOLE,
    Cell,
    Link,
    Suppressed,
    suppress_linked,
)
from dayinmylife.questionnaire.findings import GOING_WELL, WORTH_EXPLORING
from dayinmylife.questionnaire.model import AREAS_OF_CARE

HEARD, SESSIONS, OUTCOMES, WEEKEND = "heard", "sessions", "outcomes", "weekend"
OWN_ACCOUNT, ADULTS_ONLY = "own_account", "adults_only"
ONE, TWO, THREE_OR_MORE = "1", "2", "3+"
MORE_MET, AS_MANY_MET, FEWER_MET = "more", "as_many", "fewer"
TABLES = (HEARD, SESSIONS, OUTCOMES, WEEKEND, WORTH_EXPLORING, GOING_WELL)
PICK_SEVERAL = (WEEKEND, WORTH_EXPLORING, GOING_WELL)  # a child counts under each part or area that applies
UNSAID = Cell(None, NOT_REPORTED)  # a team's column in a quarter it is not reported in


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1 (January to March) to 4

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str | None) -> Quarter | None:
        """A quarter as its address gives it ("2026-q4"); None for anything else."""
        found = re.fullmatch(r"(\d{4})-q([1-4])", text or "")
        return cls(int(found[1]), int(found[2])) if found and int(found[1]) >= 1970 else None

    @property
    def slug(self) -> str:
        return f"{self.year}-q{self.number}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """The first day after the quarter."""
        return self.next.start

    @property
    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    @property
    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)


def outcome_change(met_at_first: int, met_at_latest: int) -> str:
    if met_at_latest > met_at_first:
        return MORE_MET
    return AS_MANY_MET if met_at_latest == met_at_first else FEWER_MET


@dataclass(frozen=True)
class Report:
    quarter: Quarter
    minimum: int
    groups: tuple[Group, ...]  # the teams with children heard; the children of no team last (id None)
    children: Suppressed  # children heard per team and in all
    tables: Mapping[str, Suppressed]

    @property
    def reported(self) -> tuple[Group, ...]:
        return tuple(group for group in self.groups if group.reported)

    @property
    def enough(self) -> bool:
        return sum(group.size for group in self.groups) >= self.minimum

    def has(self, column: Hashable) -> bool:
        """Whether the report has this column: all teams, or a team reported on its own."""
        return column == WHOLE or any(group.column == column for group in self.reported)

    def heard(self, column: Hashable = WHOLE) -> Cell:
        return self.children.cell(PUPILS, column) if self.has(column) else UNSAID

    def counted(self, name: str, column: Hashable = WHOLE) -> Cell:
        """How many children a table counts (those it has something to say of), as it may be shown."""
        return self.tables[name].answered(column) if self.has(column) else UNSAID

    def count(self, name: str, answer: Hashable, column: Hashable = WHOLE) -> tuple[Cell, float | None]:
        """The children under one answer of a table, as it may be shown, and their share of those counted."""
        table = self.tables[name]
        if not self.has(column) or answer not in table.table.answers:
            return UNSAID, None
        return table.cell(answer, column), share(table, answer, column)


def side_by_side(now: Report, before: Report, name: str, column: Hashable) -> list[tuple[Hashable, list]]:
    """Each answer of a table with (series, cell, share) for this quarter ("now") and the one before."""
    return [
        (answer, [("now", *now.count(name, answer, column)), ("before", *before.count(name, answer, column))])
        for answer in now.tables[name].table.answers
    ]


def teams_heard(teams: Iterable[Mapping], sizes: Mapping[int | None, int], minimum: int) -> tuple[Group, ...]:
    """Each team with children heard, then the children of no team as a group of their own (id None, no
    name); each reported when it has at least the minimum. Unlike a consultation's pupils without a group,
    children of no team sit beside teams, so they must be a group that can be too small like any other."""
    named = [Group(team["id"], team["name"], sizes.get(team["id"], 0), False) for team in teams]
    groups = [*named, Group(None, "", sizes.get(None, 0), False)]
    return tuple(
        Group(group.id, group.name, group.size, group.size >= minimum) for group in groups if group.size > 0
    )


# (table, team id or None, answer or None for the children the table counts, children): what SQL counts
Count = tuple[str, int | None, str | None, int]


def build_report(
    quarter: Quarter, teams: Iterable[Mapping], counts: Iterable[Count], parts: tuple[str, ...], minimum: int
) -> Report:
    """Put each table's counts per team (every child heard counted once in HEARD) and suppress small numbers
    in all of them at once: no table counts more children than were heard in a team, which the suppression
    knows."""
    counts = list(counts)
    sizes = {team: children for table, team, answer, children in counts if table == HEARD and answer is None}
    groups = teams_heard(teams, sizes, minimum)
    layout = Layout(groups, minimum)
    tallies = {name: Tally() for name in TABLES}
    for table, team, answer, children in counts:
        if table not in tallies:
            continue
        if answer is None:
            tallies[table].answered[team] += children
        else:
            tallies[table].answers[(answer, team)] += children
    rows = {
        HEARD: (OWN_ACCOUNT, ADULTS_ONLY),
        SESSIONS: (ONE, TWO, THREE_OR_MORE),
        OUTCOMES: (MORE_MET, AS_MANY_MET, FEWER_MET),
        WEEKEND: parts,
        WORTH_EXPLORING: AREAS_OF_CARE,
        GOING_WELL: AREAS_OF_CARE,
    }
    tables = {name: layout.count_table(rows[name], tallies[name], name in PICK_SEVERAL) for name in TABLES}
    columns = (*layout.columns, *((POOLED,) if layout.pooled_pupils is not None else ()), WHOLE)
    links = [Link(((name, ANSWERED, c),), ((PUPILS, PUPILS, c),)) for name in TABLES for c in columns]
    suppressed = suppress_linked({PUPILS: layout.pupils_table, **tables}, links, minimum, fixed=[PUPILS])
    return Report(quarter, minimum, groups, suppressed.pop(PUPILS), suppressed)
