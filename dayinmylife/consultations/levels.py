"""Results at each level of a consultation across schools: the whole consultation with its schools as groups,
then one school with its classes as groups (counted per school: counting.py). Pure Python: tables in, tables out.

A pupil's response is counted in their class (or their school, where it has no classes); a school's counts
are its classes' added up. A school's numbers are on two pages, its column on the whole consultation's and
the whole of its own: both pages say them alike, as the whole consultation's page says them, so that neither
page can be set against the other. Each school's classes are then protected with the school's numbers as the
whole consultation's page shows them: the way statistics offices protect a table within a table (HiTaS, in
τ-ARGUS), a level at a time, the level above as published. Where a school's own suppression would say its
numbers differently, its classes' counts are checked again as the whole's page says them; if a hidden count
could then be worked out, nothing is said of the classes for that question (the school's own numbers stay).
As with the links between questions (suppression.py), each table is protected exactly; not every mix of a
school's page with the whole's at once.
"""

from __future__ import annotations

from dataclasses import replace

from dayinmylife.consultations.results import DayResult, Group, PartResult, Results
from dayinmylife.consultations.suppression import NOT_REPORTED, WHOLE, Suppressed, alternative


def classes_within(whole: Results, school: Group, own: Results) -> Results:
    """A school's results (its classes as groups, built with `whole.together`), its own numbers said as the
    whole consultation's page says them, each class's count still safe or not said."""
    parts = []
    for whole_part, own_part in zip(whole.parts, own.parts, strict=True):
        weekend = own_part.weekend_differs
        if weekend is not None:
            weekend = DayResult(
                weekend.day, _as_above(whole_part.weekend_differs.table, school, weekend.table)
            )
        questions = tuple(
            replace(
                own_question,
                days=tuple(
                    DayResult(day.day, _as_above(whole_day.table, school, day.table))
                    for whole_day, day in zip(whole_question.days, own_question.days, strict=True)
                ),
            )
            for whole_question, own_question in zip(whole_part.questions, own_part.questions, strict=True)
        )
        parts.append(PartResult(own_part.part, weekend, questions))
    return replace(own, pupils=_as_above(whole.pupils, school, own.pupils), parts=tuple(parts))


def _as_above(above: Suppressed, school: Group, own: Suppressed) -> Suppressed:
    """A school's table with its whole column as the whole consultation's table says the school's column; its
    classes as its own suppression says them if every hidden count stays safe so, else not said at all."""
    statuses = dict(own.statuses)
    for row in own.table.rows():
        statuses[(row, WHOLE)] = above.statuses[(row, school.column)]
    unsaid = replace(
        own,
        statuses={key: status if key[1] == WHOLE else NOT_REPORTED for key, status in statuses.items()},
        given_away=frozenset(),
    )
    if statuses == own.statuses:
        return own
    # A count that the school's own numbers pin, with nothing said of its classes (a class that is the whole
    # school), is as the whole consultation's page keeps it (there, with the other schools): the classes must
    # give nothing else away.
    pinned = {key for key in unsaid.hidden() if alternative(unsaid, key) is None}
    said = replace(own, statuses=statuses)
    safe = all(alternative(said, key) is not None for key in said.hidden() - said.given_away - pinned)
    return said if safe else unsaid
