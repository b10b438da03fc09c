"""Two-step sign-in: a code from an authenticator app after the password, recovery codes, required for all."""

import re
import time

import pyotp
import pytest

from dayinmylife import clock, store
from dayinmylife.signin import two_factor
from tests.conftest import PASSWORD, PASSWORD_HASH, csrf_token


def code_now(secret: str, steps_ahead: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def recovery_codes_on(page: str) -> list[str]:
    return re.findall(r"<li><code>([a-z0-9-]+)</code></li>", page)


@pytest.fixture
def with_app(db, practitioners):
    """Sam, with an authenticator app already added; returns the secret and the recovery codes."""
    user_id = practitioners.create()
    secret, codes = pyotp.random_base32(), two_factor.new_recovery_codes()
    hashes = [two_factor.recovery_code_hash(code) for code in codes]
    store.users.start_two_factor(db, user_id, secret, 0, hashes)
    return {"id": user_id, "secret": secret, "codes": codes}


def enter_code(client, code: str):
    token = csrf_token(client.get("/sign-in/code").text)
    return client.post("/sign-in/code", data={"code": code, "csrf_token": token})


def signed_in_now(client) -> bool:
    return client.get("/settings").status_code == 200


def audit_events(db) -> list[tuple[str, str | None]]:
    return [tuple(row) for row in db.execute("SELECT event, detail FROM audit_log ORDER BY id")]


def test_setting_up_shows_a_qr_code_and_key_then_recovery_codes_once(client, db, practitioners, signed_in):
    page = client.get("/account/two-factor").text
    secret = re.search(r'<code class="setup-key">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    qr = client.get("/account/two-factor/qr.svg")
    assert qr.mimetype == "image/svg+xml" and b"<svg" in qr.data and qr.headers["Cache-Control"] == "no-store"

    response = practitioners.post("/account/two-factor", {"code": code_now(secret)})

    codes = recovery_codes_on(response.text)
    assert response.status_code == 200 and "Your recovery codes" in response.text
    assert len(set(codes)) == 10
    assert store.users.user_by_id(db, signed_in)["totp_secret"] == secret
    stored = {row[0] for row in db.execute("SELECT code_hash FROM recovery_codes")}
    assert stored == {two_factor.recovery_code_hash(code) for code in codes}  # only hashes are kept
    again = client.get("/account/two-factor").text
    assert "Recovery codes left: 10" in again and not recovery_codes_on(again)
    assert client.get("/account/two-factor/qr.svg").status_code == 404
    assert ("two_factor_set_up", None) in audit_events(db)


def test_the_qr_code_holds_the_key_for_this_account(client, signed_in):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    uri = two_factor.authenticator_uri(secret, "sam@example.org")
    assert (
        uri
        == f"otpauth://totp/Day%20in%20my%20life:sam%40example.org?secret={secret}&issuer=Day%20in%20my%20life"
    )


def test_a_wrong_code_does_not_turn_it_on(client, db, practitioners, signed_in):
    client.get("/account/two-factor")
    response = practitioners.post("/account/two-factor", {"code": "000000"})
    assert response.status_code == 400 and "That code is not right" in response.text
    assert store.users.user_by_id(db, signed_in)["totp_secret"] is None


def test_signing_in_asks_for_the_code_before_letting_anyone_in(client, db, practitioners, with_app):
    response = practitioners.sign_in()
    assert response.status_code == 302 and response.location == "/sign-in/code"
    assert not signed_in_now(client)  # the password alone opens nothing

    response = enter_code(client, code_now(with_app["secret"]))

    assert response.location == "/" and signed_in_now(client)
    assert ("signed_in", '{"second_step": "code"}') in audit_events(db)


def test_the_page_asked_for_before_signing_in_opens_after_the_code(client, with_app):
    token = csrf_token(client.get("/sign-in").text)
    client.post(
        "/sign-in?next=/settings",
        data={"email": "sam@example.org", "password": PASSWORD, "csrf_token": token},
    )
    assert enter_code(client, code_now(with_app["secret"])).location == "/settings"


def test_a_wrong_code_is_refused_and_recorded(client, db, practitioners, with_app):
    practitioners.sign_in()
    response = enter_code(client, "123456" if code_now(with_app["secret"]) != "123456" else "654321")
    assert response.status_code == 200 and "That code is not right" in response.text
    assert not signed_in_now(client)
    assert ("second_step_failed", None) in audit_events(db)


def test_a_code_cannot_be_used_twice(client, practitioners, with_app):
    code = code_now(with_app["secret"])
    practitioners.sign_in()
    enter_code(client, code)
    practitioners.post("/sign-out", token_from="/settings")
    practitioners.sign_in()

    response = enter_code(client, code)

    assert "That code has been used already" in response.text and not signed_in_now(client)


def test_a_recovery_code_works_once(client, db, practitioners, with_app):
    code = with_app["codes"][3]
    practitioners.sign_in()
    assert enter_code(client, code.upper().replace("-", " ")).location == "/"  # as typed from paper
    assert ("signed_in", '{"second_step": "recovery_code"}') in audit_events(db)
    practitioners.post("/sign-out", token_from="/settings")
    practitioners.sign_in()

    response = enter_code(client, code)

    assert "That code is not right" in response.text and not signed_in_now(client)
    assert store.users.recovery_codes_left(db, with_app["id"]) == 9


def test_wrong_codes_are_throttled_per_account(client, practitioners, with_app):
    practitioners.sign_in()
    for _ in range(5):
        enter_code(client, "not-a-code")

    response = enter_code(client, code_now(with_app["secret"]))

    assert "Too many wrong codes" in response.text and not signed_in_now(client)


def test_the_second_step_waits_five_minutes_only(client, practitioners, with_app, monkeypatch):
    practitioners.sign_in()
    later = time.time() + 301
    monkeypatch.setattr(clock, "epoch", lambda: later)

    response = client.get("/sign-in/code")

    assert response.location == "/sign-in"
    assert "It took too long" in client.get("/sign-in").text


def test_signing_out_elsewhere_ends_a_half_done_sign_in(client, db, practitioners, with_app):
    practitioners.sign_in()
    store.users.end_sessions_of_user(db, with_app["id"])
    assert client.get("/sign-in/code").location == "/sign-in"


def test_without_a_password_there_is_no_second_step(client):
    assert client.get("/sign-in/code").location == "/sign-in"


def test_new_recovery_codes_replace_the_old_ones(client, db, practitioners, with_app):
    practitioners.sign_in()
    enter_code(client, code_now(with_app["secret"]))
    response = practitioners.post(
        "/account/two-factor/recovery-codes",
        {"current_code": code_now(with_app["secret"], 1)},
        token_from="/account/two-factor",
    )
    new_codes = recovery_codes_on(response.text)
    assert len(new_codes) == 10 and "Your old recovery codes no longer work" in response.text
    assert not set(new_codes) & set(with_app["codes"])
    assert not store.users.use_recovery_code(
        db, with_app["id"], two_factor.recovery_code_hash(with_app["codes"][0])
    )


def test_turning_it_off_needs_the_password_and_a_code(client, db, practitioners, with_app):
    practitioners.sign_in()
    enter_code(client, code_now(with_app["secret"]))
    wrong_password = practitioners.post(
        "/account/two-factor/turn-off",
        {"password": "not my password", "code": code_now(with_app["secret"], 1)},
        token_from="/account/two-factor",
    )
    assert wrong_password.status_code == 400 and "That password is not right" in wrong_password.text
    assert store.users.user_by_id(db, with_app["id"])["totp_secret"]

    response = practitioners.post(
        "/account/two-factor/turn-off",
        {"password": PASSWORD, "code": code_now(with_app["secret"], 1)},
        token_from="/account/two-factor",
    )

    assert response.location == "/account/two-factor"
    assert store.users.user_by_id(db, with_app["id"])["totp_secret"] is None
    assert store.users.recovery_codes_left(db, with_app["id"]) == 0


@pytest.fixture
def administrator(client, db, practitioners):
    store.users.create_user(db, "ada@example.org", "Ada Admin", PASSWORD_HASH, "administrator")
    practitioners.sign_in("ada@example.org")


def test_an_administrator_can_require_it_for_everyone(client, db, practitioners, administrator):
    response = practitioners.post("/admin/two-factor", {"required": "1"})
    assert response.location == "/admin/two-factor"
    # The administrator has not set it up either: they are the first to be asked to.
    assert client.get("/admin/two-factor").location == "/account/two-factor"
    assert "Saved: everyone must use two-step sign-in" in client.get("/account/two-factor").text
    assert store.users.app_setting(db, "require_two_factor", "0") == "1"
    assert ("two_factor_requirement_changed", '{"required": true}') in audit_events(db)


def test_when_required_everyone_without_it_sets_it_up_first(client, db, practitioners, signed_in):
    store.users.set_app_setting(db, "require_two_factor", "1")
    for url in ("/", "/settings", "/children/new", "/admin/two-factor"):
        assert client.get(url).location == "/account/two-factor"
    page = client.get("/account/two-factor").text
    assert "Your administrator asks everyone to use two-step sign-in" in page
    with client.get("/static/css/app.css") as stylesheet:
        assert stylesheet.status_code == 200
    assert practitioners.post("/sign-out", token_from="/account/two-factor").location == "/sign-in"


def test_when_required_someone_who_has_it_carries_on(client, db, practitioners, with_app):
    store.users.set_app_setting(db, "require_two_factor", "1")
    practitioners.sign_in()
    enter_code(client, code_now(with_app["secret"]))
    assert client.get("/").status_code == 200


def test_when_required_a_device_in_child_mode_stays_with_the_child(
    client, db, practitioners, signed_in, child_of
):
    response = practitioners.post(
        f"/children/{child_of(signed_in)}/sessions/new", {"questionnaire": "primary"}
    )
    session_id = int(response.location.strip("/").split("/")[-1])
    store.users.set_app_setting(db, "require_two_factor", "1")

    assert client.get(f"/day/{session_id}/").status_code == 200
    assert client.get("/").location == f"/day/{session_id}/"
    unlocked = practitioners.post("/child-mode/unlock", {"password": PASSWORD})
    assert unlocked.location == f"/sessions/{session_id}"
    assert client.get(f"/sessions/{session_id}").location == "/account/two-factor"  # and now the set-up


def test_an_administrator_sees_who_has_it_and_can_reset_a_lost_phone(
    client, db, practitioners, with_app, administrator
):
    page = client.get("/admin/two-factor").text
    assert re.search(
        r"Sam Taylor<br>.*?</td>\s*<td>Set up<br><span class=\"muted\">Recovery codes left: 10</span>", page
    )
    assert re.search(r"Ada Admin<br>.*?</td>\s*<td>Not set up</td>", page)

    response = practitioners.post(
        "/admin/two-factor/reset", {"user_id": str(with_app["id"])}, token_from="/admin/two-factor"
    )

    assert response.location == "/admin/two-factor"
    assert "Two-step sign-in is reset for Sam Taylor" in client.get("/admin/two-factor").text
    assert store.users.user_by_id(db, with_app["id"])["totp_secret"] is None
    assert store.users.recovery_codes_left(db, with_app["id"]) == 0
    assert ("two_factor_reset", f'{{"account": {with_app["id"]}}}') in audit_events(db)
    practitioners.post("/sign-out", token_from="/admin/two-factor")
    assert practitioners.sign_in().location == "/"  # the password alone, until they set it up again


@pytest.mark.parametrize("user_id", ["99999999999999999999999", "-1", "abc", ""])
def test_resetting_with_a_strange_account_number_changes_nothing(
    client, practitioners, with_app, administrator, user_id
):
    response = practitioners.post(
        "/admin/two-factor/reset", {"user_id": user_id}, token_from="/admin/two-factor"
    )
    assert response.status_code in (302, 404)
    assert "Recovery codes left: 10" in client.get("/admin/two-factor").text


def test_other_roles_cannot_reach_the_administrators_page(client, db, practitioners, with_app):
    other = store.users.create_user(db, "kim@example.org", "Kim Lee", PASSWORD_HASH)
    practitioners.sign_in("kim@example.org")
    assert client.get("/admin/two-factor").status_code == 404
    reset = practitioners.post(
        "/admin/two-factor/reset", {"user_id": str(with_app["id"])}, token_from="/settings"
    )
    assert reset.status_code == 404
    assert store.users.user_by_id(db, with_app["id"])["totp_secret"]
    assert other != with_app["id"]


@pytest.mark.parametrize("url", ["/account/two-factor", "/account/two-factor/qr.svg", "/admin/two-factor"])
def test_signed_out_visitors_are_sent_to_sign_in(client, url):
    assert client.get(url).location.startswith("/sign-in")


@pytest.mark.parametrize("code", ["١٢٣٤٥٦", "x" * 41, "12345", " ", "' OR 1=1 --"])
def test_strange_codes_are_refused_clearly(client, practitioners, with_app, code):
    practitioners.sign_in()
    response = enter_code(client, code)
    assert response.status_code == 200 and "There is a problem" in response.text
    assert not signed_in_now(client)


def test_after_the_second_step_a_next_page_off_the_site_goes_home(client, db, practitioners, with_app):
    token = csrf_token(client.get("/sign-in").text)
    client.post(
        "/sign-in",
        query_string={"next": "/%09/evil.example/x"},
        data={"email": "sam@example.org", "password": PASSWORD, "csrf_token": token},
    )
    response = enter_code(client, code_now(with_app["secret"]))
    assert response.status_code == 302 and response.location == "/"


def test_the_secret_being_set_up_is_kept_on_the_server_not_in_the_cookie(app, client, db, signed_in):
    page = client.get("/account/two-factor").text
    secret = re.search(r'<code class="setup-key">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session")).value
    decoded = app.session_interface.get_signing_serializer(app).loads(cookie)
    assert secret not in str(decoded) and secret not in cookie
    assert store.users.user_by_id(db, signed_in)["pending_totp_secret"] == secret
    again = client.get("/account/two-factor").text  # the same secret on a reload, to scan at leisure
    assert secret in again.replace(" ", "")
