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
