"""Security headers on every response, and bad requests that never become a 500."""

import pytest
from flask import request

import dayinmylife
from dayinmylife import create_app, store
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate
from dayinmylife.web import security
from dayinmylife.web.security import CONTENT_SECURITY_POLICY, InsecureConfiguration
from tests.conftest import PASSWORD, PASSWORD_HASH, csrf_token

A_REAL_KEY = "9f2c4e7a1b3d5f6081a2c3e4f5a6b7c8d9e0f1a2b3c4d5e6"
HTTPS = "https://localhost"


def production_app(tmp_path, **config):
    """The app as it runs for real: not testing, not debug, not development."""
    path = tmp_path / "production.sqlite3"
    migrate(path)
    settings = {"DATABASE": str(path), "SECRET_KEY": A_REAL_KEY, "DAYINMYLIFE_ENV": "production"}
    return create_app({**settings, **config})


@pytest.mark.parametrize(
    "key",
    [None, "", "dev", "changeme", "too-short-a-secret", " " * 35, "a" * 41, "abab" * 10, "password" * 5],
)
def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, key):
    with pytest.raises(InsecureConfiguration, match="DAYINMYLIFE_SECRET_KEY"):
        production_app(tmp_path, SECRET_KEY=key)


def test_development_starts_with_any_key(tmp_path):
    assert production_app(tmp_path, SECRET_KEY="dev", DAYINMYLIFE_ENV="development").secret_key == "dev"


def test_the_development_key_is_kept_in_a_file_no_one_else_could_ever_read(tmp_path, monkeypatch):
    path = tmp_path / "instance" / "secret_key"
    modes_when_made = []

    def token_hex(size):  # the key is made once its file exists, closed to everyone else
        modes_when_made.append(path.stat().st_mode & 0o777 if path.exists() else None)
        return "k" * size * 2

    monkeypatch.setattr(dayinmylife.secrets, "token_hex", token_hex)
    key = dayinmylife._instance_secret(tmp_path / "instance")
    assert modes_when_made == [0o600] and path.stat().st_mode & 0o777 == 0o600
    assert dayinmylife._instance_secret(tmp_path / "instance") == key == "k" * 64


def test_a_page_in_production_carries_every_security_header(tmp_path):
    headers = production_app(tmp_path).test_client().get("/sign-in", base_url=HTTPS).headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert CONTENT_SECURITY_POLICY == (
        "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; font-src 'self'; "
        "connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Permissions-Policy"] == "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-XSS-Protection"] == "0"
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["Cache-Control"] == "no-store"


def test_no_hsts_in_development(client):
    assert "Strict-Transport-Security" not in client.get("/sign-in").headers


def test_the_production_session_cookie_is_host_only_secure_http_only_and_same_site(tmp_path):
    app = production_app(tmp_path)
    database = connect(app.config["DATABASE"])
    store.users.create_user(database, "sam@example.org", "Sam Taylor", PASSWORD_HASH)
    database.conn.close()
    client = app.test_client()
    token = csrf_token(client.get("/sign-in", base_url=HTTPS).text)
    response = client.post(
        "/sign-in",
        base_url=HTTPS,
        headers={"Referer": f"{HTTPS}/sign-in"},  # over HTTPS, Flask-WTF wants a same-origin Referer
        data={"email": "sam@example.org", "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    for attribute in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert attribute in cookie
    assert "Domain" not in cookie
    assert client.get("/", base_url=HTTPS).status_code == 200


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


def test_behind_a_trusted_proxy_the_real_address_and_https_are_seen(tmp_path):
    app = production_app(tmp_path, TRUSTED_PROXIES=1)
    seen = {}

    @app.get("/test-who")
    def who():
        seen.update(address=request.remote_addr, secure=request.is_secure)
        return ""

    app.test_client().get(
        "/test-who", headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    )
    assert seen == {"address": "203.0.113.9", "secure": True}


OFF_SITE = [
    "/%09/evil.example/x",  # a tab, percent-encoded: browsers drop it and read //evil.example
    "/\t/evil.example/x",
    "/%0d%0aSet-Cookie:x=1",
    "/\r\nSet-Cookie:x=1",
    "//evil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "/%252F/evil.example",  # encoded twice
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    " /children",
    "/children\x00",
    "",
    None,
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_only_a_plain_path_on_this_site_is_a_safe_place_to_return_to(target):
    assert security.safe_local_path(target) is None


@pytest.mark.parametrize(
    "target", ["/", "/children/3", "/sessions/12?tab=notes", "/children/3/compare#latest"]
)
def test_the_apps_own_paths_are_safe_to_return_to(target):
    assert security.safe_local_path(target) == target
