"""Signing in and out."""

import pytest

from dayinmylife import store
from tests.conftest import PASSWORD, PASSWORD_HASH, csrf_token


def test_signing_in_opens_the_caseload(client, practitioners):
    practitioners.create()
    response = practitioners.sign_in()
    assert response.status_code == 302 and response.location == "/"
    assert "My children" in client.get("/").text


def test_a_wrong_password_and_an_unknown_email_get_the_same_message(client, practitioners):
    practitioners.create()
    wrong_password = practitioners.sign_in(password="not the password at all")
    unknown_email = practitioners.sign_in(email="nobody@example.org")
    for response in (wrong_password, unknown_email):
        assert response.status_code == 200
        assert "The e-mail or password is not right" in response.text
    assert client.get("/").status_code == 302


def test_signing_in_returns_to_a_local_page_only(client, practitioners):
    practitioners.create()
    token = csrf_token(client.get("/sign-in").text)
    data = {"email": "sam@example.org", "password": "correct horse battery staple", "csrf_token": token}
    response = client.post("/sign-in?next=//evil.example/", data=data)
    assert response.location == "/"


@pytest.mark.parametrize("target", ["/%09/evil.example/x", "/%0d%0aSet-Cookie:x=1", "/\\evil.example"])
def test_a_next_page_that_could_leave_the_site_goes_home_instead(client, practitioners, target):
    practitioners.create()
    token = csrf_token(client.get("/sign-in").text)
    data = {"email": "sam@example.org", "password": "correct horse battery staple", "csrf_token": token}
    response = client.post("/sign-in", query_string={"next": target}, data=data)
    assert response.status_code == 302 and response.location == "/"


@pytest.mark.parametrize(
    "role, home", [("consultation_lead", "/consultations/"), ("administrator", "/admin/accounts")]
)
@pytest.mark.parametrize("target", [None, "/%09/evil.example/x"])
def test_without_a_safe_next_page_each_role_lands_on_its_own_first_page(client, db, role, home, target):
    store.users.create_user(db, "jo@example.org", "Jo Head", PASSWORD_HASH, role)
    token = csrf_token(client.get("/sign-in").text)
    data = {"email": "jo@example.org", "password": PASSWORD, "csrf_token": token}
    response = client.post("/sign-in", query_string={"next": target} if target else {}, data=data)
    assert response.status_code == 302 and response.location == home
    assert client.get("/sign-in").location == home  # signed in already: straight to their own page


def test_signing_out_ends_the_session_and_clears_the_device(client, practitioners, signed_in):
    response = practitioners.post("/sign-out", token_from="/")
    assert response.location == "/sign-in"
    assert "cache" in response.headers["Clear-Site-Data"]
    assert client.get("/").status_code == 302


def test_signing_out_needs_a_post_with_a_token(client, signed_in):
    assert client.get("/sign-out").status_code == 405
    assert client.post("/sign-out").status_code == 400
    assert client.get("/").status_code == 200


def test_a_sign_in_without_its_token_is_refused(client, practitioners):
    practitioners.create()
    response = client.post(
        "/sign-in", data={"email": "sam@example.org", "password": "correct horse battery staple"}
    )
    assert response.status_code == 400
    assert client.get("/").status_code == 302
