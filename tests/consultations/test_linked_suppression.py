"""Small-number suppression across linked questions: a weekend question is answered by at most those who
said that part of the weekend is different, a follow-up by at most those whose answer asked it, no question
by more pupils than a group has. What such a link says of a hidden count is taken into account, and what
would pin a count through a link is hidden too.

Within one table the protection is proven (tests/consultations/test_suppression.py). Across tables, counts are bounded by
what each link says given how far its other counts can move in their own tables; an exact search over
whole schools (tests/consultations/linked_schools.py) checks the hand examples here, and `make bench
BENCH=bench_linked_suppression` measures how often a random small school still gives a count away to
someone reasoning over several links at once.
"""

from hypothesis import HealthCheck, given, settings

from dayinmylife.consultations.suppression import ANSWERED, SHOWN, WHOLE, alternative, bounds, suppress_linked
from tests.consultations.linked_schools import (
    BREAKFAST,
    FOOD,
    GATE,
    MINIMUM,
    NOT_NO,
    PUPILS,
    WEEKEND,
    given_away,
    links_of,
    schools,
    tables_of,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schools())
def test_what_links_say_of_a_count_never_lies_and_each_hidden_count_can_still_move(school):
    tables = tables_of(*school)
    results = suppress_linked(tables, links_of(tables), MINIMUM, fixed=[PUPILS])
    for name, result in results.items():
        values = tables[name].values
        for key in result.hidden():
            low, high = bounds(tables[name], result.statuses, MINIMUM, key, result.limits.get(key))
            assert low <= values[key] and (high is None or values[key] <= high), (name, key)
            if key[0] == ANSWERED and values[key] == tables[PUPILS].values[("pupils", key[1])]:
                continue  # everyone in the group answered: the page says so wherever it shows their number
            other = alternative(result, key)
            assert other is not None and other[key] != values[key], (name, key)


def pupil(group, **answers):
    return (
        group,
        {PUPILS: "pupils", GATE: "yes", BREAKFAST: "yes", FOOD: "cereal", NOT_NO: "hungry", **answers},
    )


def test_a_weekend_question_no_longer_says_that_everyone_in_a_class_spends_their_weekend_differently():
    """Every pupil of 5B said their weekend differs and answered the weekend question: unlinked, the
    weekend question's totals show that no one in 5B said "no", though the gate hides its counts."""
    pupils = [pupil("5A", **{WEEKEND: "a"})] * 3 + [pupil("5B", **{WEEKEND: "a"})] * 2
    pupils += [pupil("5B", **{WEEKEND: "b"})]
    tables = tables_of({"5A": 3, "5B": 3}, 0, pupils)
    links = links_of(tables)
    assert (GATE, "no", "5B") in given_away(tables, suppress_linked(tables, [], MINIMUM), links)
    assert given_away(tables, suppress_linked(tables, links, MINIMUM, fixed=[PUPILS]), links) == []


def test_follow_ups_no_longer_say_that_everyone_in_a_class_had_breakfast():
    """Every pupil of 5B had breakfast, so all were asked what they ate and whether they were hungry:
    unlinked, those questions' totals show that no one in 5B said "no" to breakfast."""
    pupils = [pupil("5A", **{WEEKEND: "a"})] * 3 + [pupil("5B", **{WEEKEND: "a"})] * 4
    tables = tables_of({"5A": 3, "5B": 4}, 0, pupils)
    links = links_of(tables)
    assert (BREAKFAST, "no", "5B") in given_away(tables, suppress_linked(tables, [], MINIMUM), links)
    linked = suppress_linked(tables, links, MINIMUM, fixed=[PUPILS])
    assert given_away(tables, linked, links) == []
    assert linked[PUPILS].statuses[("pupils", WHOLE)] == SHOWN  # the pupils per group are never made to hide
