"""Small-number suppression for consultation results: counts in, what may be shown out. Pure Python.

A table is one question on one day: answers down the side, the reported groups across, the groups too
small to report pooled into one column that is never shown, the whole consultation as the row totals and
the pupils who answered as the column totals. Every count under the minimum, 0 included, is hidden and shown as
"fewer than N" (primary suppression): a 0 would say something about every pupil of a group ("none of 5B had
breakfast"). Then more cells are hidden (secondary suppression) until no hidden count can be worked out from
what is shown: not from a total, not from the whole minus the other groups, and not from any mix of them
together with what the page says about hidden cells ("fewer than N" is 0 to N-1, a "hidden" cell is at least
N, a group not reported has fewer than N pupils).

Hiding is chosen by cost: a group's count before a group's total, the whole consultation's figures last. A whole
count still hidden at the end is tried again: shown where saying less of groups' counts instead (hidden, or "not
shown", which says less than "hidden") keeps every hidden count safe. A 0 of "not sure or not saying" is shown:
it says only that everyone answered, not what (`CountTable.not_saying`).

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

Questions are also linked, by inequalities: a follow-up is answered by at most the pupils whose answer
asked it (or, asked of everyone but those who gave an answer, by at most the others), a part's weekend
questions by at most those who said the weekend is different, no question by more pupils than a group has.
Where a link's bound meets a count's other bound it gives the count away (every pupil of 5B who said "yes,
different" answered the weekend question, and that number is shown). `suppress_linked` bounds each hidden
count by what each of its links says, given how far the link's other counts can move in their own tables,
protects it within those bounds, and hides in the other tables what would pin it. That is exact within a
table and for one link at a time, not for every mix of links at once: `make bench
BENCH=bench_linked_suppression` measures with an exact search how often a small random school still gives
a count away (1 in 75, against 1 in 3 with tables protected on their own).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations

SHOWN, SMALL, HIDDEN, NOT_REPORTED = "shown", "small", "hidden", "not_reported"
ANSWERED = ("total", "answered")  # the row of column totals: pupils who answered, per group
EXTRA = ("total", "extra picks")  # "pick several": answers beyond one a pupil, per group; never shown
WHOLE = ("total", "whole")  # the column of row totals: the whole consultation
POOLED = ("total", "groups not reported")  # the groups under the minimum, pooled; never shown

Key = tuple[Hashable, Hashable]  # (answer or ANSWERED, group or POOLED or WHOLE)
Limit = tuple[int, int | None]  # at least, at most (None: no limit)


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
    headline: tuple[Hashable, ...] = ()  # answers whose whole-consultation count the page leads with
    # The row of no answer ("not sure or not saying"): its 0 says only that everyone answered, not what.
    not_saying: Hashable | None = None

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
    limits: Mapping[Key, Limit] = field(default_factory=dict)  # what linked questions say of a count
    given_away: frozenset[Key] = frozenset()  # hidden counts the links give away: hide their partners

    def cell(self, answer: Hashable, group: Hashable) -> Cell:
        status = self.statuses[(answer, group)]
        return Cell(self.table.values[(answer, group)] if status == SHOWN else None, status)

    def whole(self, answer: Hashable) -> Cell:
        return self.cell(answer, WHOLE)

    def answered(self, group: Hashable = WHOLE) -> Cell:
        return self.cell(ANSWERED, group)

    def hidden(self) -> set[Key]:
        """The counts the page does not show and protects (the unshown extra picks of "pick several" are no
        count, and a 0 of "not sure or not saying" in the groups not reported tells nothing)."""
        return {
            key
            for key, status in self.statuses.items()
            if status != SHOWN and key[0] != EXTRA and not _nobody_held_back(self.table, key)
        }


def suppress(
    table: CountTable,
    minimum: int,
    limits: Mapping[Key, Limit] | None = None,
    hide: Iterable[Key] = (),
    unsaid: Iterable[Key] = (),
    give_away: bool = True,
) -> Suppressed:
    """Hide every count under the minimum, then enough others that no hidden count can be worked out.

    `limits` are what other questions say of this table's counts (see `suppress_linked`); `hide` are counts
    to hide whatever happens, and `unsaid` counts to say nothing of; both protected like the others. A count
    only the limits give away is left for the other tables to protect (`given_away`), unless `give_away` is
    false: then it is protected here as far as it can be.
    """
    graph = _Graph(table, minimum, limits=limits)
    kept = set()
    for key in hide:
        if graph.statuses[key] == SHOWN:
            # A count its label would give away (a total equal to its group's size) is not spoken of at all.
            graph.set(key, HIDDEN if _can_hide(graph, key) else NOT_REPORTED)
            kept.add(key)
    for key in unsaid:
        graph.set(key, NOT_REPORTED)
    given_away: set[Key] = set()
    _protect(graph, deque(graph.hidden()), given_away, give_away)
    _show_what_is_not_needed(graph, kept, given_away)
    _show_the_whole(graph, kept, given_away)
    return Suppressed(table, minimum, graph.statuses, dict(graph.limits), frozenset(given_away))


def _protect(
    graph: _Graph,
    to_check: deque[Key],
    given_away: set[Key],
    give_away: bool = True,
    keep_shown: frozenset[Key] = frozenset(),
) -> bool:
    """Hide more until no hidden count can be worked out; whether that was done by hiding alone (never the
    counts in `keep_shown`), without saying nothing of a line."""
    by_hiding = True
    while to_check:
        key = to_check.popleft()
        # Hiding more, or saying less, only adds ways round a hidden cell: a cell found safe stays safe.
        while graph.recoverable(key):
            partner = _partner(graph, key, keep_shown)
            # Given away only by other questions: hiding here cannot help, hiding there can.
            if (
                give_away
                and graph.limits
                and (partner is None or not graph.first_moves(key))
                and not graph.recoverable(key, with_limits=False)
            ):
                given_away.add(key)
                break
            if partner is not None:
                graph.set(partner, HIDDEN)
                to_check.append(partner)
                continue
            if keep_shown:
                return False
            by_hiding = False
            unsaid = _stop_reporting(graph, key)
            if not unsaid:
                break
            to_check.extend(cell for cell in unsaid if cell[0] != EXTRA)
    return by_hiding


def alternative(suppressed: Suppressed, key: Key) -> dict[Key, int] | None:
    """Another table that agrees with everything shown and stated, but differs at this hidden cell."""
    graph = _Graph(suppressed.table, suppressed.minimum, dict(suppressed.statuses), suppressed.limits)
    moves = graph.cycle_through(key)
    if moves is None:
        return None
    other = dict(suppressed.table.values)
    for cell, delta in moves:
        other[cell] += delta
    return other


def bounds(
    table: CountTable, statuses: Mapping[Key, str], minimum: int, key: Key, limit: Limit | None = None
) -> Limit:
    """What the page tells anyone about a hidden count: at least, and at most (None: no limit); with a limit
    from linked questions, what it tells together with them."""
    low, high = {SMALL: (0, minimum - 1), HIDDEN: (minimum, None), NOT_REPORTED: (0, None)}[statuses[key]]
    size = table.pooled_pupils if key[1] == POOLED else table.sizes.get(key[1])
    if size is not None and key[0] != EXTRA:
        high = _at_most(high, size)
    if limit is not None:
        low, high = max(low, limit[0]), _at_most(high, limit[1])
    return low, high


def _at_most(high: int | None, other: int | None) -> int | None:
    return other if high is None else high if other is None else min(high, other)


Ref = tuple[Hashable, Hashable, Hashable]  # (table, answer or ANSWERED, column)


@dataclass(frozen=True)
class Link:
    """What the questionnaire's order makes true of counts in different tables: the counts `at_most` add up
    to no more than the counts `at_least` (pupils answering a weekend question at most those who said that
    part of the weekend is different; a follow-up at most those whose answer asked it)."""

    at_most: tuple[Ref, ...]
    at_least: tuple[Ref, ...]


def suppress_linked(
    tables: Mapping[Hashable, CountTable], links: Iterable[Link], minimum: int, fixed: Iterable[Hashable] = ()
) -> dict[Hashable, Suppressed]:
    """Suppress each table, then protect what the links between tables would give away.

    Within its own table a hidden count can move only so far (`_Graph.room`); a link turns what the page
    lets anyone work out of its other counts that way into bounds on each of its hidden counts, and each
    table is suppressed again within them. A count the bounds alone pin (everyone in 5B who said "yes,
    different" answered the weekend question, and that number is shown) cannot be protected in its own
    table, so what pins it is hidden in the others: a shown count is hidden; failing that, nothing is said of
    its group's column; failing that, of its table. Tables in `fixed` (the pupils per group, which every
    table uses) are never made to hide more. Counts only ever go from shown to hidden, so it ends.
    """
    return _Linked(tables, tuple(links), minimum, set(fixed)).run()


class _Linked:
    def __init__(self, tables, links, minimum: int, fixed: set):
        self.tables, self.minimum, self.fixed = tables, minimum, fixed
        self.links = set(links)
        self.touching: dict[Hashable, list[tuple[Link, Ref]]] = {}
        for link in links:
            for ref in (*link.at_most, *link.at_least):
                self.touching.setdefault(ref[0], []).append((link, ref))
        self.results = {name: suppress(table, minimum) for name, table in tables.items()}
        self.hide: dict[Hashable, set[Key]] = {name: set() for name in tables}
        self.unsaid: dict[Hashable, set[Key]] = {name: set() for name in tables}
        self.rooms: dict[Ref, tuple[int, int | None]] = {}
        self.graphs: dict[Hashable, _Graph] = {}

    def run(self) -> dict[Hashable, Suppressed]:
        to_do = dict.fromkeys(name for name in self.tables if name in self.touching)  # in order, once each
        while to_do:
            name = next(iter(to_do))
            del to_do[name]
            current = self.results[name]
            limits = self._limits(name)
            # What a table once hid or left unsaid stays so: others only ever know less, so this ends.
            hidden = {key for key, status in current.statuses.items() if status == HIDDEN} | self.hide[name]
            unsaid = {key for key, status in current.statuses.items() if status == NOT_REPORTED}
            if hidden <= set(current.hidden()) and self.unsaid[name] <= unsaid:
                if limits == current.limits:
                    continue
                if _still_safe(current, limits):  # the new limits leave every hidden count room
                    self.results[name] = Suppressed(current.table, self.minimum, current.statuses, limits)
                    continue
            unsaid |= self.unsaid[name]
            result = suppress(self.tables[name], self.minimum, limits, hidden, unsaid)
            given_away = [self._hide_what_pins(name, key) for key in result.given_away]
            if not all(given_away):  # pinned by tables that hide no more: protect them here as far as can be
                result = suppress(self.tables[name], self.minimum, limits, hidden, unsaid, give_away=False)
            self.results[name] = result
            for ref in [ref for ref in self.rooms if ref[0] == name]:
                del self.rooms[ref]
            self.graphs.pop(name, None)
            to_do.update(dict.fromkeys(table for tables in given_away for table in tables))
            if result.statuses != current.statuses:  # its neighbours may now know less, or need to hide more
                to_do.update(
                    dict.fromkeys(
                        ref[0]
                        for link, _ref in self.touching[name]
                        for ref in (*link.at_most, *link.at_least)
                    )
                )
        return self.results

    def known(self, ref: Ref) -> Limit:
        """What the page lets anyone work out of a count: exactly, if shown; else how far it can move in its
        table."""
        result, key = self.results[ref[0]], ref[1:]
        value = result.table.values[key]
        if result.statuses[key] == SHOWN:
            return value, value
        if ref not in self.rooms:
            if ref[0] not in self.graphs:
                # Its own table only: bounds the links lent it could come from this very count, round again.
                self.graphs[ref[0]] = _Graph(result.table, self.minimum, dict(result.statuses))
            self.rooms[ref] = self.graphs[ref[0]].room(key)
        down, up = self.rooms[ref]
        return value - down, None if up is None else value + up

    def bound(self, link: Link, ref: Ref) -> Limit:
        """What a link says of one of its counts, given what the page lets anyone work out of its others."""
        most = [self.known(other) for other in link.at_most if other != ref]
        least = [self.known(other) for other in link.at_least if other != ref]
        low, high = 0, None
        if ref in link.at_most:
            if all(top is not None for _bottom, top in least):
                high = sum(top for _bottom, top in least) - sum(bottom for bottom, _top in most)
            if self._exact(link) and all(top is not None for _bottom, top in most):
                low = sum(bottom for bottom, _top in least) - sum(top for _bottom, top in most)
        else:
            if all(top is not None for _bottom, top in least):
                low = sum(bottom for bottom, _top in most) - sum(top for _bottom, top in least)
            if self._exact(link) and all(top is not None for _bottom, top in most):
                high = sum(top for _bottom, top in most) - sum(bottom for bottom, _top in least)
        return max(0, low), high

    def _exact(self, link: Link) -> bool:
        """Whether the link holds with nothing to spare: so it does in the whole, so it must in every group."""
        whole = Link(
            tuple((*ref[:2], WHOLE) for ref in link.at_most),
            tuple((*ref[:2], WHOLE) for ref in link.at_least),
        )
        if whole not in self.links:
            return False
        least = [self.known(ref) for ref in whole.at_least]
        return all(top is not None for _bottom, top in least) and sum(top for _bottom, top in least) <= sum(
            self.known(ref)[0] for ref in whole.at_most
        )

    def _limits(self, name) -> dict[Key, Limit]:
        """What the links say of the table's hidden counts, where it is more than the page says of them."""
        result = self.results[name]
        limits: dict[Key, Limit] = {}
        for link, ref in self.touching.get(name, ()):
            if ref[0] == name and result.statuses[ref[1:]] != SHOWN:
                low, high = self.bound(link, ref)
                old_low, old_high = limits.get(ref[1:], (0, None))
                limits[ref[1:]] = max(low, old_low), _at_most(high, old_high)
        telling = {}
        for key, (low, high) in limits.items():
            own_low, own_high = bounds(result.table, result.statuses, self.minimum, key)
            if low > own_low or (high is not None and (own_high is None or high < own_high)):
                telling[key] = (low, high)
        return telling

    def _hide_what_pins(self, name, key: Key) -> list[Hashable]:
        """Hide, in other tables, the counts whose links keep this one from moving; the tables changed."""
        value = self.results[name].table.values[key]
        changed = []
        for link, ref in self.touching[name]:
            if ref != (name, *key):
                continue
            low, high = self.bound(link, ref)
            if low < value and (high is None or high > value):
                continue  # this link leaves it room both ways
            for other in (*link.at_most, *link.at_least):
                table, cell = other[0], other[1:]
                if table == name or table in self.fixed:
                    continue
                statuses = self.results[table].statuses
                column = {found for found in statuses if found[1] == cell[1]}
                if statuses[cell] == SHOWN and cell not in self.hide[table]:
                    self.hide[table].add(cell)
                elif not column <= self.unsaid[table]:
                    self.unsaid[table] |= column
                elif not set(statuses) <= self.unsaid[table]:
                    self.unsaid[table] |= set(statuses)
                else:
                    continue
                changed.append(table)
        return changed


def _still_safe(result: Suppressed, limits: Mapping[Key, Limit]) -> bool:
    """Whether every hidden count of a suppressed table can still move within these limits."""
    graph = _Graph(result.table, result.minimum, dict(result.statuses), limits)
    return not any(graph.recoverable(key) for key in graph.hidden())


def _nobody_held_back(table: CountTable, key: Key) -> bool:
    """A 0 of "not sure or not saying": known, even of the groups not reported, it tells no one's answer."""
    return table.not_saying is not None and key[0] == table.not_saying and table.values[key] == 0


def _first_status(table: CountTable, key: Key, value: int, minimum: int) -> str:
    if key[1] == POOLED or key[0] == EXTRA:
        return NOT_REPORTED
    if _nobody_held_back(table, key):
        return SHOWN
    return SMALL if value < minimum else SHOWN


def _is_total(key: Key) -> bool:
    # A total moves against the cells it adds up in one of its two lines; the grand totals in neither.
    return (key[0] in (ANSWERED, EXTRA)) != (key[1] == WHOLE)


class _Graph:
    """The residual graph of a table: its vertices the lines, an arc for each way a hidden count could move
    by one within what the page says of it. Kept up to date as cells are hidden or shown.

    A table has few rows (answers) and many columns (groups), so searches walk the rows: `between` keeps,
    for each two rows, the columns through which flow can pass from one to the other.
    """

    def __init__(
        self, table: CountTable, minimum: int, statuses: dict | None = None, limits: Mapping | None = None
    ):
        self.table, self.minimum, self.values = table, minimum, table.values
        self.limits = dict(limits or {})
        self.statuses = statuses or {
            key: _first_status(table, key, value, minimum) for key, value in self.values.items()
        }
        self.arcs: dict[tuple, dict[Key, list[tuple[tuple, int]]]] = {}
        self.into: dict[tuple, dict[Key, list[tuple[tuple, int]]]] = {}  # the same arcs, by their heads
        self.rows = table.rows()
        self.between: dict[Hashable, dict[Hashable, dict[Hashable, None]]] = {}  # row -> row -> columns
        self._network: tuple[dict, dict, dict] | None = None  # for `room`, until a cell is hidden or shown
        for key, status in self.statuses.items():
            if status != SHOWN:
                self._add_arcs(key)
        for key, status in self.statuses.items():
            if status != SHOWN:
                self._join_rows(key)

    @cached_property
    def hideable(self) -> dict[Key, list[tuple[tuple, tuple, int]]]:
        """Every cell that may be hidden, cheapest first, with the arcs hiding it would add: neither a cell's
        cost nor whether it may be hidden changes as others are hidden, so `_partner` sorts them once."""
        cells = sorted(self.statuses, key=lambda key: _cost(key, self.values))
        return {key: self.arcs_of(key, HIDDEN) for key in cells if _can_hide(self, key)}

    @cached_property
    def hideable_rank(self) -> dict[Key, int]:
        return {key: rank for rank, key in enumerate(self.hideable)}

    def hidden(self) -> list[Key]:
        return [
            key
            for key, status in self.statuses.items()
            if status != SHOWN and key[0] != EXTRA and not _nobody_held_back(self.table, key)
        ]

    def set(self, key: Key, status: str) -> None:
        self._network = None
        for vertex in (("row", key[0]), ("column", key[1])):
            self.arcs.get(vertex, {}).pop(key, None)
            self.into.get(vertex, {}).pop(key, None)
        self.statuses[key] = status
        if status != SHOWN:
            self._add_arcs(key)
        self._join_rows(key)

    def arcs_of(self, key: Key, status: str) -> list[tuple[tuple, tuple, int]]:
        """The arcs a cell would have with this status: (from, to, how it moves)."""
        low, high = bounds(self.table, {key: status}, self.minimum, key, self.limits.get(key))
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
            self.into.setdefault(head, {}).setdefault(key, []).append((tail, delta))

    def _join_rows(self, key: Key) -> None:
        """Bring `between` up to date for the cell's column: which rows now pass flow through it."""
        row, column = key
        for other in self.rows:
            if other != row:
                for tail, head in ((row, other), (other, row)):
                    columns = self.between.setdefault(tail, {}).setdefault(head, {})
                    if (tail, column) in self.arcs.get(("row", tail), {}) and (head, column) in self.arcs.get(
                        ("column", column), {}
                    ):
                        columns[column] = None
                    else:
                        columns.pop(column, None)

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

    def recoverable(self, key: Key, with_limits: bool = True) -> bool:
        if with_limits or not self.limits:
            return self.cycle_through(key) is None
        return _Graph(self.table, self.minimum, dict(self.statuses)).recoverable(key)

    def _path(self, start, goal, avoiding: Key) -> list[tuple[Key, int]] | None:
        came_from: dict[Hashable, tuple] = {}
        for row in self._walk(start, avoiding, came_from):
            last = (row, goal[1])
            if goal == ("row", row):
                moves = []
            elif goal[0] == "column" and last != avoiding and last in self.arcs.get(("row", row), {}):
                moves = [(last, self.arcs[("row", row)][last][0][1])]
            else:
                continue
            while row is not None:
                row, steps = came_from[row]
                moves.extend(steps)
            return moves
        return None

    def _walk(self, start, avoiding: Key, came_from: dict, backwards: bool = False):
        """The rows reached from a line (or, backwards, that reach it) without the given cell, in the order
        found; `came_from` gets, for each, the row it was reached from (None: the line) and the moves."""
        if start[0] == "row":
            came_from[start[1]] = (None, ())
        else:
            for cell, ends in (self.into if backwards else self.arcs).get(start, {}).items():
                if cell != avoiding:
                    came_from[cell[0]] = (None, ((cell, ends[0][1]),))
        queue = deque(came_from)
        while queue:
            row = queue.popleft()
            yield row
            for other in self.rows:
                if other not in came_from:
                    tail, head = (other, row) if backwards else (row, other)
                    for column in self.between.get(tail, {}).get(head, ()):
                        # Without the cell avoided, its column is closed to its own row only.
                        if column != avoiding[1] or avoiding[0] not in (tail, head):
                            leave, enter = (tail, column), (head, column)
                            steps = (
                                (leave, self.arcs[("row", tail)][leave][0][1]),
                                (enter, self.arcs[("column", column)][enter][0][1]),
                            )
                            came_from[other] = (row, steps)
                            queue.append(other)
                            break

    def room(self, key: Key) -> tuple[int, int | None]:
        """How far this hidden count can fall and rise with all the page says: the most that can flow back
        round its cycles through the other hidden counts, each within its bounds (None: without end)."""
        room = {-1: 0, 1: 0}
        for tail, head, delta in self.first_moves(key):
            room[delta] = self._max_flow(head, tail, key, self._capacity(key, delta))
        return room[-1], room[1]

    def _capacity(self, key: Key, delta: int) -> int | None:
        low, high = bounds(self.table, self.statuses, self.minimum, key, self.limits.get(key))
        if delta < 0:
            return self.values[key] - low
        return None if high is None else high - self.values[key]

    def network(self) -> tuple[dict, dict, dict]:
        """Each arc's capacity and cell, and each vertex's neighbours: the same for every `room` asked of a table
        whose cells stay as they are (`_Linked` asks one for each hidden count a link touches)."""
        if self._network is None:
            capacity: dict[tuple, int | None] = {}
            cell_of: dict[tuple, Key] = {}
            neighbours: dict[tuple, set] = {}
            for tail, cells in self.arcs.items():
                for cell, heads in cells.items():
                    for head, delta in heads:
                        capacity[(tail, head)], cell_of[(tail, head)] = self._capacity(cell, delta), cell
                        neighbours.setdefault(tail, set()).add(head)
                        neighbours.setdefault(head, set()).add(tail)
            self._network = capacity, cell_of, neighbours
        return self._network

    def _max_flow(self, source, sink, avoiding: Key, limit: int | None) -> int | None:
        capacity, cell_of, neighbours = self.network()
        flow: dict[tuple, int] = {}  # skew-symmetric: flow[(u, v)] == -flow[(v, u)]

        def residual(arc) -> int | None:
            if cell_of.get(arc) == avoiding:
                return 0  # the count whose room is asked: flow goes round it, not through it
            if arc in capacity and capacity[arc] is None:
                return None
            return capacity.get(arc, 0) - flow.get(arc, 0)

        total = 0
        while limit is None or total < limit:
            came_from = {source: None}
            queue = deque([source])
            while queue and sink not in came_from:
                vertex = queue.popleft()
                for following in neighbours.get(vertex, ()):
                    if following in came_from:
                        continue
                    left = residual((vertex, following))
                    if left is None or left > 0:
                        came_from[following] = vertex
                        queue.append(following)
            if sink not in came_from:
                return total
            path, vertex = [], sink
            while came_from[vertex] is not None:
                path.append((came_from[vertex], vertex))
                vertex = came_from[vertex]
            amounts = [left for left in map(residual, path) if left is not None]
            if limit is not None:
                amounts.append(limit - total)
            if not amounts:
                return None  # round a cycle of counts with no upper bound
            step = min(amounts)
            for tail, head in path:
                flow[(tail, head)] = flow.get((tail, head), 0) + step
                flow[(head, tail)] = flow.get((head, tail), 0) - step
            total += step
        return total

    def reachable(self, start, avoiding: Key, backwards: bool = False) -> tuple[list, set]:
        """The rows and the columns reached from start (or, backwards, that reach start) without the given
        cell."""
        rows = list(self._walk(start, avoiding, {}, backwards))
        arcs = self.into if backwards else self.arcs
        columns = {start[1]} if start[0] == "column" else set()
        for row in rows:
            columns.update(cell[1] for cell in arcs.get(("row", row), {}) if cell != avoiding)
        return rows, columns


def _partner(graph: _Graph, key: Key, keep_shown: frozenset[Key] = frozenset()) -> Key | None:
    """Choose one more cell to hide for this one: the cheapest that makes it safe, else the cheapest near."""
    # A new arc makes the cell safe if it leads from somewhere its far end reaches to somewhere that leads back:
    # the cells between a row reached and a column leading back, or a column reached and a row leading back.
    bridges = []
    for tail, head, _delta in graph.first_moves(key):
        rows, columns = graph.reachable(head, key)
        rows_back, columns_back = graph.reachable(tail, key, backwards=True)
        bridges += [
            ((row, column), (("row", row), ("column", column))) for row in rows for column in columns_back
        ]
        bridges += [
            ((row, column), (("column", column), ("row", row))) for column in columns for row in rows_back
        ]
    found = [cell for cell, arc in bridges if _can_add(graph, cell, keep_shown, arc)]
    if found:
        return min(found, key=graph.hideable_rank.__getitem__)
    cheapest = None
    for candidate in graph.hideable:
        if _can_add(graph, candidate, keep_shown):
            cheapest = cheapest or candidate
            if candidate[0] == key[0] or candidate[1] == key[1]:
                return candidate
    return cheapest


def _can_add(graph: _Graph, cell: Key, keep_shown: frozenset[Key], arc: tuple | None = None) -> bool:
    """Whether this cell may be hidden now (and then has this arc)."""
    if graph.statuses.get(cell) != SHOWN or cell in keep_shown or cell not in graph.hideable:
        return False
    return arc is None or any((tail, head) == arc for tail, head, _delta in graph.hideable[cell])


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


def _show_what_is_not_needed(graph: _Graph, kept: set[Key], given_away: set[Key]) -> None:
    """Show again each cell hidden on the way that turns out not to be needed, dearest first: the whole
    consultation's figures, then the totals that give percentages, then the largest counts."""
    extra = [key for key, status in graph.statuses.items() if status == HIDDEN and key not in kept]
    # A cycle found for a hidden cell proves it safe for as long as every cell on it stays hidden (a cell's
    # arcs depend on itself alone): only the cells whose proof went through a cell shown again are searched.
    unproven = {key for key in graph.hidden() if key not in given_away}
    relying: dict[Key, set[Key]] = {}  # a cell -> the hidden cells whose proof goes through it
    hidden = set(unproven)

    def safe(other: Key) -> bool:
        cycle = graph.cycle_through(other)
        if cycle is not None:
            unproven.discard(other)
            for cell, _delta in cycle:
                relying.setdefault(cell, set()).add(other)
        return cycle is not None

    for key in sorted(extra, key=lambda key: _cost(key, graph.values), reverse=True):
        graph.set(key, SHOWN)
        through = relying.pop(key, set())
        # The cells whose proof went through it first: if one is no longer safe, it is most likely one of them.
        doubtful = [other for other in (*through, *unproven - through) if other in hidden and other != key]
        if all(safe(other) for other in doubtful):
            hidden.discard(key)
        else:
            graph.set(key, HIDDEN)  # the proofs through it hold again
            relying.setdefault(key, set()).update(through)


def _show_the_whole(graph: _Graph, kept: set[Key], given_away: set[Key]) -> None:
    """Show the whole consultation's counts still hidden where saying less of groups' counts instead leaves
    every hidden count safe: a group's count hidden, or said nothing of ("not shown" is weaker than "hidden",
    which says at least the minimum). All of them at once first (where a whole column hides one count, the
    others tell it), then one at a time: the headline first (for it, a less telling answer's whole count may
    go instead), then the largest."""
    headline = {(answer, WHOLE) for answer in graph.table.headline}
    hidden_whole = sorted(
        (
            key
            for key, status in graph.statuses.items()
            if key[1] == WHOLE and key[0] != EXTRA and status == HIDDEN and key not in kept | given_away
        ),
        key=lambda key: (key not in headline, -graph.values[key]),
    )
    for keys in (hidden_whole, *([key] for key in hidden_whole)) if hidden_whole else ():
        keys = [key for key in keys if graph.statuses[key] == HIDDEN]
        for key in keys:
            graph.set(key, SHOWN)
        if keys and not (
            _say_less_instead(graph, keys, headline, given_away)
            or _hide_the_groups_instead(graph, kept, given_away)
        ):
            for key in keys:
                graph.set(key, HIDDEN)


def _say_less_instead(graph: _Graph, keys: list[Key], headline: set[Key], given_away: set[Key]) -> bool:
    """Make one or two of `_instead`'s changes that leave every hidden count safe; or none, and say so."""
    for changes in _instead(graph, keys, headline):
        before = {other: graph.statuses[other] for other, _status in changes}
        for other, status in changes:
            graph.set(other, status)
        if not any(graph.recoverable(other) for other in graph.hidden() if other not in given_away):
            return True
        for other, status in before.items():
            graph.set(other, status)
    return False


def _hide_the_groups_instead(graph: _Graph, kept: set[Key], given_away: set[Key]) -> bool:
    """Protect what is hidden by hiding groups' counts alone, the whole consultation's all shown; or leave the
    table as it was."""
    before = dict(graph.statuses)
    whole = frozenset(key for key in graph.statuses if key[1] == WHOLE)
    to_check = deque(key for key in graph.hidden() if key not in given_away)
    if _protect(graph, to_check, set(), give_away=False, keep_shown=whole):
        _show_what_is_not_needed(graph, kept, given_away)
        return True
    for key, status in before.items():
        if graph.statuses[key] != status:
            graph.set(key, status)
    return False


def _instead(graph: _Graph, keys: list[Key], headline: set[Key], most: int = 12):
    """What could be said less of to show these whole counts: one change, then two; hiding before saying
    nothing, counts of their rows first, cheapest first. A headline may cost a less telling answer's whole."""
    rows = {key[0] for key in keys}
    leading = any(key in headline for key in keys)
    changes = []
    for other, status in graph.statuses.items():
        if other in keys or other[0] == EXTRA or other[1] == POOLED:
            continue
        if other[1] == WHOLE and (not leading or other in headline or other == (ANSWERED, WHOLE)):
            continue
        price = (other[0] not in rows, *_cost(other, graph.values))
        if status == SHOWN and _can_hide(graph, other):
            changes.append(((0, *price), (other, HIDDEN)))
        if status != NOT_REPORTED and other[1] != WHOLE:
            changes.append(((1, *price), (other, NOT_REPORTED)))
    cheapest = [change for _price, change in sorted(changes, key=lambda priced: priced[0])[:most]]
    yield from ((change,) for change in cheapest)
    yield from (pair for pair in combinations(cheapest, 2) if pair[0][0] != pair[1][0])


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
