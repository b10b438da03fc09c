"""Subject access, erasure, retention, backups and the audit log of who saw what."""

import json
import sqlite3
from pathlib import Path

import pytest

from dayinmylife import audit, create_app, store
from dayinmylife.store.db import connect


@pytest.fixture
def leo(db, signed_in, child_of, questionnaires):
    child_id = child_of(signed_in, "Leo", "2019-03-14")
    session_id = store.sessions.start_session(db, child_id, questionnaires["primary"], signed_in)
    store.sessions.save_answer(db, session_id, "who_wakes_you", "school", "alarm")
    store.sessions.save_answer(db, session_id, "better_day", "once", "A dog")
    store.casework.add_note(db, session_id, signed_in, "Mum tired")
    return child_id


def events(db, event=None):
    rows = db.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
    return [dict(row) for row in rows if event is None or row["event"] == event]


def test_everything_held_about_a_child_exports_as_json(client, db, leo):
    response = client.get(f"/children/{leo}/everything.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    held = json.loads(response.text)
    assert held["child"]["display_name"] == "Leo"
    assert {answer["question_id"] for answer in held["answers"]} == {"who_wakes_you", "better_day"}
    assert held["notes"][0]["text"] == "Mum tired"
    assert events(db, "child_exported")[0]["child_id"] == leo
    assert response.headers["Cache-Control"] == "no-store"  # no browser or proxy keeps a copy


def test_everything_held_reads_as_a_printable_page(client, leo):
    page = client.get(f"/children/{leo}/everything").text
    assert (
        "Everything held about Leo" in page
        and "An alarm" in page
        and "“A dog”" in page
        and "Mum tired" in page
    )


def test_after_erasure_nothing_of_the_child_can_be_read_from_the_database_files(
    app, client, db, practitioners, signed_in, child_of, questionnaires
):
    child_id = store.children.create_child(
        db, signed_in, "Zephyrine Quillfeather", "2016-02-29", "CASE-ZQ-98765"
    )
    session_id = store.sessions.start_session(db, child_id, questionnaires["primary"], signed_in)
    for copy in range(40):  # many saves: many copies of the page in the write-ahead log
        store.sessions.save_answer(
            db, session_id, "better_day", "once", f"A blue kangaroo called Pemberley {copy}"
        )
    store.casework.add_note(db, session_id, signed_in, "Kitchen cupboards bare, Thistlewood Road")
    store.casework.set_message_to_child(
        db, session_id, signed_in, "We asked Grandma Ottoline to help with breakfast"
    )
    traces = [
        "Zephyrine",
        "Quillfeather",
        "CASE-ZQ-98765",
        "blue kangaroo",
        "Pemberley",
        "Thistlewood",
        "Ottoline",
    ]
    client.get(f"/children/{child_id}")  # read, as a practitioner would, before deciding to erase

    response = practitioners.post(f"/children/{child_id}/erase", {"confirm_name": "Zephyrine Quillfeather"})

    assert response.status_code == 302
    database = Path(app.config["DATABASE"])
    files = [database, *(database.with_name(database.name + end) for end in ("-wal", "-shm"))]
    for file in files:
        if file.exists():
            held = file.read_bytes()
            for trace in traces:
                for encoding in ("utf-8", "utf-16-le"):
                    assert trace.encode(encoding) not in held, (file.name, trace)


def test_the_database_is_readable_by_the_apps_own_user_only(app, db):
    database = Path(app.config["DATABASE"])
    for file in (database, database.with_name(database.name + "-wal")):
        assert file.stat().st_mode & 0o077 == 0, file.name


def test_erasing_needs_the_childs_name_typed(client, db, practitioners, leo):
    response = practitioners.post(f"/children/{leo}/erase", {"confirm_name": "Leon"})
    assert response.status_code == 400 and db["children"].count == 1


def test_erasing_deletes_every_record_and_the_audit_keeps_only_that_it_happened(
    client, db, practitioners, leo
):
    response = practitioners.post(f"/children/{leo}/erase", {"confirm_name": "Leo"})
    assert response.location == "/"
    for table in ("children", "sessions", "answers", "notes"):
        assert db[table].count == 0, table
    erased = events(db, "child_erased")
    assert erased[0]["child_id"] == leo and erased[0]["detail"] is None
    assert "Leo" not in json.dumps(events(db))


def test_another_practitioners_child_cannot_be_exported_or_erased(client, db, practitioners, child_of):
    practitioners.create()
    practitioners.sign_in()
    other = practitioners.create("alex@example.org", "Alex")
    mia = child_of(other, "Mia")
    assert client.get(f"/children/{mia}/everything.json").status_code == 404
    assert client.get(f"/children/{mia}/everything").status_code == 404
    assert (
        practitioners.post(f"/children/{mia}/erase", {"confirm_name": "Mia"}, token_from="/").status_code
        == 404
    )
    assert db["children"].count == 1
    assert [e["event"] for e in events(db)].count("access_refused") == 3


def test_sign_ins_views_and_refusals_are_audited_without_answers(client, db, practitioners, leo):
    client.get(f"/children/{leo}")
    session_id = db.execute("SELECT id FROM sessions").fetchone()[0]
    client.get(f"/sessions/{session_id}")
    kinds = [event["event"] for event in events(db)]
    assert kinds[:1] == ["signed_in"] and "child_viewed" in kinds and "session_viewed" in kinds
    everything = json.dumps(events(db))
    assert "alarm" not in everything and "A dog" not in everything and "Mum tired" not in everything


def test_a_failed_sign_in_is_audited(client, db, practitioners):
    practitioners.create()
    practitioners.sign_in(password="wrong password here")
    failed = events(db, "sign_in_failed")
    assert failed and "sam@example.org" in failed[0]["actor"]


def test_a_password_typed_into_the_email_box_is_not_kept_in_the_audit_log(client, db, practitioners):
    practitioners.create()
    practitioners.sign_in(email="correct horse battery staple", password="correct horse battery staple")
    everything = json.dumps(events(db))
    assert "correct horse" not in everything
    assert events(db, "sign_in_failed")[0]["actor"] == "sign-in with an e-mail that has no account"


def test_a_password_typed_into_the_email_box_is_kept_nowhere_in_the_database_files(
    app, client, db, practitioners
):
    practitioners.create()
    for _ in range(3):  # counted against the same "account", as sign-in throttling must
        practitioners.sign_in(email="Correct Horse Battery Staple", password="correct horse battery staple")
    assert db["sign_in_failures"].count == 3
    database = Path(app.config["DATABASE"])
    for file in (database, database.with_name(database.name + "-wal")):
        held = file.read_bytes().lower()
        assert b"correct horse" not in held and b"correct%20horse" not in held, file.name


def test_the_audit_log_cannot_be_changed_or_deleted(app, db):
    with app.test_request_context():
        audit.record(db, "records_expired", count=1)
    for statement in ("UPDATE audit_log SET event = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(statement)
        db.conn.rollback()
    assert len(events(db)) == 1


def test_retention_lists_without_deleting_then_deletes_with_apply(
    app, db, signed_in, child_of, questionnaires
):
    old = child_of(signed_in, "Old case", "2012-01-01")
    db.execute("UPDATE children SET created_at = '2019-01-01T00:00:00+00:00' WHERE id = ?", (old,))
    db.conn.commit()
    recent = child_of(signed_in, "Recent case", "2015-01-01")
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["retention"])
    assert (
        f"child {old}" in listed.output
        and f"child {recent}" not in listed.output
        and "Nothing deleted" in listed.output
    )
    assert db["children"].count == 2
    applied = runner.invoke(args=["retention", "--apply"])
    assert "Deleted 1 children" in applied.output
    assert [row["id"] for row in db.execute("SELECT id FROM children")] == [recent]
    assert events(db, "records_expired")[0]["actor"] == "command line"


def test_a_recent_session_keeps_an_old_record(app, db, signed_in, child_of, questionnaires):
    old = child_of(signed_in, "Old case", "2012-01-01")
    db.execute("UPDATE children SET created_at = '2019-01-01T00:00:00+00:00' WHERE id = ?", (old,))
    db.conn.commit()
    store.sessions.start_session(db, old, questionnaires["teenager"], signed_in)
    assert "0 children" in app.test_cli_runner().invoke(args=["retention"]).output


def test_a_backup_taken_while_running_restores_every_record(app, db, leo, tmp_path):
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "backup.sqlite3")])
    assert result.exit_code == 0, result.output
    restored = connect(tmp_path / "backup.sqlite3")
    for table in ("users", "children", "sessions", "answers", "notes", "audit_log"):
        assert restored[table].count == db[table].count, table
    assert store.sessions.answers_of(restored, 1)[("better_day", "once")].value == "A dog"


def test_a_backup_into_a_folder_not_made_yet_makes_it_and_keeps_the_copy_private(app, db, leo, tmp_path):
    target = tmp_path / "new folder" / "backup.sqlite3"
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert connect(target)["children"].count == 1
    assert target.stat().st_mode & 0o077 == 0  # nobody but the app's own user reads it


def test_a_backup_of_a_database_that_is_not_there_is_refused_and_writes_nothing(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "typo.sqlite3"), "SECRET_KEY": "test-" * 8, "TESTING": True})
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "backup.sqlite3")])
    assert result.exit_code != 0 and "There is no database at" in result.output
    assert not (tmp_path / "backup.sqlite3").exists() and not (tmp_path / "typo.sqlite3").exists()


def test_a_backup_of_a_file_that_is_not_a_database_is_refused_in_one_line_and_writes_nothing(tmp_path):
    wrong = tmp_path / "notes.txt"
    wrong.write_text("This is a shopping list, not the records.\n" * 200)
    app = create_app({"DATABASE": str(wrong), "SECRET_KEY": "test-" * 8, "TESTING": True})
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "backup.sqlite3")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # refused, not a traceback
    assert result.output.count("\n") == 1 and "is not a Day in my life database" in result.output
    assert not (tmp_path / "backup.sqlite3").exists()


def test_an_administrator_reads_and_filters_the_audit_log(app, client, db, practitioners, leo):
    client.get(f"/children/{leo}")
    db.execute("UPDATE users SET role = 'administrator'")
    db.conn.commit()
    page = client.get("/admin/audit?event=child_viewed")
    assert page.status_code == 200
    assert "Child&#39;s record viewed" in page.text or "Child's record viewed" in page.text
    assert "Signed in</td>" not in page.text
    assert client.get("/admin/audit?child=abc&since=yesterday&event=<script>").status_code == 200


def test_a_practitioner_cannot_read_the_audit_log(client, db, signed_in):
    assert client.get("/admin/audit").status_code == 404
    assert events(db, "access_refused")


def test_comparisons_histories_and_printed_records_are_audited(client, db, leo, signed_in, questionnaires):
    session_id = db.execute("SELECT id FROM sessions").fetchone()[0]
    for url in (f"/children/{leo}/compare", f"/children/{leo}/history", f"/sessions/{session_id}/print"):
        client.get(url)
    kinds = [
        (
            e["event"],
            json.loads(e["detail"] or "{}").get("page") or json.loads(e["detail"] or "{}").get("record"),
        )
        for e in events(db)
    ]
    assert ("child_viewed", "comparison") in kinds and ("child_viewed", "history") in kinds
    assert ("record_printed", "session") in kinds
