"""Small schools whose questions are linked, and an exact search of what their results page gives away.

A school: two reported classes and sometimes a class too small to report; each pupil answers as the
questionnaire would ask (a weekend question only after "yes, my weekend is different"; "what did you eat?"
only after "yes, I had breakfast"; "were you hungry?" of everyone who did not say "no"), with skips.

The search is independent of the suppression code: over every whole-number filling of the hidden counts in
which every line adds up and every label and link holds, can this hidden count take another value?
"""

from collections import defaultdict

from hypothesis import strategies as st

from dayinmylife.consultations.suppression import (
    ANSWERED,
    HIDDEN,
    NOT_REPORTED,
    POOLED,
    SHOWN,
    SMALL,
    WHOLE,
    CountTable,
    Link,
    suppress,
)

MINIMUM = 3
PUPILS = "pupils"
GATE, WEEKEND, BREAKFAST, FOOD, NOT_NO = (
    "weekend different?",
    "weekend",
    "breakfast",
    "food",
    "asked unless no",
)
ANSWERS = {
    PUPILS: ("pupils",),
    GATE: ("yes", "no"),
    WEEKEND: ("a", "b"),
    BREAKFAST: ("yes", "no", "sometimes"),
    FOOD: ("cereal", "toast"),  # asked if breakfast was "yes"
    NOT_NO: ("hungry", "fine"),  # asked unless breakfast was "no" (a skip asks it too)
}
GROUPS = ("5A", "5B")


@st.composite
def schools(draw):
    """Two reported classes and sometimes a class too small to report; each pupil's answers as the
    questionnaire would ask them, with skips."""
    sizes = {group: draw(st.integers(MINIMUM, 7)) for group in GROUPS}
    pooled = draw(st.integers(0, MINIMUM - 1))
    pupils = []
    for group, size in [*sizes.items(), (POOLED, pooled)]:
        for _ in range(size):
            answers = {PUPILS: "pupils", GATE: draw(st.sampled_from(["yes", "no"]))}
            if answers[GATE] == "yes":
                answers[WEEKEND] = draw(st.sampled_from(["a", "b", None]))
            answers[BREAKFAST] = draw(st.sampled_from(["yes", "no", "sometimes", None]))
            if answers[BREAKFAST] == "yes":
                answers[FOOD] = draw(st.sampled_from(["cereal", "toast", None]))
            if answers[BREAKFAST] != "no":
                answers[NOT_NO] = draw(st.sampled_from(["hungry", "fine", None]))
            pupils.append((group, answers))
    return sizes, pooled, pupils


def tables_of(sizes, pooled, pupils):
    counts = {name: defaultdict(int) for name in ANSWERS}
    for group, answers in pupils:
        for name, answer in answers.items():
            if answer is not None:
                counts[name][(answer, group)] += 1
    pooled_pupils = (MINIMUM - 1) if pooled else None
    tables = {}
    for name, answers in ANSWERS.items():
        if name != PUPILS:  # as the results page does: a group's size bounds its counts where it is shown
            pupils_shown = suppress(tables[PUPILS], MINIMUM)
            shown_sizes = {c: pupils_shown.cell("pupils", c).count for c in (*GROUPS, WHOLE)}
            shown_sizes = {c: n for c, n in shown_sizes.items() if n is not None}
        found = counts[name]
        answered = {group: sum(found[(answer, group)] for answer in answers) for group in GROUPS}
        tables[name] = CountTable(
            answers,
            GROUPS,
            {key: n for key, n in found.items() if key[1] != POOLED},
            answered,
            {answer: found[(answer, POOLED)] for answer in answers},
            sum(found[(answer, POOLED)] for answer in answers),
            pooled_pupils,
            {} if name == PUPILS else shown_sizes,
            headline=("yes",) if name == GATE else (),  # as the results page leads with it
        )
    return tables


def links_of(tables):
    columns = tables[PUPILS].columns()
    links = []
    for name in ANSWERS:
        if name != PUPILS:
            links += [Link(((name, ANSWERED, c),), ((PUPILS, "pupils", c),)) for c in columns]
    for c in columns:
        links.append(Link(((WEEKEND, ANSWERED, c),), ((GATE, "yes", c),)))
        links.append(Link(((FOOD, ANSWERED, c),), ((BREAKFAST, "yes", c),)))
        links.append(Link(((NOT_NO, ANSWERED, c), (BREAKFAST, "no", c)), ((PUPILS, "pupils", c),)))
    return links


# An exact search, independent of the suppression code: whole numbers, every line adding up, every label
# and every link holding.


def constraints_of(tables, results, links):
    """Linear constraints over the hidden counts: (coefficients, constant, equal?) for sum(c*x) + k (= or <=) 0."""
    hidden, fixed = {}, {}
    for name, table in tables.items():
        for key, value in table.values.items():
            if results[name].statuses[key] == SHOWN:
                fixed[(name, *key)] = value
            else:
                hidden[(name, *key)] = value

    def term(cell, sign, coefficients, constant):
        if cell in fixed:
            return constant + sign * fixed[cell]
        coefficients[cell] = coefficients.get(cell, 0) + sign
        return constant

    constraints = []
    for name, table in tables.items():
        columns = table.columns()
        lines = [[(row, c) for c in columns] for row in (*table.answers, ANSWERED)]
        lines += [[(row, c) for row in (*table.answers, ANSWERED)] for c in columns]
        for line in lines:  # every cell but the last adds up to the last
            coefficients, constant = {}, 0
            for position, key in enumerate(line):
                constant = term((name, *key), -1 if position == len(line) - 1 else 1, coefficients, constant)
            constraints.append((coefficients, constant, True))
    for link in links:
        coefficients, constant = {}, 0
        for ref in link.at_most:
            constant = term(ref, 1, coefficients, constant)
        for ref in link.at_least:
            constant = term(ref, -1, coefficients, constant)
        constraints.append((coefficients, constant, False))
    return hidden, constraints


def label_bounds(tables, results, cell, ceiling):
    name, *key = cell
    table, status = tables[name], results[name].statuses[tuple(key)]
    low, high = {SMALL: (0, MINIMUM - 1), HIDDEN: (MINIMUM, ceiling), NOT_REPORTED: (0, ceiling)}[status]
    size = table.pooled_pupils if key[1] == POOLED else table.sizes.get(key[1])
    return low, min(high, size) if size is not None else high


def propagate(bounds, constraints):
    """Tighten each count's bounds from every constraint until nothing changes; False if none can hold."""
    changed = True
    while changed:
        changed = False
        for coefficients, constant, equal in constraints:
            least = constant + sum(bounds[v][0] if c > 0 else -bounds[v][1] for v, c in coefficients.items())
            most = constant + sum(bounds[v][1] if c > 0 else -bounds[v][0] for v, c in coefficients.items())
            if least > 0 or (equal and most < 0):
                return False
            for variable, c in coefficients.items():
                low, high = bounds[variable]
                own_least = low if c > 0 else -high
                own_most = high if c > 0 else -low
                room = -(least - own_least)  # c*x <= room
                if c > 0:
                    high = min(high, room)
                else:
                    low = max(low, -room)
                if equal:
                    floor = -(most - own_most)  # c*x >= floor
                    if c > 0:
                        low = max(low, floor)
                    else:
                        high = min(high, -floor)
                if low > high:
                    return False
                if (low, high) != bounds[variable]:
                    bounds[variable] = (low, high)
                    changed = True
    return True


def solvable(bounds, constraints):
    bounds = dict(bounds)
    if not propagate(bounds, constraints):
        return False
    open_cells = [v for v, (low, high) in bounds.items() if low < high]
    if not open_cells:
        return True
    variable = min(open_cells, key=lambda v: bounds[v][1] - bounds[v][0])
    low, high = bounds[variable]
    middle = (low + high) // 2
    return solvable({**bounds, variable: (low, middle)}, constraints) or solvable(
        {**bounds, variable: (middle + 1, high)}, constraints
    )


def given_away(tables, results, links) -> list:
    """The hidden counts that every filling agreeing with the page gives the same value."""
    hidden, constraints = constraints_of(tables, results, links)
    ceiling = 3 * tables[PUPILS].values[("pupils", WHOLE)] + 10
    bounds = {cell: label_bounds(tables, results, cell, ceiling) for cell in hidden}
    assert all(low <= hidden[cell] <= high for cell, (low, high) in bounds.items())  # labels never lie
    return [
        cell
        for cell, value in hidden.items()
        if not solvable({**bounds, cell: (bounds[cell][0], value - 1)}, constraints)
        and not solvable({**bounds, cell: (value + 1, bounds[cell][1])}, constraints)
    ]
