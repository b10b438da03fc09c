"""Small-number suppression for consultation results: counts in, what may be shown out. Pure Python.

A table is one question on one day: answers down the side, the reported groups across, the groups too
small to report pooled into one column that is never shown, the whole consultation as the row totals and
the pupils who answered as the column totals. Every count under the minimum, 0 included, is hidden and shown as
"fewer than N" (primary suppression): a 0 would say something about every pupil of a group ("none of 5B had
breakfast"). Then more cells are hidden (secondary suppression) until no hidden count can be worked out from
what is shown: not from a total, not from the whole minus the other groups, and not from any mix of them
together with what the page says about hidden cells ("fewer than N" is 0 to N-1, a "hidden" cell is at least
N, a group not reported has fewer than N pupils).

Why a hidden count is safe: every line of the table (a row with its whole, a column with its total) adds
up, so the tables that agree with everything shown differ from the true one by a circulation on the graph
whose vertices are the lines and whose edges are the hidden cells. A hidden cell can be worked out exactly
if and only if no such circulation through it stays within the cells' bounds, which a path search on the
residual graph decides. `alternative` returns the other table that proves a cell safe. Where no labelled
hiding can protect a count (a group of exactly N who all gave one answer), that group's column is not
reported for the question at all, so nothing is said about its cells but that they fit in the group.

For "pick several" questions a group's answers add up to its pupils who answered plus their extra picks (a
row never shown, at least 0). That no answer is picked by more pupils than answered is not used here: it is
no sum, and the other tables found move one count at a time where a pupil's several answers move together.

Each table is protected on its own. Questions are also linked, by inequalities only: a follow-up is answered
by at most the pupils whose answer asked it, a part's weekend questions by at most those who said the weekend
is different. Such a link gives a hidden count a lower bound, and where that meets the count's upper bound
(every pupil of a group who said "yes, different" also answered a weekend question, none skipping it) the
hidden count is given away, and the rest of its group's answers only as their sum. No table here models the
links; suppressing linked tables together is the next step.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

SHOWN, SMALL, HIDDEN, NOT_REPORTED = "shown", "small", "hidden", "not_reported"
ANSWERED = ("total", "answered")  # the row of column totals: pupils who answered, per group
EXTRA = ("total", "extra picks")  # "pick several": answers beyond one a pupil, per group; never shown
WHOLE = ("total", "whole")  # the column of row totals: the whole consultation
POOLED = ("total", "groups not reported")  # the groups under the minimum, pooled; never shown

Key = tuple[Hashable, Hashable]  # (answer or ANSWERED, group or POOLED or WHOLE)


@dataclass(frozen=True)
class CountTable:
    """The true counts of one question on one day."""

    answers: tuple[Hashable, ...]
    groups: tuple[Hashable, ...]  # reported groups; a consultation without groups has one, everyone
    counts: Mapping[tuple[Hashable, Hashable], int]  # (answer, group) -> pupils who gave it
    answered: Mapping[Hashable, int]  # group -> pupils who answered (pick several: fewer than the sum)
    pooled: Mapping[Hashable, int] = field(default_factory=dict)  # answer -> pupils in groups not reported
    pooled_answered: int = 0
    pooled_pupils: int | None = None  # None: no group is pooled; else how many pupils the pooled groups have
    sizes: Mapping[Hashable, int] = field(default_factory=dict)  # pupils per group and WHOLE, as shown
    pick_several: bool = False

    @cached_property
    def values(self) -> dict[Key, int]:
        """Every cell of the table, totals and pooled groups included."""
        columns = self.columns()
        values: dict[Key, int] = {}
        for answer in self.answers:
            for group in self.groups:
                values[(answer, group)] = self.counts.get((answer, group), 0)
            if POOLED in columns:
                values[(answer, POOLED)] = self.pooled.get(answer, 0)
            values[(answer, WHOLE)] = sum(values[(answer, group)] for group in columns if group != WHOLE)
        for group in self.groups:
            values[(ANSWERED, group)] = self.answered.get(group, 0)
        if POOLED in columns:
            values[(ANSWERED, POOLED)] = self.pooled_answered
        values[(ANSWERED, WHOLE)] = sum(values[(ANSWERED, group)] for group in columns if group != WHOLE)
        for group in columns if self.pick_several else ():
            picks = sum(values[(answer, group)] for answer in self.answers)
            values[(EXTRA, group)] = picks - values[(ANSWERED, group)]
        return values

    def columns(self) -> tuple[Hashable, ...]:
        return (*self.groups, *((POOLED,) if self.pooled_pupils is not None else ()), WHOLE)

    def rows(self) -> tuple[Hashable, ...]:
        return (*self.answers, *((EXTRA,) if self.pick_several else ()), ANSWERED)


@dataclass(frozen=True)
class Cell:
    """What the page shows for one count: the number, "fewer than N", "hidden", or nothing at all."""

    count: int | None
    status: str

    @property
    def shown(self) -> bool:
        return self.status == SHOWN


@dataclass(frozen=True)
class Suppressed:
    """A table as it may be shown."""

    table: CountTable
    minimum: int
    statuses: Mapping[Key, str]

    def cell(self, answer: Hashable, group: Hashable) -> Cell:
        status = self.statuses[(answer, group)]
        return Cell(self.table.values[(answer, group)] if status == SHOWN else None, status)

    def whole(self, answer: Hashable) -> Cell:
        return self.cell(answer, WHOLE)

    def answered(self, group: Hashable = WHOLE) -> Cell:
        return self.cell(ANSWERED, group)

    def hidden(self) -> set[Key]:
        """The counts the page does not show (the unshown extra picks of "pick several" are no count)."""
        return {key for key, status in self.statuses.items() if status != SHOWN and key[0] != EXTRA}


def suppress(table: CountTable, minimum: int) -> Suppressed:
    """Hide every count under the minimum, then enough others that no hidden count can be worked out."""
    graph = _Graph(table, minimum)
    to_check = deque(graph.hidden())
    while to_check:
        key = to_check.popleft()
        # Hiding more, or saying less, only adds ways round a hidden cell: a cell found safe stays safe.
        while graph.recoverable(key):
            partner = _partner(graph, key)
            if partner is not None:
                graph.set(partner, HIDDEN)
                to_check.append(partner)
                continue
            unsaid = _stop_reporting(graph, key)
            if not unsaid:
                break
            to_check.extend(cell for cell in unsaid if cell[0] != EXTRA)
    _show_what_is_not_needed(graph)
    return Suppressed(table, minimum, graph.statuses)


def alternative(suppressed: Suppressed, key: Key) -> dict[Key, int] | None:
    """Another table that agrees with everything shown and stated, but differs at this hidden cell."""
    graph = _Graph(suppressed.table, suppressed.minimum, dict(suppressed.statuses))
    moves = graph.cycle_through(key)
    if moves is None:
        return None
    other = dict(suppressed.table.values)
    for cell, delta in moves:
        other[cell] += delta
    return other


def bounds(table: CountTable, statuses: Mapping[Key, str], minimum: int, key: Key) -> tuple[int, int | None]:
    """What the page tells anyone about a hidden count: at least, and at most (None: no limit)."""
    low, high = {SMALL: (0, minimum - 1), HIDDEN: (minimum, None), NOT_REPORTED: (0, None)}[statuses[key]]
    limit = table.pooled_pupils if key[1] == POOLED else table.sizes.get(key[1])
    if limit is not None and key[0] != EXTRA:
        high = limit if high is None else min(high, limit)
    return low, high


def _first_status(key: Key, value: int, minimum: int) -> str:
    if key[1] == POOLED or key[0] == EXTRA:
        return NOT_REPORTED
    return SMALL if value < minimum else SHOWN


def _is_total(key: Key) -> bool:
    # A total moves against the cells it adds up in one of its two lines; the grand totals in neither.
    return (key[0] in (ANSWERED, EXTRA)) != (key[1] == WHOLE)


class _Graph:
    """The residual graph of a table: its vertices the lines, an arc for each way a hidden count could move
    by one within what the page says of it. Kept up to date as cells are hidden or shown."""

    def __init__(self, table: CountTable, minimum: int, statuses: dict | None = None):
        self.table, self.minimum, self.values = table, minimum, table.values
        self.statuses = statuses or {
            key: _first_status(key, value, minimum) for key, value in self.values.items()
        }
        self.arcs: dict[tuple, dict[Key, list[tuple[tuple, int]]]] = {}
        for key, status in self.statuses.items():
            if status != SHOWN:
                self._add_arcs(key)

    def hidden(self) -> list[Key]:
        return [key for key, status in self.statuses.items() if status != SHOWN and key[0] != EXTRA]

    def set(self, key: Key, status: str) -> None:
        for tail in (("row", key[0]), ("column", key[1])):
            self.arcs.get(tail, {}).pop(key, None)
        self.statuses[key] = status
        if status != SHOWN:
            self._add_arcs(key)

    def arcs_of(self, key: Key, status: str) -> list[tuple[tuple, tuple, int]]:
        """The arcs a cell would have with this status: (from, to, how it moves)."""
        low, high = bounds(self.table, {key: status}, self.minimum, key)
        value = self.values[key]
        can_rise, can_fall = high is None or value + 1 <= high, value - 1 >= low
        row, column = ("row", key[0]), ("column", key[1])
        # Flow along row -> column raises an inner cell (or a grand total) and lowers a total.
        along = -1 if _is_total(key) else 1
        arcs = []
        if can_rise if along == 1 else can_fall:
            arcs.append((row, column, along))
        if can_fall if along == 1 else can_rise:
            arcs.append((column, row, -along))
        return arcs

    def _add_arcs(self, key: Key) -> None:
        for tail, head, delta in self.arcs_of(key, self.statuses[key]):
            self.arcs.setdefault(tail, {}).setdefault(key, []).append((head, delta))

    def out_of(self, vertex, avoiding: Key | None = None):
        for key, heads in self.arcs.get(vertex, {}).items():
            if key != avoiding:
                for head, delta in heads:
                    yield head, key, delta

    def first_moves(self, key: Key) -> list[tuple[tuple, tuple, int]]:
        """The ways this hidden cell itself can move: (tail, head, delta)."""
        return [
            (tail, head, delta)
            for tail in (("row", key[0]), ("column", key[1]))
            for head, delta in self.arcs.get(tail, {}).get(key, [])
        ]

    def cycle_through(self, key: Key) -> list[tuple[Key, int]] | None:
        """Moves of hidden counts, this one among them, that keep every line adding up, or None."""
        for tail, head, delta in self.first_moves(key):
            path = self._path(head, tail, key)
            if path is not None:
                return [(key, delta), *path]
        return None

    def recoverable(self, key: Key) -> bool:
        return self.cycle_through(key) is None

    def _path(self, start, goal, avoiding: Key) -> list[tuple[Key, int]] | None:
        came_from: dict[tuple, tuple | None] = {start: None}
        queue = deque([start])
        while queue:
            vertex = queue.popleft()
            if vertex == goal:
                moves = []
                while came_from[vertex] is not None:
                    vertex, move = came_from[vertex]
                    moves.append(move)
                return moves
            for following, via, delta in self.out_of(vertex, avoiding):
                if following not in came_from:
                    came_from[following] = (vertex, (via, delta))
                    queue.append(following)
        return None

    def reachable(self, start, avoiding: Key, backwards: bool = False) -> set:
        """Vertices reached from start (or, backwards, that reach start) without the given cell."""
        if backwards:
            into: dict[tuple, list] = {}
            for vertex in list(self.arcs):
                for following, _via, _delta in self.out_of(vertex, avoiding):
                    into.setdefault(following, []).append(vertex)
            neighbours = lambda vertex: into.get(vertex, ())  # noqa: E731
        else:
            neighbours = lambda vertex: (f for f, _via, _delta in self.out_of(vertex, avoiding))  # noqa: E731
        seen, queue = {start}, deque([start])
        while queue:
            for following in neighbours(queue.popleft()):
                if following not in seen:
                    seen.add(following)
                    queue.append(following)
        return seen


def _partner(graph: _Graph, key: Key) -> Key | None:
    """Choose one more cell to hide for this one: the cheapest that makes it safe, else the cheapest near."""
    shown = sorted(
        (other for other, status in graph.statuses.items() if status == SHOWN),
        key=lambda other: _cost(other, graph.values),
    )
    hideable = [other for other in shown if _can_hide(graph, other)]
    # A new arc makes the cell safe if it leads from somewhere its far end reaches to somewhere that leads back.
    gaps = [
        (graph.reachable(head, key), graph.reachable(tail, key, backwards=True))
        for tail, head, _delta in graph.first_moves(key)
    ]
    for candidate in hideable:
        for tail, head, _delta in graph.arcs_of(candidate, HIDDEN):
            if any(tail in reached and head in leading_back for reached, leading_back in gaps):
                return candidate
    near = [other for other in hideable if other[0] == key[0] or other[1] == key[1]]
    return (near or hideable or [None])[0]


def _can_hide(graph: _Graph, key: Key) -> bool:
    # "Hidden" says at least the minimum, so a count under it is "fewer than N" already; and a total equal to
    # its group's shown size gives itself away however it is labelled.
    if graph.values[key] < graph.minimum:
        return False
    if key[1] not in graph.table.sizes:
        return True
    return bool(graph.arcs_of(key, HIDDEN))


def _stop_reporting(graph: _Graph, key: Key) -> list[Key]:
    """Say nothing about the cell's column, or failing that its row, or failing that the whole table."""
    table = graph.table
    for line in (
        [(row, key[1]) for row in table.rows()],
        [(key[0], column) for column in table.columns()],
        list(graph.statuses),
    ):
        changed = [cell for cell in line if graph.statuses[cell] != NOT_REPORTED]
        if changed:
            for cell in changed:
                graph.set(cell, NOT_REPORTED)
            return line
    return []


def _show_what_is_not_needed(graph: _Graph) -> None:
    """Show again each cell hidden on the way that turns out not to be needed, dearest first: the whole
    consultation's figures, then the totals that give percentages, then the largest counts."""
    extra = [key for key, status in graph.statuses.items() if status == HIDDEN]
    for key in sorted(extra, key=lambda key: _cost(key, graph.values), reverse=True):
        graph.set(key, SHOWN)
        if any(graph.recoverable(other) for other in graph.hidden()):
            graph.set(key, HIDDEN)


def _cost(key: Key, values: Mapping[Key, int]) -> tuple[int, int]:
    # Hide a group's count before a group's total, and keep the whole consultation's figures longest.
    if key == (ANSWERED, WHOLE):
        rank = 3
    elif key[1] == WHOLE:
        rank = 2
    elif key[0] == ANSWERED:
        rank = 1
    else:
        rank = 0
    return rank, values[key]
