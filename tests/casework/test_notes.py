"""Practitioner notes, kept apart from the child's answers, and "You said, we did" for the next session."""

import pytest

from dayinmylife import store
from tests.conftest import Practitioners, csrf_token


@pytest.fixture
def session_id(db, signed_in, child_of, questionnaires):
    session_id = store.sessions.start_session(
        db, child_of(signed_in), questionnaires["primary"], signed_in, started_at="2026-06-01T10:00:00+00:00"
    )
    store.sessions.save_answer(db, session_id, "who_wakes_you", "school", "alarm")
    return session_id


def post_from_session(client, session_id, url, data):
    token = csrf_token(client.get(f"/sessions/{session_id}").text)
    return client.post(url, data={**data, "csrf_token": token})


def test_a_note_on_the_session_is_shown_apart_from_the_answers(client, session_id):
    response = post_from_session(
        client, session_id, f"/sessions/{session_id}/notes", {"text": "Mum was tired but warm."}
    )
    assert response.location.endswith("#notes")
    page = client.get(f"/sessions/{session_id}").text
    notes = page.split('id="notes"')[1]
    assert "Mum was tired but warm." in notes and "Sam Taylor" in notes


def test_a_note_on_one_answer_is_kept_with_that_answer(client, db, session_id):
    assert '<option value="who_wakes_you school">' in client.get(f"/sessions/{session_id}").text
    data = {"text": "Alarm is on Mum's phone", "about": "who_wakes_you school"}
    response = post_from_session(client, session_id, f"/sessions/{session_id}/notes", data)
    assert response.location.endswith("#answer-who_wakes_you-school")
    note = store.casework.notes_of_session(db, session_id)[0]
    assert (note["question_id"], note["day"], note["text"]) == (
        "who_wakes_you",
        "school",
        "Alarm is on Mum's phone",
    )


def test_an_empty_note_is_refused_and_nothing_saved(client, db, session_id):
    post_from_session(client, session_id, f"/sessions/{session_id}/notes", {"text": "  "})
    assert store.casework.notes_of_session(db, session_id) == []
    assert "The note was not added" in client.get(f"/sessions/{session_id}").text


def test_a_note_naming_half_an_answer_belongs_to_the_session(client, db, session_id):
    post_from_session(
        client,
        session_id,
        f"/sessions/{session_id}/notes",
        {"text": "x", "about": "who_wakes_you someday"},
    )
    assert store.casework.notes_of_session(db, session_id)[0]["question_id"] is None


@pytest.mark.parametrize(
    "question",
    ["who_wakes_you\r\nSet-Cookie: crlf=1", "no_such_question"],  # the first as wapiti's CRLF probe sent it
)
def test_a_note_naming_no_question_of_the_session_belongs_to_the_session(client, db, session_id, question):
    data = {"text": "Seen at home", "about": f"{question} school"}
    response = post_from_session(client, session_id, f"/sessions/{session_id}/notes", data)
    assert response.status_code == 302 and response.location.endswith(f"/sessions/{session_id}#notes")
    assert store.casework.notes_of_session(db, session_id)[0]["question_id"] is None


def test_notes_on_another_practitioners_session_are_refused(
    client, db, practitioners, child_of, questionnaires, session_id
):
    other = practitioners.create("alex@example.org", "Alex")
    theirs = store.sessions.start_session(db, child_of(other, "Mia"), questionnaires["primary"], other)
    token = csrf_token(client.get(f"/sessions/{session_id}").text)
    assert (
        client.post(f"/sessions/{theirs}/notes", data={"text": "x", "csrf_token": token}).status_code == 404
    )
    assert (
        client.post(
            f"/sessions/{theirs}/message-to-child", data={"text": "x", "csrf_token": token}
        ).status_code
        == 404
    )
    assert store.casework.notes_of_session(db, theirs) == []


def test_you_said_we_did_greets_the_child_at_their_next_session(
    client, db, practitioners, signed_in, questionnaires, session_id
):
    message = "You said there is no breakfast. Now Mum gets cereal on Sundays."
    post_from_session(client, session_id, f"/sessions/{session_id}/message-to-child", {"text": message})
    child_id = db.execute("SELECT child_id FROM sessions WHERE id = ?", (session_id,)).fetchone()[0]
    response = practitioners.post(f"/children/{child_id}/sessions/new", {"questionnaire": "primary"})
    start = client.get(response.location).text
    assert "You said, we did" in start and message in start


def test_you_said_we_did_is_not_shown_in_the_session_it_follows(client, db, session_id):
    post_from_session(client, session_id, f"/sessions/{session_id}/message-to-child", {"text": "Well done"})
    session = store.sessions.session_by_id(db, session_id)
    assert store.casework.messages_for_child(db, session) == []


def start_next_session(app, db, session_id, account="child"):
    """Start the child's next session on a tablet of its own, as the practitioner would; its start page."""
    tablet = Practitioners(app.test_client(), db)
    tablet.sign_in()
    child_id = db.execute("SELECT child_id FROM sessions WHERE id = ?", (session_id,)).fetchone()[0]
    response = tablet.post(
        f"/children/{child_id}/sessions/new", {"questionnaire": "primary", "account": account}
    )
    return tablet.client, response.location, tablet.client.get(response.location).text


def test_you_said_we_did_is_never_shown_on_a_parents_account(app, client, db, session_id):
    message = "I have talked to Mum about breakfast."
    post_from_session(client, session_id, f"/sessions/{session_id}/message-to-child", {"text": message})
    _, _, parents_start = start_next_session(app, db, session_id, account="parent_carer")
    assert message not in parents_start and "You said, we did" not in parents_start
    assert store.casework.message_to_child(db, session_id)["seen_at"] is None  # still waiting for the child
    _, _, childs_start = start_next_session(app, db, session_id)
    assert message in childs_start


def test_you_said_we_did_is_shown_once_then_only_new_messages(app, client, db, session_id):
    post_from_session(client, session_id, f"/sessions/{session_id}/message-to-child", {"text": "First news"})
    assert "has not seen this message yet" in client.get(f"/sessions/{session_id}").text
    tablet, location, start = start_next_session(app, db, session_id)
    assert "First news" in start
    assert "First news" in tablet.get(location).text  # a reload (or a change of language) still shows it
    seen = store.casework.message_to_child(db, session_id)
    assert seen["seen_in_session"] == int(location.strip("/").split("/")[-1])
    assert "saw this message on" in client.get(f"/sessions/{session_id}").text

    post_from_session(
        client,
        seen["seen_in_session"],
        f"/sessions/{seen['seen_in_session']}/message-to-child",
        {"text": "Next news"},
    )
    _, _, start = start_next_session(app, db, session_id)
    assert "Next news" in start and "First news" not in start
