"""How often a small school's results page still gives a count away to someone reasoning over several linked
questions at once, with and without the links taken into account when suppressing.

Random small schools (tests/consultations/linked_schools.py: two classes of 3 to 7 and sometimes a class too small to
report, a minimum of 3, a weekend question, a follow-up and a question asked unless "no") are suppressed
twice: each table on its own, and with `suppress_linked`. An exact search over every whole-number filling of
the hidden counts that agrees with the page then lists the hidden counts only one value fits. The figures
are shares of schools; a count pinned to its group's size because everyone answered is not counted.
"""

from hypothesis import HealthCheck, given, settings

from dayinmylife.consultations.suppression import ANSWERED, SHOWN, suppress_linked
from tests.consultations.linked_schools import MINIMUM, PUPILS, given_away, links_of, schools, tables_of

SCHOOLS = 150


def run() -> dict:
    found = {"unlinked": 0, "linked": 0}
    shown = {"unlinked": 0, "linked": 0}
    schools_seen = []

    # The same schools on every run: hypothesis draws them, derandomised, and shrinks nothing.
    @settings(
        max_examples=SCHOOLS,
        database=None,
        derandomize=True,
        deadline=None,
        phases=["generate"],
        suppress_health_check=list(HealthCheck),
    )
    @given(schools())
    def measure(school):
        schools_seen.append(school)
        tables = tables_of(*school)
        links = links_of(tables)
        for kind, used in (("unlinked", []), ("linked", links)):
            results = suppress_linked(tables, used, MINIMUM, fixed=[PUPILS])
            pinned = [
                cell
                for cell in given_away(tables, results, links)
                if not (cell[1] == ANSWERED and tables[cell[0]].values[cell[1:]] == school[0].get(cell[2]))
            ]
            found[kind] += bool(pinned)
            shown[kind] += sum(
                status == SHOWN for result in results.values() for status in result.statuses.values()
            )

    measure()
    for kind in found:
        print(
            f"   {kind}: {found[kind]} of {len(schools_seen)} schools give a count away; {shown[kind]} counts shown"
        )
    return {
        "linked_schools_giving_a_count_away_pct": round(100 * found["linked"] / len(schools_seen), 1),
        "unlinked_schools_giving_a_count_away_pct": round(100 * found["unlinked"] / len(schools_seen), 1),
        "linked_counts_shown_pct_of_unlinked": round(100 * shown["linked"] / shown["unlinked"], 1),
    }
