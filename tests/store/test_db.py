"""The database: settings every connection needs, migrations, and several writers at once."""

import os
import threading
from datetime import date, timedelta
from pathlib import Path

from dayinmylife import store
from dayinmylife.consultations.codes import make_join_code
from dayinmylife.store.db import connect, get_db, schema_sql, write_transaction
from dayinmylife.store.migrations import later_steps, migrate


def test_every_connection_uses_wal_foreign_keys_and_durable_commits(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_migrating_again_changes_nothing(app, db):
    before = db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    migrate(app.config["DATABASE"])
    assert db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == before


def test_several_writers_at_once_lose_no_answer(app, db, practitioners, child_of, questionnaires):
    user = practitioners.create()
    sessions = [
        store.sessions.start_session(db, child_of(user, f"Child {n}"), questionnaires["primary"], user)
        for n in range(6)
    ]
    question_ids = [question.id for question in questionnaires["primary"].questions][:20]
    failures = []

    def pupil(session_id):
        own = connect(app.config["DATABASE"])
        try:
            for question_id in question_ids:
                store.sessions.save_answer(own, session_id, question_id, "school", "dont_know")
        except Exception as error:  # noqa: BLE001 - any failure is what this test looks for
            failures.append(error)
        finally:
            own.conn.close()

    threads = [threading.Thread(target=pupil, args=(session_id,)) for session_id in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == len(sessions) * len(question_ids)


def test_a_failed_write_leaves_what_was_saved_before(db, practitioners, child_of, questionnaires):
    user = practitioners.create()
    session_id = store.sessions.start_session(db, child_of(user), questionnaires["primary"], user)
    store.sessions.save_answer(db, session_id, "who_wakes_you", "school", "alarm")
    try:
        with write_transaction(db):
            db.execute("UPDATE answers SET value = '\"grown_up\"'")
            raise RuntimeError("the server fell over half-way")
    except RuntimeError:
        pass
    assert store.sessions.answers_of(db, session_id)[("who_wakes_you", "school")].value == "alarm"


def test_deleting_a_child_deletes_their_sessions_and_answers(db, practitioners, child_of, questionnaires):
    user = practitioners.create()
    child_id = child_of(user)
    session_id = store.sessions.start_session(db, child_id, questionnaires["primary"], user)
    store.sessions.save_answer(db, session_id, "who_wakes_you", "school", "alarm")
    with write_transaction(db):
        db.execute("DELETE FROM children WHERE id = ?", (child_id,))
    assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0


def test_a_request_never_leaves_its_thread_holding_the_write_lock(app, db):
    """Each server thread keeps its connection between requests; what a request left unfinished is undone."""
    with app.test_request_context():
        kept = get_db()
        kept.execute("BEGIN IMMEDIATE")
        kept.execute("UPDATE users SET name = 'half-done'")
    db.execute("PRAGMA busy_timeout = 100")
    with write_transaction(db):  # would fail with "database is locked" if the lock were still held
        db.execute(
            "INSERT INTO users (email, name, password_hash, role, created_at) VALUES ('a@b.c', 'A', 'x', 'practitioner', '')"
        )
    with app.test_request_context():
        assert get_db() is kept
        assert get_db().execute("SELECT name FROM users").fetchall()[0][0] == "A"


def test_a_database_file_put_back_in_its_place_is_opened_afresh(app, tmp_path):
    """Restoring a backup replaces the file: the app reads the restored one, not the old one still open."""
    with app.test_request_context():
        before = get_db()
    restored = tmp_path / "restored.sqlite3"
    migrate(restored)
    own = connect(restored)
    store.users.create_user(own, "restored@example.org", "Restored", "x")
    own.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    own.conn.close()
    before.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.replace(restored, app.config["DATABASE"])
    with app.test_request_context():
        assert get_db() is not before
        assert [row[0] for row in get_db().execute("SELECT email FROM users")] == ["restored@example.org"]


def test_a_repeated_pick_several_choice_is_repaired_and_the_counts_follow(db, practitioners, questionnaires):
    lead = store.users.create_user(db, "lead@example.org", "Lee", "x", "consultation_lead")
    today = date.today()
    details = {
        "title": "Year 5",
        "questionnaire_id": "primary",
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=7)).isoformat(),
        "min_group_size": 5,
        "max_responses": 100,
    }
    consultation = store.consultations.consultation_by_id(
        db, store.consultations.create_consultation(db, lead, details, [], make_join_code)
    )
    pupil = store.consultations.start_consultation_response(
        db, consultation, questionnaires["primary"], None, "en"
    )
    store.sessions.save_answer(
        db, pupil, "weather_clothes", "school", ["warm_coat"] * 500 + ["hat"]
    )  # stored before the fix

    later_steps.m015_each_choice_once(db)

    assert store.sessions.answers_of(db, pupil)[("weather_clothes", "school")].value == ["warm_coat", "hat"]
    counted = db.execute(
        "SELECT value, pupils FROM consultation_tallies WHERE question_id = 'weather_clothes' AND pupils > 0"
    ).fetchall()
    assert [tuple(row) for row in counted] == [('["warm_coat", "hat"]', 1)]


def test_failed_sign_ins_kept_as_typed_are_forgotten(db):
    db.execute(
        "INSERT INTO sign_in_failures (at, kind, account, address) VALUES (1, 'sign_in', 'my password', 'x')"
    )
    later_steps.m018_forget_what_failed_sign_ins_typed(db)
    assert db["sign_in_failures"].count == 0


def test_docs_schema_sql_is_the_schema_the_migrations_leave(tmp_path):
    migrate(tmp_path / "fresh.sqlite3")
    written = (Path(__file__).resolve().parents[2] / "docs" / "schema.sql").read_text()
    assert schema_sql(connect(tmp_path / "fresh.sqlite3")) == written, (
        "a migration changed the schema: run make schema"
    )
