"""How much of a consultation's results the suppression shows: the information kept, as issue 21 measures it.

Of the counts that are at least the minimum (the ones a page could show), the share shown: for the whole
consultation (`whole_shown_share`) and for its groups (`group_shown_share`); and how many parts of the day the
headline chart, "Is the weekend different?", shows for the whole consultation (`weekend_parts_shown`, of
`weekend_parts`). On the demo consultation (106 pupils in four classes), and on the 150 small random schools of
`bench_linked_suppression` (`*_small_schools`). Counts never shown (the pooled groups', "pick several"'s extra
picks) are left out; so is the table of pupils per group.
"""

import tempfile
from collections.abc import Iterable
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from dayinmylife import create_app, store
from dayinmylife.consultations.results import build_results, groups_of
from dayinmylife.consultations.suppression import (
    ANSWERED,
    EXTRA,
    POOLED,
    SHOWN,
    WHOLE,
    Suppressed,
    suppress_linked,
)
from dayinmylife.demo import seed
from dayinmylife.demo.consultation import TITLE
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate
from tests.consultations.linked_schools import MINIMUM, PUPILS, links_of, schools, tables_of

SCHOOLS = 150


def shown_shares(tables: Iterable[Suppressed]) -> dict[str, list[int]]:
    """Per kind of column, [shown, could be shown]: counts of at least the minimum."""
    kept = {"whole": [0, 0], "group": [0, 0]}
    for table in tables:
        for (row, column), value in table.table.values.items():
            if row == EXTRA or column == POOLED or value < table.minimum:
                continue
            tally = kept["whole" if column == WHOLE else "group"]
            tally[0] += table.statuses[(row, column)] == SHOWN
            tally[1] += 1
    return kept


def most_shown_whole(tables: Iterable[Suppressed]) -> list[int]:
    """The most any suppression could show of the whole consultation's counts of at least the minimum, [shown,
    could be shown]: where a whole column (the answers add up to the pupils who answered) has exactly one count
    under the minimum, another of its counts must be hidden, else the total minus the others tells it."""
    most = [0, 0]
    for table in tables:
        column = [*table.table.answers, ANSWERED]
        values = {row: table.table.values[(row, WHOLE)] for row in column}
        could = sum(value >= table.minimum for value in values.values())
        small = [
            row
            for row in table.table.answers
            if values[row] < table.minimum and not (row == table.table.not_saying and values[row] == 0)
        ]
        forced = not table.table.pick_several and len(small) == 1 and could > 0
        most[0] += could - forced
        most[1] += could
    return most


def _share(pair: list[int]) -> float:
    return round(pair[0] / pair[1], 3) if pair[1] else 1.0


def demo_consultation() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        migrate(path)
        app = create_app({"DATABASE": str(path), "SECRET_KEY": "bench-secret-" * 3, "TESTING": True})
        db = connect(path)
        questionnaires = app.extensions["questionnaires"]
        seed(db, questionnaires)
        consultation = dict(db.execute("SELECT * FROM consultations WHERE title = ?", (TITLE,)).fetchone())
        groups = groups_of(
            store.consultations.consultation_groups(db, consultation["id"]),
            store.tallies.consultation_response_counts(db, consultation["id"]),
            consultation["min_group_size"],
        )
        rows = store.tallies.consultation_answer_counts(db, consultation["id"])
        results = build_results(
            questionnaires[consultation["questionnaire_id"]], groups, rows, consultation["min_group_size"]
        )
        db.conn.close()
    tables = [day.table for part in results.parts for question in part.questions for day in question.days]
    weekend = [part.weekend_differs.table for part in results.parts if part.weekend_differs]
    kept = shown_shares([*tables, *weekend])
    return {
        "whole_shown_share": _share(kept["whole"]),
        "whole_shown_share_most": _share(most_shown_whole([*tables, *weekend])),
        "group_shown_share": _share(kept["group"]),
        "weekend_parts_shown": sum(table.statuses[("yes", WHOLE)] == SHOWN for table in weekend),
        "weekend_parts": len(weekend),
        "counts": kept,
    }


def small_schools() -> dict:
    kept = {"whole": [0, 0], "group": [0, 0]}

    # As bench_linked_suppression draws them, written out the same: hypothesis seeds a derandomised draw from
    # the function it decorates, and drawing through a shared helper drew other schools than the figures before.
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
        tables = tables_of(*school)
        results = suppress_linked(tables, links_of(tables), MINIMUM, fixed=[PUPILS])
        found = shown_shares(result for name, result in results.items() if name != PUPILS)
        for kind, (shown, could) in found.items():
            kept[kind][0] += shown
            kept[kind][1] += could

    measure()
    return {
        "whole_shown_share": _share(kept["whole"]),
        "group_shown_share": _share(kept["group"]),
        "counts": kept,
    }


def run() -> dict:
    demo, small = demo_consultation(), small_schools()
    for name, figures in (("demo consultation", demo), ("150 small schools", small)):
        counts = figures["counts"]
        print(
            f"   {name}: whole {figures['whole_shown_share']} shown {counts['whole']}, "
            f"groups {figures['group_shown_share']} {counts.get('group', '')}"
        )
    print(
        f"   demo: at most {demo['whole_shown_share_most']} of the whole could be shown with every small count hidden"
    )
    print(
        f"   demo headline weekend chart: {demo['weekend_parts_shown']} of {demo['weekend_parts']} parts shown"
    )
    return {
        "whole_shown_share": demo["whole_shown_share"],
        "whole_shown_share_most": demo["whole_shown_share_most"],
        "group_shown_share": demo["group_shown_share"],
        "weekend_parts_shown": demo["weekend_parts_shown"],
        "whole_shown_share_small_schools": small["whole_shown_share"],
        "group_shown_share_small_schools": small["group_shown_share"],
    }
