"""Supervision notes: a manager writes down a discussion about a child; the decisions show until done."""

import html
from datetime import date, timedelta

from dayinmylife import store
from tests.conftest import Practitioners

SOON = (date.today() + timedelta(days=5)).isoformat()


def write(manager, child_id, **fields):
    data = {"discussed_on": date.today().isoformat(), "discussion": "Breakfast at weekends", **fields}
    return manager.post(f"/children/{child_id}/supervision", data)


def test_a_manager_writes_down_a_discussion_the_practitioner_reads(client, db, app, morgan, team):
    response = write(morgan, team["Leo"], decisions="Sam to ask school about breakfast club", due_on=SOON)
    assert response.status_code == 302 and response.location.endswith(f"/children/{team['Leo']}#supervision")
    manager_page = html.unescape(client.get(f"/children/{team['Leo']}").text)
    assert (
        "Breakfast at weekends" in manager_page and "Sam to ask school about breakfast club" in manager_page
    )
    assert "Supervision decisions due" in html.unescape(client.get("/team").text)
    sam = Practitioners(app.test_client(), db)
    sam.sign_in("sam@example.org")
    caseload = html.unescape(sam.client.get("/").text)
    assert "Supervision decisions due" in caseload and "Sam to ask school about breakfast club" in caseload
    child_page = html.unescape(sam.client.get(f"/children/{team['Leo']}").text)
    assert "with Morgan" in child_page and "Write down a discussion" not in child_page
    [note] = store.casework.supervision_notes_of_child(db, team["Leo"])
    sam.post(f"/children/{team['Leo']}/supervision/{note['id']}/done", token_from=f"/children/{team['Leo']}")
    assert "Supervision decisions due" not in sam.client.get("/").text
    assert "Done on" in html.unescape(sam.client.get(f"/children/{team['Leo']}").text)
    events = [row[0] for row in db.execute("SELECT event FROM audit_log WHERE event LIKE 'supervision%'")]
    assert events == ["supervision_note_added", "supervision_decisions_done"]


def test_a_discussion_needs_what_was_discussed_and_a_date_not_in_the_future(db, morgan, team):
    empty = write(morgan, team["Leo"], discussion="")
    assert empty.status_code == 400 and "Write what was discussed" in empty.text
    future = write(morgan, team["Leo"], discussed_on=(date.today() + timedelta(days=2)).isoformat())
    assert future.status_code == 400 and "cannot be in the future" in future.text
    assert store.casework.supervision_notes_of_child(db, team["Leo"]) == []


def test_nobody_else_writes_supervision_notes(client, db, app, morgan, team):
    assert client.get(f"/children/{team['Kai']}/supervision").status_code == 404  # another team's child
    sam = Practitioners(app.test_client(), db)
    sam.sign_in("sam@example.org")
    assert sam.client.get(f"/children/{team['Leo']}/supervision").status_code == 404  # not a manager


def test_supervision_notes_are_part_of_everything_held_and_go_with_an_erased_child(db, morgan, team):
    write(morgan, team["Leo"], decisions="Review in a month")
    held = store.children.everything_about_child(db, team["Leo"])
    assert [note["discussion"] for note in held["supervision_notes"]] == ["Breakfast at weekends"]
    store.children.erase_child(db, team["Leo"])
    assert db.execute("SELECT COUNT(*) FROM supervision_notes").fetchone()[0] == 0


def test_the_printed_record_over_time_carries_the_supervision_discussions(client, db, app, morgan, team):
    write(morgan, team["Leo"], decisions="Sam to ask school about breakfast club", due_on=SOON)
    sam = Practitioners(app.test_client(), db)
    sam.sign_in("sam@example.org")
    record = " ".join(html.unescape(sam.client.get(f"/children/{team['Leo']}/history/print").text).split())
    assert "Supervision" in record and "Breakfast at weekends" in record
    assert "Sam to ask school about breakfast club" in record and "Not yet done." in record
    [note] = store.casework.supervision_notes_of_child(db, team["Leo"])
    sam.post(f"/children/{team['Leo']}/supervision/{note['id']}/done", token_from=f"/children/{team['Leo']}")
    record = html.unescape(sam.client.get(f"/children/{team['Leo']}/history/print").text)
    assert "Done on" in record and "Not yet done." not in record
    # A child without any discussion has no empty Supervision section in their record.
    assert "supervision-record" not in sam.client.get(f"/children/{team['Mia']}/history/print").text
