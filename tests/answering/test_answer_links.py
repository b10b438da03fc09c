"""A teenager's own link: made by their practitioner, opening one session on their phone, once."""

import hashlib
import re
from datetime import datetime

import pytest

from dayinmylife import store
from dayinmylife.store.db import write_transaction
from tests.conftest import csrf_token

NOT_WORKING = "Ask your worker to send you a new link."


@pytest.fixture
def teen_session(db, signed_in, child_of, questionnaires):
    """An unfinished teenager session in the young person's own account, of the signed-in practitioner."""
    child_id = child_of(signed_in, name="Jess", date_of_birth="2011-06-02")
    return store.sessions.start_session(db, child_id, questionnaires["teenager"], signed_in)


def make_link(practitioners, session_id) -> str:
    """Press "Send Jess a link" on the session page; return the link shown (just the path)."""
    made = practitioners.post(f"/sessions/{session_id}/answer-links", token_from=f"/sessions/{session_id}")
    page = practitioners.client.get(made.location)
    assert page.status_code == 200
    return re.search(r"http://localhost(/link/[A-Za-z0-9_-]+)<", page.text).group(1)


def start(browser, link):
    """On the young person's phone: open the link and press Start."""
    page = browser.get(link)
    return browser.post(link, data={"csrf_token": csrf_token(page.text)})


@pytest.fixture
def phone(app):
    return app.test_client()


def test_the_session_page_offers_a_link_and_shows_it_once_with_a_qr_code(client, practitioners, teen_session):
    session_page = client.get(f"/sessions/{teen_session}").text
    assert "Send Jess a link to answer on their own phone" in session_page
    made = practitioners.post(
        f"/sessions/{teen_session}/answer-links", token_from=f"/sessions/{teen_session}"
    )
    assert made.status_code == 302  # after the POST, a page of its own: a reload makes no second link
    page = client.get(made.location)
    assert "A link for Jess" in page.text
    assert "<svg" in page.text and "QR code of the link" in page.text
    assert re.search(
        r"<textarea[^>]*readonly[^>]*>http://localhost/link/[A-Za-z0-9_-]{43}</textarea>", page.text
    )
    assert "stops working after" in page.text
    token = re.search(r"/link/([A-Za-z0-9_-]+)", page.text).group(1)
    assert token not in client.get(f"/sessions/{teen_session}").text  # never shown again
    reloaded = client.get(made.location, follow_redirects=True)
    assert token not in reloaded.text and "A link is shown only once" in reloaded.text


def test_reloading_the_link_page_makes_no_second_live_link(db, client, practitioners, teen_session):
    made = practitioners.post(
        f"/sessions/{teen_session}/answer-links", token_from=f"/sessions/{teen_session}"
    )
    for _ in range(3):
        client.get(made.location)
    assert db.execute("SELECT COUNT(*) FROM answer_links").fetchone()[0] == 1


def test_only_the_tokens_hash_is_stored(db, practitioners, teen_session):
    link = make_link(practitioners, teen_session)
    token = link.removeprefix("/link/")
    stored = "\n".join(db.conn.iterdump())
    assert token not in stored
    assert hashlib.sha256(token.encode()).hexdigest() in stored
    assert "/link/" not in stored  # nor in the audit log


def test_the_link_expires_after_the_configured_days(app, db, practitioners, teen_session):
    app.config["ANSWER_LINK_DAYS"] = 3
    make_link(practitioners, teen_session)
    row = db.execute("SELECT created_at, expires_at FROM answer_links").fetchone()
    gap = datetime.fromisoformat(row["expires_at"]) - datetime.fromisoformat(row["created_at"])
    assert gap.days == 3


def test_opening_the_link_changes_nothing_until_start_is_pressed(db, practitioners, teen_session, phone):
    link = make_link(practitioners, teen_session)
    page = phone.get(link)
    assert page.status_code == 200
    assert "Tell us about your day" in page.text and ">Start<" in page.text
    assert "Jess" not in page.text  # someone else looking at the phone learns no name
    assert db.execute("SELECT used_at FROM answer_links").fetchone()["used_at"] is None
    assert phone.get(f"/day/{teen_session}/").status_code == 302  # not yet let in


def test_a_link_to_a_half_answered_session_starts_with_a_welcome_not_mid_questionnaire(
    db, practitioners, teen_session, phone
):
    store.sessions.save_answer(
        db, teen_session, "how_you_wake_up", "school", "alarm"
    )  # begun with their worker
    page = phone.get(start(phone, make_link(practitioners, teen_session)).location).text
    assert "Welcome back" in page and "Who will see my answers?" in page
    carry_on = re.search(r'class="button button--go" href="([^"]+)">Carry on<', page).group(1)
    assert carry_on.startswith(f"/day/{teen_session}/") and "how_you_wake_up" not in carry_on
    assert 'class="language-picker"' not in page  # the session's language is settled by its first answer


def test_start_opens_the_session_and_the_phone_can_answer_it(db, practitioners, teen_session, phone):
    link = make_link(practitioners, teen_session)
    response = start(phone, link)
    assert response.location == f"/day/{teen_session}/?welcome=1"
    assert phone.get(f"/day/{teen_session}/").status_code == 200
    question = f"/day/{teen_session}/school-day/how_you_wake_up"
    token = csrf_token(phone.get(question).text)
    phone.post(question, data={"answer": "own_alarm", "action": "continue", "csrf_token": token})
    assert ("how_you_wake_up", "school") in store.sessions.answers_of(db, teen_session)
    events = [row["event"] for row in db.execute("SELECT event FROM audit_log")]
    assert "answer_link_created" in events and "answer_link_used" in events


def test_the_link_works_once_only(app, practitioners, teen_session, phone):
    link = make_link(practitioners, teen_session)
    page = phone.get(link)
    phone.post(link, data={"csrf_token": csrf_token(page.text)})
    other_phone = app.test_client()
    assert NOT_WORKING in other_phone.get(link).text
    second = other_phone.post(link, data={"csrf_token": csrf_token(other_phone.get("/join/").text)})
    assert second.status_code == 404 and NOT_WORKING in second.text
    assert other_phone.get(f"/day/{teen_session}/").status_code == 302  # to signing in: not let in


def test_the_phone_that_used_the_link_can_open_it_again_to_carry_on(practitioners, teen_session, phone):
    link = make_link(practitioners, teen_session)
    start(phone, link)
    assert phone.get(link).location == f"/day/{teen_session}/"


def test_an_expired_link_does_not_work(db, practitioners, teen_session, phone):
    link = make_link(practitioners, teen_session)
    with write_transaction(db):
        db.execute("UPDATE answer_links SET expires_at = '2020-01-01T00:00:00+00:00'")
    page = phone.get(link)
    assert page.status_code == 404
    assert NOT_WORKING in page.text and "0800 1111" in page.text
    response = phone.post(link, data={"csrf_token": csrf_token(phone.get("/join/").text)})
    assert response.status_code == 404
    assert phone.get(f"/day/{teen_session}/").status_code == 302


def test_a_wrong_token_gets_the_same_friendly_page(phone):
    page = phone.get("/link/made-up-token")
    assert page.status_code == 404
    assert NOT_WORKING in page.text and "Childline" in page.text


def test_a_revoked_link_does_not_work_and_shuts_out_the_phone_that_used_it(
    db, client, practitioners, teen_session, phone, app
):
    used = make_link(practitioners, teen_session)
    start(phone, used)
    unused = make_link(practitioners, teen_session)
    session_page = client.get(f"/sessions/{teen_session}").text
    assert session_page.count(">Revoke<") == 2
    link_ids = [row["id"] for row in db.execute("SELECT id FROM answer_links ORDER BY id")]
    for link_id in link_ids:
        response = practitioners.post(
            f"/sessions/{teen_session}/answer-links/{link_id}/revoke", token_from=f"/sessions/{teen_session}"
        )
        assert response.status_code == 302
    shut_out = phone.get(f"/day/{teen_session}/")  # the phone is out, told in words written for them
    assert shut_out.status_code == 404 and NOT_WORKING in shut_out.text
    assert NOT_WORKING in app.test_client().get(unused).text
    page = client.get(f"/sessions/{teen_session}").text
    assert page.count("Revoked on") == 2 and ">Revoke<" not in page
    events = [row["event"] for row in db.execute("SELECT event FROM audit_log")]
    assert events.count("answer_link_revoked") == 2


def test_the_links_phone_sees_no_other_session_and_no_practitioner_page(
    db, practitioners, teen_session, phone, signed_in, child_of, questionnaires
):
    other = store.sessions.start_session(
        db, child_of(signed_in, name="Leo"), questionnaires["primary"], signed_in
    )
    start(phone, make_link(practitioners, teen_session))
    assert phone.get(f"/day/{other}/").status_code == 302  # to signing in
    assert phone.get(f"/day/{other}/school-day/who_wakes_you").status_code == 302
    for page in ("/", f"/sessions/{teen_session}", "/children/1"):
        response = phone.get(page)
        assert response.status_code == 302 and response.location.startswith("/sign-in")


def test_no_link_for_another_practitioners_child(db, practitioners, teen_session, questionnaires):
    someone_else = practitioners.create("kim@example.org", "Kim Lee")
    theirs = store.sessions.start_session(
        db,
        store.children.create_child(db, someone_else, "Ana", "2011-01-01", None),
        questionnaires["teenager"],
        None,
    )
    response = practitioners.post(f"/sessions/{theirs}/answer-links", token_from="/")
    assert response.status_code == 404
    assert db.execute("SELECT COUNT(*) FROM answer_links").fetchone()[0] == 0


@pytest.mark.parametrize("role", ["administrator", "consultation_lead"])
def test_other_roles_cannot_make_a_link(db, app, practitioners, teen_session, role):
    store.users.create_user(
        db, f"{role}@example.org", role, store.users.user_by_id(db, 1)["password_hash"], role
    )
    browser = app.test_client()
    practitioners.client = browser
    practitioners.sign_in(f"{role}@example.org")
    response = practitioners.post(f"/sessions/{teen_session}/answer-links", token_from="/settings")
    assert response.status_code == 404
    assert db.execute("SELECT COUNT(*) FROM answer_links").fetchone()[0] == 0


def test_no_link_for_a_younger_childs_or_a_finished_session(
    db, client, practitioners, signed_in, child_of, questionnaires, teen_session
):
    primary = store.sessions.start_session(db, child_of(signed_in), questionnaires["primary"], signed_in)
    store.sessions.finish_session(db, teen_session)
    for session_id in (primary, teen_session):
        assert "a link to answer on their own phone" not in client.get(f"/sessions/{session_id}").text
        response = practitioners.post(
            f"/sessions/{session_id}/answer-links", token_from=f"/sessions/{session_id}"
        )
        assert response.status_code == 302
    assert db.execute("SELECT COUNT(*) FROM answer_links").fetchone()[0] == 0


def test_the_link_page_keeps_the_token_to_this_site(practitioners, teen_session, phone):
    page = phone.get(make_link(practitioners, teen_session))
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert page.headers["Cache-Control"] == "no-store"
    assert not re.search(r'(src|href)="(https?:)?//', page.text)  # nothing from another site to send it to


def test_stopping_on_their_own_phone_says_how_to_carry_on_not_to_hand_a_device_back(
    practitioners, teen_session, phone
):
    start(phone, make_link(practitioners, teen_session))
    page = phone.get(f"/day/{teen_session}/stop").text
    assert "open your link again on this phone" in page
    assert "give the device back" not in page and "take the device back" not in page
