"""Results counted ahead. A consultation across more than COUNTED_AHEAD_OVER schools cannot be counted while its
lead waits (the Big Ask's 2,000 schools take about a minute, docs/performance.md): `flask consultations count`,
every hour (deploy/), counts it and keeps its results as its pages show them, and its pages read them. Kept for
each column (the whole consultation's, each school shown): each count's status and, where it is shown, its
number. A hidden count is never kept. Pure Python: results in, JSON out; JSON in, results out.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from dayinmylife.consultations.results import PUPILS, Group, Results, arranged
from dayinmylife.consultations.suppression import ANSWERED, WHOLE, Cell, Key, Suppressed
from dayinmylife.questionnaire.model import Questionnaire
from dayinmylife.store.kept_results import WHOLE_ROW

COUNTED_AHEAD_OVER = 200  # schools: a large council's results page is a few seconds; more are counted ahead


def counted_ahead(schools: int) -> bool:
    return schools > COUNTED_AHEAD_OVER


@dataclass(frozen=True)
class KeptTable:
    """A table as its page showed it when it was counted, for the columns read."""

    cells: Mapping[Key, Cell]

    def cell(self, answer: Hashable, group: Hashable) -> Cell:
        return self.cells[(answer, group)]

    def answered(self, group: Hashable = WHOLE) -> Cell:
        return self.cell(ANSWERED, group)

    @property
    def statuses(self) -> dict[Key, str]:
        return {key: cell.status for key, cell in self.cells.items()}


def to_keep(results: Results) -> dict[int, str]:
    """A row for the whole consultation (its column of every table, what the page says of its groups and each
    reported group's pupils) and one for each reported group (its column), as JSON."""
    tables = dict(_tables(results))
    rows = {
        group.id: json.dumps({"tables": _column(tables, group.column)}, separators=(",", ":"))
        for group in results.reported
    }
    whole = {
        "minimum": results.minimum,
        "groups": [[group.id, group.name, group.size, group.reported] for group in results.groups],
        "together": {
            question: [group.value for group in kept] for question, kept in results.together.items()
        },
        "pupils": [
            [group.column, *_shown(results.pupils, PUPILS, group.column)] for group in results.reported
        ],
        "tables": _column(tables, WHOLE),
    }
    return {WHOLE_ROW: json.dumps(whole, separators=(",", ":")), **rows}


def results_of(questionnaire: Questionnaire, rows: Mapping[int, str]) -> Results:
    """The results kept, with the columns of the rows read (the whole's always among them)."""
    whole = json.loads(rows[WHOLE_ROW])
    cells: dict[Hashable, dict[Key, Cell]] = {PUPILS: {}}
    for column_key, text in rows.items():
        column = WHOLE if column_key == WHOLE_ROW else column_key
        for name, shown in json.loads(text)["tables"]:
            table = cells.setdefault(_hashable(name), {})
            for row, status, count in shown:
                table[(_hashable(row), column)] = Cell(count, status)
    for column, status, count in whole["pupils"]:
        cells[PUPILS][(PUPILS, column)] = Cell(count, status)
    together = {
        question: tuple(
            group
            for group in questionnaire.questions_by_id[question].report_together
            if group.value in values
        )
        for question, values in whole["together"].items()
    }
    groups = tuple(Group(*group) for group in whole["groups"])
    tables = {name: KeptTable(table) for name, table in cells.items()}
    return arranged(questionnaire, whole["minimum"], groups, tables, together)


def _tables(results: Results):
    yield PUPILS, results.pupils
    for part in results.parts:
        if part.weekend_differs:
            yield (part.part.weekend_question_id, part.weekend_differs.day), part.weekend_differs.table
        for question in part.questions:
            for day in question.days:
                yield (question.question.id, day.day), day.table


def _column(tables: Mapping[Hashable, Suppressed], column: Hashable) -> list:
    return [
        [name, [[row, *_shown(table, row, column)] for row in table.table.rows()]]
        for name, table in tables.items()
    ]


def _shown(table: Suppressed, row: Hashable, column: Hashable) -> list:
    cell = table.cell(row, column)
    return [cell.status, cell.count]


def _hashable(value):
    """JSON's lists back as the tuples they were (a table's name, a total's row or column)."""
    return tuple(_hashable(item) for item in value) if isinstance(value, list) else value
