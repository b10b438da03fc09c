"""Security headers on every response, and bad requests that never become a 500."""

import pytest


@pytest.mark.parametrize("url", ["/sign-in", "/static/css/app.css", "/nowhere"])
def test_every_response_carries_the_security_headers(client, url):
    with client.get(url) as response:
        headers = response.headers
    policy = headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]


def test_pages_with_personal_data_are_never_cached(client, signed_in):
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_an_unknown_page_is_a_friendly_404(client):
    response = client.get("/nowhere")
    assert response.status_code == 404 and "Page not found" in response.text


def test_the_session_cookie_is_http_only_and_same_site(client, practitioners):
    practitioners.create()
    response = practitioners.sign_in()
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_no_page_uses_inline_script_or_style(client, signed_in):
    for url in ("/", "/children/new"):
        page = client.get(url).text
        assert "<script>" not in page and "style=" not in page and "<style" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/day/99999999999999999999/",
        "/children/99999999999999999999",
        "/sessions/99999999999999999999",
        "/day/-1/",
    ],
)
def test_ids_too_large_to_exist_are_not_found(client, signed_in, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "field, value",
    [
        ("display_name", "\x00<script>alert(1)</script>"),
        ("date_of_birth", "9" * 400),
        ("date_of_birth", "2019-02-30"),
        ("case_reference", "' OR 1=1 --"),
    ],
)
def test_hostile_child_details_never_fail_the_server(client, practitioners, signed_in, field, value):
    data = {"display_name": "Leo", "date_of_birth": "2019-03-14", field: value}
    response = practitioners.post("/children/new", data)
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert "<script>alert" not in client.get(response.location).text
