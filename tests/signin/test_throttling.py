"""Sign-in throttling per account and per address, kept in the database; the unlock form too."""

import re

import pytest

from dayinmylife.store.db import connect
from tests.conftest import PASSWORD, Practitioners

TOO_MANY = "Too many tries to sign in"


pytestmark = pytest.mark.usefixtures("clock")  # every test here moves the clock by hand


def fail(practitioners, email="sam@example.org", times=1):
    for _ in range(times):
        response = practitioners.sign_in(email, "not the password at all")
    return response


def test_five_failures_for_an_account_refuse_even_the_right_password(client, practitioners):
    practitioners.create()
    assert TOO_MANY not in fail(practitioners, times=5).text
    response = practitioners.sign_in()
    assert response.status_code == 200 and TOO_MANY in response.text
    assert client.get("/").status_code == 302  # not signed in


def test_the_refusal_ends_after_fifteen_minutes(client, practitioners, clock):
    practitioners.create()
    fail(practitioners, times=5)
    clock.at += 16 * 60
    assert practitioners.sign_in().status_code == 302
    assert client.get("/").status_code == 200


def test_an_unknown_account_reads_exactly_like_a_known_one(practitioners):
    practitioners.create()
    known = fail(practitioners, times=6).text
    unknown = fail(practitioners, "nobody@example.org", times=6).text
    assert TOO_MANY in known and TOO_MANY in unknown
    assert without_token(known).replace("sam@", "X@") == without_token(unknown).replace("nobody@", "X@")


def without_token(page: str) -> str:
    return re.sub(r'name="csrf_token" (type="hidden" )?value="[^"]+"', "", page)


def test_twenty_failures_from_one_address_refuse_every_account(practitioners):
    practitioners.create()
    for number in range(20):
        fail(practitioners, f"guess{number}@example.org")
    assert TOO_MANY in practitioners.sign_in().text


def test_failures_are_kept_in_the_database_for_every_process(app, practitioners):
    practitioners.create()
    fail(practitioners, times=5)
    another_process = app.test_client()  # shares nothing with the first but the database
    database = connect(app.config["DATABASE"])
    assert database["sign_in_failures"].count == 5
    database.conn.close()
    assert TOO_MANY in Practitioners(another_process, None).sign_in().text


def test_a_different_account_from_another_address_is_not_refused(client, practitioners):
    practitioners.create()
    practitioners.create("kim@example.org", "Kim Lee")
    fail(practitioners, times=5)
    assert practitioners.sign_in("kim@example.org").status_code == 302


@pytest.fixture
def locked(practitioners, signed_in, child_of):
    response = practitioners.post(
        f"/children/{child_of(signed_in)}/sessions/new", {"questionnaire": "primary"}
    )
    return int(response.location.strip("/").split("/")[-1])


def test_the_unlock_form_is_throttled_too(client, practitioners, locked, clock):
    for _ in range(5):
        assert (
            "That password is not right"
            in practitioners.post("/child-mode/unlock", {"password": "guess"}).text
        )
    response = practitioners.post("/child-mode/unlock", {"password": PASSWORD})
    assert "Too many wrong passwords" in response.text
    assert client.get("/").location == f"/day/{locked}/"  # still locked
    clock.at += 16 * 60
    assert practitioners.post("/child-mode/unlock", {"password": PASSWORD}).location == f"/sessions/{locked}"
