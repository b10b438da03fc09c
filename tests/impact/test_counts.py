"""The store counts the children heard in SQL (10,000 are too many to read one by one): the same figures as
reading each child's sessions and what their latest one found, on the demo's year of varied caseloads."""

from collections import Counter

import pytest

from dayinmylife import clock, create_app, store
from dayinmylife.demo import seed
from dayinmylife.impact.figures import Quarter
from dayinmylife.questionnaire.findings import stamp
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate
from dayinmylife.supervision.child_sessions import findings_of_sessions, keep_findings
from tests.impact.test_figures import Child, counts


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    migrate(path)
    app = create_app({"DATABASE": str(path), "SECRET_KEY": "test-" * 8, "TESTING": True})
    db = connect(path)
    seed(db, app.extensions["questionnaires"])
    db.conn.close()
    return app


def children_read_one_by_one(db, quarter: Quarter) -> list[Child]:
    heard = []
    for child in db.execute("SELECT id FROM children").fetchall():
        sessions = [
            s
            for s in store.sessions.sessions_over_time(db, child["id"])
            if s["status"] == "finished"
            and quarter.start.isoformat() <= s["started_at"] < quarter.end.isoformat()
        ]
        if not sessions:
            continue
        practitioners = db.execute(
            "SELECT MIN(team_id) FROM team_members JOIN child_practitioners USING (user_id)"
            " WHERE child_id = ? AND NOT manages",
            (child["id"],),
        ).fetchone()[0]
        latest = sessions[-1]
        found = findings_of_sessions([latest])
        own = any(s["account"] == "child" for s in sessions)
        heard.append(Child(practitioners, len(sessions), own, found.get(latest["id"])))
    return heard


@pytest.mark.parametrize("back", [0, 1, 2, 3])
def test_sql_counts_each_quarter_as_reading_every_child_would(demo, back):
    quarter = Quarter.of(clock.today())
    for _ in range(back):
        quarter = quarter.previous
    with demo.app_context():
        db = store.db.get_db()
        start, end = quarter.start.isoformat(), quarter.end.isoformat()
        loaded = demo.extensions["questionnaires"]
        stamps = [stamp(questionnaire) for questionnaire in loaded.values()]
        keep_findings(store.impact.latest_sessions_not_counted(db, start, end, stamps), loaded)
        assert store.impact.latest_sessions_not_counted(db, start, end, stamps) == []
        in_sql = store.impact.counts_of_children_heard(db, start, end, stamps)
        expected = counts(children_read_one_by_one(db, quarter))
    assert Counter(row for row in in_sql if row[0] != "questionnaire") == Counter(expected)
    assert sum(n for table, _t, _a, n in in_sql if table == "questionnaire") == sum(
        n for table, _t, answer, n in expected if table == "heard" and answer is None
    )


def test_findings_kept_under_an_old_stamp_are_not_counted_until_worked_out_again(demo):
    quarter = Quarter.of(clock.today())
    with demo.app_context():
        db = store.db.get_db()
        start, end = quarter.start.isoformat(), quarter.end.isoformat()
        stamps = [stamp(questionnaire) for questionnaire in demo.extensions["questionnaires"].values()]
        db.execute("UPDATE session_findings SET stamp = 'old:' || stamp")
        db.conn.commit()
        stale = store.impact.latest_sessions_not_counted(db, start, end, stamps)
        counted = store.impact.counts_of_children_heard(db, start, end, stamps)
        assert stale and not any(row[0] in ("weekend", "worth_exploring", "going_well") for row in counted)
        assert any(row[0] == "heard" for row in counted)  # the children are heard all the same
        keep_findings(stale)
        assert store.impact.latest_sessions_not_counted(db, start, end, stamps) == []
