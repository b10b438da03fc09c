"""Signed-in sessions end: on the server at sign-out, after being idle, and after an absolute limit."""

import pytest

from dayinmylife import store
from tests.conftest import CLOCK_START, csrf_token

MINUTE = 60
HOUR = 60 * MINUTE


pytestmark = pytest.mark.usefixtures("clock")  # every test here moves the clock by hand


def signed_out(response) -> bool:
    return response.status_code == 302 and response.location.startswith("/sign-in")


def test_an_old_copy_of_the_cookie_stops_working_after_sign_out(client, practitioners, signed_in):
    captured = client.get_cookie("session").value
    practitioners.post("/sign-out", token_from="/")
    assert signed_out(client.get("/"))
    client.set_cookie("session", captured)  # someone replays the cookie they copied before
    assert signed_out(client.get("/"))


def test_signing_in_again_after_sign_out_works(client, practitioners, signed_in):
    practitioners.post("/sign-out", token_from="/")
    practitioners.sign_in()
    assert client.get("/").status_code == 200


def test_sign_out_clears_the_site_data(client, practitioners, signed_in):
    response = practitioners.post("/sign-out", token_from="/")
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'


def test_an_idle_session_ends_and_says_why(client, practitioners, clock):
    practitioners.create()
    practitioners.sign_in()
    clock.at += 29 * MINUTE
    assert client.get("/").status_code == 200
    clock.at += 31 * MINUTE
    response = client.get("/")
    assert signed_out(response)
    assert "You were signed out to keep the records safe" in client.get(response.location).text
    assert signed_out(client.get("/"))


def test_activity_keeps_a_session_going_until_the_absolute_limit(client, practitioners, clock):
    practitioners.create()
    practitioners.sign_in()
    while clock.at < CLOCK_START + 11 * HOUR:
        clock.at += 20 * MINUTE
        assert client.get("/").status_code == 200
    clock.at = CLOCK_START + 12 * HOUR + MINUTE
    assert signed_out(client.get("/"))


def test_the_limits_are_configurable(app, client, practitioners, clock):
    app.config.update(SESSION_IDLE_MINUTES=5, SESSION_ABSOLUTE_HOURS=1)
    practitioners.create()
    practitioners.sign_in()
    clock.at += 6 * MINUTE
    assert signed_out(client.get("/"))


def test_each_page_knows_how_long_is_left_before_the_absolute_limit(app, client, practitioners, clock):
    app.config.update(SESSION_IDLE_MINUTES=24 * 60)
    practitioners.create()
    practitioners.sign_in()
    clock.at += 11 * HOUR + 55 * MINUTE
    page = client.get("/").text
    assert 'data-absolute-seconds-left="300"' in page and 'data-final-warning-seconds="600"' in page
    assert "This cannot be put off: save what you are writing now" in page


@pytest.fixture
def locked(practitioners, signed_in, child_of, clock):
    """A device in child mode, signed in at CLOCK_START."""
    response = practitioners.post(
        f"/children/{child_of(signed_in)}/sessions/new", {"questionnaire": "primary"}
    )
    return int(response.location.strip("/").split("/")[-1])


def test_a_child_mode_device_waits_only_for_the_absolute_limit(client, db, locked, clock):
    store.sessions.save_answer(db, locked, "who_wakes_you", "school", "alarm")
    clock.at += 3 * HOUR  # a slow child, or a long break: still their questions
    assert client.get(f"/day/{locked}/").status_code in (200, 302)
    assert client.get(f"/day/{locked}/help").status_code == 200
    clock.at = CLOCK_START + 12 * HOUR + MINUTE
    assert signed_out(client.get(f"/day/{locked}/help"))
    assert store.sessions.answers_of(db, locked)[("who_wakes_you", "school")].value == "alarm"


def test_stay_signed_in_keeps_the_session_going(client, practitioners, signed_in, clock):
    token = csrf_token(client.get("/").text)
    clock.at += 28 * MINUTE
    assert client.post("/session/keep-alive", data={"csrf_token": token}).status_code == 204
    clock.at += 28 * MINUTE
    assert client.get("/").status_code == 200


def test_stay_signed_in_needs_the_csrf_token(client, signed_in):
    assert client.post("/session/keep-alive").status_code == 400


def test_practitioner_pages_carry_the_warning_and_its_script(client, signed_in):
    page = client.get("/").text
    assert 'class="session-warning' in page and 'data-idle-seconds="1800"' in page and " hidden>" in page
    assert 'action="/session/keep-alive"' in page and "/static/js/session-warning.js" in page
    assert "Stay signed in" in page


def test_a_child_mode_device_tells_the_child_before_the_absolute_limit_and_after(client, locked, clock):
    clock.at = CLOCK_START + 11 * HOUR + 55 * MINUTE
    page = client.get(f"/day/{locked}/help").text
    assert 'data-absolute-seconds-left="300"' in page and "/static/js/session-warning.js" in page
    assert "Your answers are saved. Soon your worker will need to sign in on this device again." in page
    assert "Stay signed in" not in page  # no idle timeout in child mode, and nothing can put this one off
    clock.at = CLOCK_START + 12 * HOUR + MINUTE
    after = client.get(f"/day/{locked}/help", follow_redirects=True).text
    assert "Please give the device back to your worker, so they can sign in again." in after


def test_no_warning_when_signed_out(client):
    assert "session-warning" not in client.get("/sign-in").text
