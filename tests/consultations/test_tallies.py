"""The database behind consultations: the rebuilt sessions table and the tallies that always equal a fresh count."""

import pytest

from dayinmylife import store
from dayinmylife.store.db import connect, write_transaction
from dayinmylife.store.migrations import migrations
from tests.consultations.helpers import breakfast, create_consultation, create_lead, group_ids, pupils_answer

# The database: the rebuilt sessions table and the tallies


def consultation_of_an_older_schema(db) -> tuple[int, dict[str, int]]:
    """A consultation with the groups 5 Oak and 5 Ash, stored with the columns every schema since m003 has; its
    id and its groups' ids by name."""
    lead_id = create_lead(db)
    with write_transaction(db):
        consultation_id = db.execute(
            """
            INSERT INTO consultations (title, questionnaire_id, join_code, opens_on, closes_on, created_by, created_at)
            VALUES ('Year 5', 'primary', 'ABC234', '2026-03-01', '2026-03-20', ?, '2026-03-01T09:00:00+00:00')
            """,
            (lead_id,),
        ).lastrowid
        for position, name in enumerate(("5 Oak", "5 Ash")):
            db.execute(
                "INSERT INTO consultation_groups (consultation_id, name, position) VALUES (?, ?, ?)",
                (consultation_id, name, position),
            )
    groups = db.execute(
        "SELECT name, id FROM consultation_groups WHERE consultation_id = ?", (consultation_id,)
    )
    return consultation_id, dict(groups.fetchall())


def test_making_sessions_ready_for_consultations_keeps_every_answer_of_the_previous_schema(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = connect(path)
    migrations.apply(db, stop_before="m003_consultations")
    with write_transaction(db):
        db.execute(
            "INSERT INTO users (email, name, password_hash, created_at) VALUES ('s@x', 'Sam', 'h', 'now')"
        )
        db.execute(
            "INSERT INTO children (display_name, date_of_birth, created_at) VALUES ('Leo', '2019-01-01', 'now')"
        )
        for n in range(3):
            db.execute(
                "INSERT INTO sessions (child_id, questionnaire_id, questionnaire_version, started_by, started_at) VALUES (1, 'primary', 1, 1, ?)",
                (f"2026-0{n + 1}-01",),
            )
            for question in ("who_wakes_you", "had_breakfast", "better_day"):
                db.execute(
                    "INSERT INTO answers (session_id, question_id, day, value, saved_at) VALUES (?, ?, 'school', '\"yes\"', 'now')",
                    (n + 1, question),
                )
        db.execute("INSERT INTO notes (session_id, text, created_at) VALUES (2, 'kept', 'now')")
    columns = "session_id, question_id, day, value, skipped, source, saved_at"
    before = [tuple(row) for row in db.execute(f"SELECT {columns} FROM answers ORDER BY 1, 2, 3")]
    migrations.apply(db)
    assert [tuple(row) for row in db.execute(f"SELECT {columns} FROM answers ORDER BY 1, 2, 3")] == before
    assert len(before) == 9
    assert db.execute("SELECT text FROM notes").fetchone()[0] == "kept"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    indexes = {
        row[0]
        for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions'")
    }
    assert {"sessions_by_child", "sessions_by_consultation"} <= indexes
    with write_transaction(db):  # the cascade still works after the rebuild
        db.execute("DELETE FROM children")
    assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0
    db.conn.close()


def test_a_session_is_a_childs_or_a_consultation_response_never_both_nor_neither(db):
    with pytest.raises(Exception, match="CHECK"), write_transaction(db):
        db.execute(
            "INSERT INTO sessions (questionnaire_id, questionnaire_version, started_at) VALUES ('primary', 1, 'now')"
        )


def test_the_tallies_always_equal_a_fresh_count_of_the_answers(db, questionnaires):
    lead_id = create_lead(db)
    consultation_id = create_consultation(db, lead_id)
    consultation = store.consultations.consultation_by_id(db, consultation_id)
    oak = group_ids(db, consultation_id)["5 Oak"]
    first = store.consultations.start_consultation_response(
        db, consultation, questionnaires["primary"], oak, "en"
    )
    second = store.consultations.start_consultation_response(
        db, consultation, questionnaires["primary"], None, "en"
    )
    store.sessions.save_answer(db, first, "had_breakfast", "school", "yes")
    store.sessions.save_answer(db, second, "had_breakfast", "school", "yes")
    store.sessions.save_answer(db, second, "breakfast_food", "school", ["toast", "fruit"])
    store.sessions.save_answer(db, first, "had_breakfast", "school", "no")  # changed
    store.sessions.save_answer(db, first, "who_wakes_you", "school", None)  # skipped
    assert store.tallies.consultation_answer_counts(
        db, consultation_id
    ) == store.tallies.consultation_answer_recount(db, consultation_id)
    with write_transaction(db):
        db.execute("DELETE FROM sessions WHERE id = ?", (second,))
    counts = store.tallies.consultation_answer_counts(db, consultation_id)
    assert counts == store.tallies.consultation_answer_recount(db, consultation_id)
    assert ("had_breakfast", "school", '"no"', {oak: 1}) in counts and len(counts) == 2


def test_the_tallies_count_what_was_answered_before_they_existed(tmp_path, questionnaires):
    db = connect(tmp_path / "before.sqlite3")
    migrations.apply(db, stop_before="m007_consultation_tallies")
    consultation_id, groups = consultation_of_an_older_schema(db)
    pupils_answer(db, questionnaires["primary"], consultation_id, groups["5 Ash"], [breakfast("yes")] * 4)
    migrations.apply(db)
    assert store.tallies.consultation_answer_counts(
        db, consultation_id
    ) == store.tallies.consultation_answer_recount(db, consultation_id)
    assert (
        "had_breakfast",
        "school",
        '"yes"',
        {groups["5 Ash"]: 4},
    ) in store.tallies.consultation_answer_counts(db, consultation_id)
    db.conn.close()


def fresh_response_counts(db, consultation_id) -> dict:
    rows = db.execute(
        """
        SELECT consultation_group_id, COUNT(*) FROM sessions
        WHERE consultation_id = ? AND EXISTS (SELECT 1 FROM answers WHERE answers.session_id = sessions.id)
        GROUP BY 1
        """,
        (consultation_id,),
    )
    return {row[0]: row[1] for row in rows}


def test_the_pupils_who_answered_always_equal_a_fresh_count(db, questionnaires):
    lead_id = create_lead(db)
    consultation_id = create_consultation(db, lead_id)
    consultation = store.consultations.consultation_by_id(db, consultation_id)
    oak = group_ids(db, consultation_id)["5 Oak"]
    started = [
        store.consultations.start_consultation_response(
            db, consultation, questionnaires["primary"], group, "en"
        )
        for group in (oak, oak, None, oak)
    ]
    store.sessions.save_answer(db, started[0], "had_breakfast", "school", "yes")
    store.sessions.save_answer(db, started[0], "had_breakfast", "school", "no")  # changed: still one pupil
    store.sessions.save_answer(db, started[0], "who_wakes_you", "school", None)  # skipped: still one pupil
    store.sessions.save_answer(db, started[1], "had_breakfast", "school", "yes")
    store.sessions.save_answer(db, started[2], "had_breakfast", "school", "yes")  # started[3] never answers
    counts = store.tallies.consultation_response_counts(db, consultation_id)
    assert counts == fresh_response_counts(db, consultation_id) == {oak: 2, None: 1}
    with write_transaction(db):
        db.execute(
            "DELETE FROM answers WHERE session_id = ? AND question_id = 'had_breakfast'", (started[0],)
        )
        db.execute("DELETE FROM sessions WHERE id = ?", (started[1],))
    counts = store.tallies.consultation_response_counts(db, consultation_id)
    assert counts == fresh_response_counts(db, consultation_id) == {oak: 1, None: 1}
    store.consultations.erase_consultation_responses(db, consultation_id)
    assert store.tallies.consultation_response_counts(db, consultation_id) == {}


def test_the_pupils_who_answered_before_the_count_existed_are_counted(tmp_path, questionnaires):
    db = connect(tmp_path / "before.sqlite3")
    migrations.apply(db, stop_before="m033_consultation_responses_counted")
    consultation_id, groups = consultation_of_an_older_schema(db)
    ash = groups["5 Ash"]
    pupils_answer(db, questionnaires["primary"], consultation_id, ash, [breakfast("yes")] * 4)
    migrations.apply(db)
    assert store.tallies.consultation_response_counts(db, consultation_id) == {ash: 4}
    db.conn.close()
