"""Putting mistakes right, and the audit log of it all: a child's details corrected, a session started by
mistake removed, a child added twice, a next session before the last, and events that were not logged."""

import pytest

from dayinmylife import store
from tests.conftest import PASSWORD


def events(db, event=None) -> list[dict]:
    rows = db.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
    return [dict(row) for row in rows if event is None or row["event"] == event]


@pytest.fixture
def leo(db, signed_in):
    return store.children.create_child(db, signed_in, "Leo Smyth", "2019-03-14", "C-17")


def test_correcting_a_childs_details_keeps_the_old_values_with_the_record(client, db, practitioners, leo):
    form = client.get(f"/children/{leo}/edit").text
    assert 'value="Leo Smyth"' in form and 'value="2019-03-14"' in form and 'value="C-17"' in form
    response = practitioners.post(
        f"/children/{leo}/edit",
        {"display_name": "Leo Smith", "date_of_birth": "2019-03-15", "case_reference": "C-17"},
    )
    assert response.location == f"/children/{leo}"
    child = store.children.child_for(db, 1, leo)
    assert (child["display_name"], child["date_of_birth"]) == ("Leo Smith", "2019-03-15")
    kept = {
        (c["field"], c["old_value"], c["new_value"]) for c in store.children.corrections_of_child(db, leo)
    }
    assert kept == {("display_name", "Leo Smyth", "Leo Smith"), ("date_of_birth", "2019-03-14", "2019-03-15")}
    edited = events(db, "child_edited")
    assert edited[0]["child_id"] == leo and "Smyth" not in (edited[0]["detail"] or "")  # names stay out
    page = client.get(f"/children/{leo}").text
    assert "2 corrections" in page and "“Leo Smyth” became “Leo Smith”" in page


def test_saving_the_details_unchanged_records_no_correction(db, practitioners, leo):
    practitioners.post(
        f"/children/{leo}/edit",
        {"display_name": "Leo Smyth", "date_of_birth": "2019-03-14", "case_reference": "C-17"},
    )
    assert store.children.corrections_of_child(db, leo) == [] and events(db, "child_edited") == []


def test_erasing_a_child_erases_their_corrections_too(db, practitioners, leo):
    practitioners.post(
        f"/children/{leo}/edit",
        {"display_name": "Leo Smith", "date_of_birth": "2019-03-14", "case_reference": ""},
    )
    practitioners.post(f"/children/{leo}/erase", {"confirm_name": "Leo Smith"})
    assert db["child_corrections"].count == 0


def test_a_session_started_by_mistake_is_removed_with_a_reason(
    client, db, practitioners, signed_in, leo, questionnaires
):
    session = store.sessions.start_session(
        db, leo, questionnaires["primary"], signed_in, account="parent_carer"
    )
    store.sessions.save_answer(db, session, "who_wakes_you", "school", "alarm")
    assert f"/sessions/{session}/remove" in client.get(f"/sessions/{session}").text
    no_reason = practitioners.post(f"/sessions/{session}/remove", {})
    assert no_reason.status_code == 400 and db["sessions"].count == 1
    removed = practitioners.post(f"/sessions/{session}/remove", {"reason": "wrong_child"})
    assert removed.location == f"/children/{leo}"
    assert db["sessions"].count == 0 and db["answers"].count == 0
    audited = events(db, "session_removed")[0]
    assert audited["session_id"] == session and '"wrong_child"' in audited["detail"]


def test_a_finished_session_is_never_removed(client, db, practitioners, signed_in, leo, questionnaires):
    session = store.sessions.start_session(
        db, leo, questionnaires["primary"], signed_in, account="parent_carer"
    )
    store.sessions.finish_session(db, session)
    assert f"/sessions/{session}/remove" not in client.get(f"/sessions/{session}").text
    response = practitioners.post(f"/sessions/{session}/remove", {"reason": "by_accident"}, token_from="/")
    assert response.status_code == 302 and db["sessions"].count == 1
    assert "cannot be removed" in client.get(response.location).text


def test_adding_the_same_child_twice_warns_first_then_adds_if_asked(client, db, practitioners, leo):
    details = {"display_name": "leo smyth", "date_of_birth": "2019-03-14"}
    warned = practitioners.post("/children/new", details, token_from="/children/new")
    assert warned.status_code == 200 and "is already on your caseload" in warned.text
    assert f'href="/children/{leo}"' in warned.text and db["children"].count == 1
    added = practitioners.post("/children/new", {**details, "add_anyway": "1"}, token_from="/children/new")
    assert added.status_code == 302 and db["children"].count == 2


def test_a_next_session_before_the_last_one_is_refused(
    client, db, practitioners, signed_in, leo, questionnaires
):
    store.sessions.start_session(
        db, leo, questionnaires["primary"], signed_in, started_at="2026-10-01T10:00:00+00:00"
    )
    refused = practitioners.post(
        f"/children/{leo}/next-session", {"next_session_on": "2026-09-01"}, token_from=f"/children/{leo}"
    )
    assert "cannot be before the last one" in client.get(refused.location).text
    assert store.children.child_for(db, 1, leo)["next_session_on"] is None
    practitioners.post(
        f"/children/{leo}/next-session", {"next_session_on": "2026-12-20"}, token_from=f"/children/{leo}"
    )
    assert store.children.child_for(db, 1, leo)["next_session_on"] == "2026-12-20"
    assert events(db, "next_session_set")[0]["child_id"] == leo


def test_starting_unlocking_and_writing_back_are_all_in_the_audit_log(
    client, db, practitioners, signed_in, leo
):
    started = practitioners.post(f"/children/{leo}/sessions/new", {"questionnaire": "primary"})
    session = int(started.location.strip("/").split("/")[-1])
    assert events(db, "session_started")[0]["session_id"] == session
    practitioners.post("/child-mode/unlock", {"password": "not my password"})
    practitioners.post("/child-mode/unlock", {"password": PASSWORD})
    assert [e["session_id"] for e in events(db) if e["event"].startswith("child_mode_unlock")] == [
        session,
        session,
    ]
    practitioners.post(
        f"/sessions/{session}/message-to-child",
        {"text": "We talked to Mum."},
        token_from=f"/sessions/{session}",
    )
    written = events(db, "message_to_child_written")[0]
    assert written["session_id"] == session and written["detail"] is None  # never the message itself


def test_the_audit_log_names_the_child_and_speaks_the_administrators_language(client, db, practitioners, leo):
    client.get(f"/children/{leo}")
    db.execute("UPDATE users SET role = 'administrator'")
    db.conn.commit()
    page = client.get("/admin/audit", headers={"Accept-Language": "cy"}).text
    assert ">Leo Smyth</a> (1)" in page
    assert "Child&#39;s record viewed" not in page and "Child's record viewed" not in page  # in Welsh
