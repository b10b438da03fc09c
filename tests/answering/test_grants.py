"""What a browser may open: pupils on a shared tablet, a young person's own link, and child mode when the
practitioner's sign-in ends while the child is answering."""

import re

import pytest

from dayinmylife import clock, store
from dayinmylife.admin import user_rules
from dayinmylife.store.db import write_transaction
from tests.answering.test_answer_links import make_link
from tests.answering.test_answer_links import start as open_link
from tests.conftest import PASSWORD, csrf_token
from tests.consultations.test_join import answer, join_as_pupil, start, type_code

SENT = "cannot be opened again"
GIVE_IT_BACK = "Your answers are saved. Please give the device back to your worker"


@pytest.fixture
def consultation(db):
    from tests.consultations.helpers import create_consultation, create_lead

    return store.consultations.consultation_by_id(
        db, create_consultation(db, create_lead(db), groups=("5 Oak", "5 Ash"))
    )


def finish(browser, session_id):
    token = csrf_token(browser.get(f"/day/{session_id}/review").text)
    return browser.post(f"/day/{session_id}/finish", data={"csrf_token": token})


def own_words(db, session_id):
    return store.sessions.answers_of(db, session_id)[("mornings_own_words", "school")].value


def arrive_by(how, tablet, consultation):
    """The next pupil reaches the join page on the same tablet."""
    if how == "thank-you link":
        tablet.get("/join/")  # "Start again with the code" on the thank-you page
        type_code(tablet, consultation["join_code"])
    elif how == "qr code":
        tablet.get(f"/join/?code={consultation['join_code']}")
    else:
        type_code(tablet, consultation["join_code"])


def the_next_pupil_starts(tablet, db, consultation):
    from tests.consultations.test_join import group_ids

    location = start(tablet, group_ids(db, consultation["id"])["5 Ash"]).location
    return int(re.search(r"/day/(\d+)/", location).group(1))


# A class tablet passed from pupil to pupil


@pytest.mark.parametrize("how", ["thank-you link", "qr code", "typed code"])
def test_the_next_pupil_on_a_shared_tablet_cannot_read_or_change_sent_answers(app, db, consultation, how):
    tablet = app.test_client()
    first = join_as_pupil(tablet, db, consultation)
    answer(
        tablet, f"/day/{first}/school-day/mornings_own_words", answer="Nan makes porridge", action="continue"
    )
    finish(tablet, first)

    arrive_by(how, tablet, consultation)
    second = the_next_pupil_starts(tablet, db, consultation)
    assert second != first

    for page in ("/", "/review", "/school-day/mornings_own_words", "/weekend/mornings_own_words"):
        response = tablet.get(f"/day/{first}{page}", follow_redirects=True)
        assert "Nan makes porridge" not in response.text, page
    token = csrf_token(tablet.get(f"/day/{second}/school-day/who_wakes_you").text)
    changed = tablet.post(
        f"/day/{first}/school-day/mornings_own_words", data={"answer": "changed", "csrf_token": token}
    )
    assert changed.status_code in (302, 404) and own_words(db, first) == "Nan makes porridge"


def test_a_fourth_pupil_can_open_none_of_the_three_before(app, db, consultation):
    tablet = app.test_client()
    earlier = []
    for words in ("first words", "second words", "third words"):
        arrive_by("typed code", tablet, consultation)
        session_id = the_next_pupil_starts(tablet, db, consultation)
        answer(tablet, f"/day/{session_id}/school-day/mornings_own_words", answer=words, action="continue")
        finish(tablet, session_id)
        earlier.append(session_id)
    arrive_by("qr code", tablet, consultation)
    the_next_pupil_starts(tablet, db, consultation)
    for session_id, words in zip(earlier, ("first words", "second words", "third words"), strict=True):
        for page in ("/", "/review", "/school-day/mornings_own_words", "/thanks", "/sent"):
            response = tablet.get(f"/day/{session_id}{page}", follow_redirects=True)
            assert words not in response.text


def test_an_unfinished_pupil_is_out_of_reach_once_the_next_pupil_starts_afresh(app, db, consultation):
    tablet = app.test_client()
    first = join_as_pupil(tablet, db, consultation)
    answer(tablet, f"/day/{first}/school-day/mornings_own_words", answer="not sent yet", action="continue")
    arrive_by("typed code", tablet, consultation)
    the_next_pupil_starts(tablet, db, consultation)  # pressed "start", not "carry on"
    assert "not sent yet" not in tablet.get(f"/day/{first}/review", follow_redirects=True).text


def test_a_pupil_who_presses_finish_twice_sees_thank_you_again(app, db, consultation):
    tablet = app.test_client()
    session_id = join_as_pupil(tablet, db, consultation)
    token = csrf_token(tablet.get(f"/day/{session_id}/review").text)
    for _ in range(2):
        response = tablet.post(f"/day/{session_id}/finish", data={"csrf_token": token})
        assert response.location == f"/day/{session_id}/thanks"


# A young person's own link


@pytest.fixture
def teen_session(db, signed_in, child_of, questionnaires):
    child_id = child_of(signed_in, name="Jess", date_of_birth="2011-06-02")
    return store.sessions.start_session(db, child_id, questionnaires["teenager"], signed_in)


@pytest.fixture
def phone(app, practitioners, teen_session):
    """The young person's phone, having opened their link and pressed Start."""
    browser = app.test_client()
    open_link(browser, make_link(practitioners, teen_session))
    return browser


def test_a_finished_session_closes_on_the_phone_and_cannot_be_changed(db, phone, teen_session):
    question = f"/day/{teen_session}/school-day/mornings_own_words"
    answer(phone, question, answer="I make my own toast", action="continue")
    token = csrf_token(phone.get(question).text)
    finish(phone, teen_session)

    for page in ("/", "/review", "/school-day/mornings_own_words"):
        response = phone.get(f"/day/{teen_session}{page}")
        assert response.location == f"/day/{teen_session}/sent", page
    sent = phone.get(f"/day/{teen_session}/sent").text
    assert SENT in sent and "I make my own toast" not in sent and "Change something" not in sent
    phone.post(question, data={"answer": "someone else's words", "csrf_token": token})
    assert own_words(db, teen_session) == "I make my own toast"


def test_an_expired_link_stops_working_on_the_phone_that_used_it(db, phone, teen_session):
    assert phone.get(f"/day/{teen_session}/").status_code in (200, 302)
    with write_transaction(db):
        db.execute("UPDATE answer_links SET expires_at = ?", ("2020-01-01T00:00:00+00:00",))
    for page in ("/", "/review", "/school-day/who_wakes_you"):
        response = phone.get(f"/day/{teen_session}{page}")
        assert response.status_code == 404 and "Ask your worker to send you a new link" in response.text


# Child mode, when the practitioner's sign-in ends while the child answers


@pytest.fixture
def tablet(client, practitioners, signed_in, child_of):
    """The practitioner's tablet, handed to Leo in child mode; returns (client, session id)."""
    response = practitioners.post(
        f"/children/{child_of(signed_in)}/sessions/new", {"questionnaire": "primary"}
    )
    session_id = int(response.location.strip("/").split("/")[-1])
    answer(client, f"/day/{session_id}/school-day/who_wakes_you", answer="alarm", action="continue")
    return client, session_id


def sign_out_on_the_laptop(app, db, practitioners):
    laptop = app.test_client()
    token = csrf_token(laptop.get("/sign-in").text)
    laptop.post("/sign-in", data={"email": "sam@example.org", "password": PASSWORD, "csrf_token": token})
    laptop.post("/sign-out", data={"csrf_token": csrf_token(laptop.get("/settings").text)})


def password_reset_by_an_administrator(app, db, practitioners):
    user_rules.reset_password(
        db, store.users.account_by_email(db, "sam@example.org"), "a new long password 42"
    )


def role_changed(app, db, practitioners):
    user_rules.change_role(
        db, store.users.account_by_email(db, "sam@example.org"), "consultation_lead", by=None
    )


def role_changed_without_signing_out(app, db, practitioners):
    # Only the role changes, not the sign-in: the role itself must end child mode, read afresh.
    with write_transaction(db):
        db.execute("UPDATE users SET role = 'consultation_lead' WHERE email = 'sam@example.org'")


def account_disabled(app, db, practitioners):
    user_rules.disable(db, store.users.account_by_email(db, "sam@example.org"), by=None)


@pytest.mark.parametrize(
    "sign_in_ends",
    [
        sign_out_on_the_laptop,
        password_reset_by_an_administrator,
        role_changed,
        role_changed_without_signing_out,
        account_disabled,
    ],
    ids=[
        "signed out elsewhere",
        "password reset",
        "role changed",
        "role changed in the database",
        "disabled",
    ],
)
def test_the_answer_in_flight_is_saved_and_the_child_told_to_give_the_device_back(
    app, db, practitioners, tablet, sign_in_ends
):
    client, session_id = tablet
    question = f"/day/{session_id}/school-day/mornings_own_words"
    token = csrf_token(client.get(question).text)
    sign_in_ends(app, db, practitioners)

    response = client.post(question, data={"answer": "Dad makes eggs", "csrf_token": token})
    assert own_words(db, session_id) == "Dad makes eggs"
    assert response.location == "/sign-in"
    page = client.get("/sign-in")
    assert page.status_code == 200 and GIVE_IT_BACK in page.text
    assert client.get(f"/day/{session_id}/review").location.startswith("/sign-in")  # nothing more opens


def test_the_practitioner_can_sign_in_again_on_the_device_after_signing_out_elsewhere(
    app, db, practitioners, tablet
):
    client, session_id = tablet
    sign_out_on_the_laptop(app, db, practitioners)
    response = client.get(f"/day/{session_id}/school-day/mornings_own_words")
    assert response.location == "/sign-in"
    assert GIVE_IT_BACK in client.get("/sign-in").text
    practitioners.sign_in()
    assert client.get("/").status_code == 200 and "Leo" in client.get("/").text


def test_the_answer_in_flight_is_saved_at_the_absolute_limit(app, db, tablet, monkeypatch):
    client, session_id = tablet
    question = f"/day/{session_id}/school-day/mornings_own_words"
    token = csrf_token(client.get(question).text)
    later = clock.epoch() + 12 * 3600 + 1
    with client.session_transaction() as cookie:
        cookie["last_seen"] = int(later) - 60  # the child was on this question a minute ago
    monkeypatch.setattr(clock, "epoch", lambda: later)
    response = client.post(question, data={"answer": "Toast", "csrf_token": token})
    assert own_words(db, session_id) == "Toast" and response.location == "/sign-in"
    assert GIVE_IT_BACK in client.get("/sign-in").text


def test_an_old_copy_of_the_cookie_cannot_write_answers_long_after_the_sign_out(
    app, db, practitioners, tablet
):
    client, session_id = tablet
    question = f"/day/{session_id}/school-day/mornings_own_words"
    token = csrf_token(client.get(question).text)
    sign_out_on_the_laptop(app, db, practitioners)
    with client.session_transaction() as cookie:  # the copy was taken an hour before it is used
        cookie["last_seen"] = int(clock.epoch()) - 3600
    client.post(question, data={"answer": "written by someone else", "csrf_token": token})
    assert ("mornings_own_words", "school") not in store.sessions.answers_of(db, session_id)


def test_a_practitioner_locked_out_of_unlocking_signs_in_again_to_take_the_device_back(
    client, practitioners, tablet
):
    _, session_id = tablet
    for _ in range(6):
        practitioners.post("/child-mode/unlock", {"password": "wrong guess"})
    refused = practitioners.post("/child-mode/unlock", {"password": PASSWORD})
    assert "Too many wrong passwords" in refused.text and "sign in again" in refused.text
    page = client.get("/sign-in")
    assert page.status_code == 200 and "takes this device out of child mode" in page.text
    assert "My children" not in page.text  # no menu for the child to wander into
    practitioners.sign_in()
    assert client.get("/").status_code == 200
    assert client.get(f"/sessions/{session_id}").status_code == 200


def test_a_wrong_password_on_the_sign_in_page_keeps_the_device_locked(client, practitioners, tablet):
    _, session_id = tablet
    practitioners.sign_in(password="not the password")
    assert client.get("/").location == f"/day/{session_id}/"


# When the database cannot take an answer


def test_an_answer_that_cannot_be_saved_is_kept_on_the_page_and_the_child_told(app, db, tablet):
    from dayinmylife.store.db import get_db

    client, session_id = tablet
    question = f"/day/{session_id}/school-day/mornings_own_words"
    token = csrf_token(client.get(question).text)
    with app.app_context():  # the server's own connection can no longer write (a full or read-only disk)
        get_db().execute("PRAGMA query_only = 1")
    response = client.post(question, data={"answer": "Cereal with Gran", "csrf_token": token})
    assert response.status_code == 503
    assert "Sorry, that did not save" in response.text and "Cereal with Gran" in response.text
    with app.app_context():
        get_db().execute("PRAGMA query_only = 0")
    client.post(question, data={"answer": "Cereal with Gran", "csrf_token": token})
    assert own_words(db, session_id) == "Cereal with Gran"


def test_a_child_whose_finish_cannot_be_saved_is_told_in_their_words(app, db, tablet):
    from dayinmylife.store.db import get_db

    client, session_id = tablet
    token = csrf_token(client.get(f"/day/{session_id}/review").text)
    with app.app_context():
        get_db().execute("PRAGMA query_only = 1")
    response = client.post(f"/day/{session_id}/finish", data={"csrf_token": token})
    with app.app_context():
        get_db().execute("PRAGMA query_only = 0")
    assert response.status_code == 503
    assert (
        "Everything you saved before is safe" in response.text and "Go back to my questions" in response.text
    )
    assert store.sessions.session_by_id(db, session_id)["status"] != "finished"


def test_a_link_token_never_reaches_the_development_servers_log(app, caplog):
    import logging

    token = "Zt3x9Q_abcdefghijklmnopqrstuvwxyz0123456789"
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        logging.getLogger("werkzeug").info(
            '%s - - [%s] "%s" %s -', "127.0.0.1", "now", f"GET /link/{token} HTTP/1.1", 200
        )
    assert "/link/" in caplog.text and token not in caplog.text
