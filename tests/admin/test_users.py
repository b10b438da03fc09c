"""Administrators manage accounts in the app: create, change role, reset a password, disable and enable."""

import html

import pytest

from dayinmylife import store
from tests.conftest import PASSWORD, PASSWORD_HASH, Practitioners

NEW_PASSWORD = "a brand new long passphrase"
WRONG = "The e-mail or password is not right"


def browser_of(app, db, email="sam@example.org", password=PASSWORD) -> Practitioners:
    """Another browser, signed in as someone else."""
    other = Practitioners(app.test_client(), db)
    other.sign_in(email, password)
    return other


def signed_in(browser: Practitioners) -> bool:
    return browser.client.get("/settings").status_code == 200


def events(db, event):
    return db.execute("SELECT actor, detail FROM audit_log WHERE event = ?", (event,)).fetchall()


def test_the_accounts_page_lists_everyone_with_role_and_status(client, db, administrator, sam):
    lead = store.users.create_user(db, "jo@school.example", "Jo Head", PASSWORD_HASH, "consultation_lead")
    store.users.update_account(db, lead, active=0)
    page = html.unescape(client.get("/admin/accounts").text)
    for text in ("Ada Admin", "sam@example.org", "Practitioner", "Consultation lead", "Administrator"):
        assert text in page
    assert page.count("Disabled") == 1 and page.count(">Active<") == 2


def test_administrators_find_accounts_in_the_header(client, administrator):
    assert 'href="/admin/accounts"' in client.get("/admin/audit").text


def test_a_practitioner_has_no_accounts_link(client, signed_in):
    assert 'href="/admin/accounts"' not in client.get("/").text


def test_creating_an_account_lets_that_person_sign_in(app, client, db, practitioners, administrator):
    form = {
        "name": "Kim Lee",
        "email": "kim@example.org",
        "role": "consultation_lead",
        "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD,
    }
    response = practitioners.post("/admin/accounts/new", form)
    assert response.status_code == 302
    assert "in person or by phone" in html.unescape(client.get(response.location).text)
    kim = store.users.user_by_email(db, "kim@example.org")
    assert kim["role"] == "consultation_lead" and kim["name"] == "Kim Lee"
    assert signed_in(browser_of(app, db, "kim@example.org", NEW_PASSWORD))
    assert NEW_PASSWORD not in str(events(db, "account_created"))


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"password": "short", "confirm": "short"}, "at least 12 characters"),
        ({"password": "password1234", "confirm": "password1234"}, "most common"),
        ({"confirm": "not the same password"}, "not the same"),
        ({"email": "SAM@example.org"}, "There is already an account for SAM@example.org"),
        ({"email": "not an address"}, "Enter an e-mail address like"),
        ({"role": "king"}, "Not a valid choice"),
        ({"name": ""}, "Enter their name"),
    ],
)
def test_a_new_account_is_refused_with_a_reason(
    client, db, practitioners, administrator, sam, change, problem
):
    form = {
        "name": "Kim Lee",
        "email": "kim@example.org",
        "role": "practitioner",
        "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD,
    }
    response = practitioners.post("/admin/accounts/new", form | change)
    assert response.status_code == 400
    page = html.unescape(response.text)
    assert problem in page and "<title>Error:" in page
    assert db["users"].count == 2


def test_disabling_signs_them_out_everywhere_and_stops_them_signing_in(
    app, client, db, practitioners, administrator, sam
):
    sams_browser = browser_of(app, db)
    confirm = client.get(f"/admin/accounts/{sam}/disable")
    assert "signed out everywhere" in confirm.text
    assert store.users.user_by_id(db, sam) is not None  # asking to confirm changed nothing
    response = practitioners.post(f"/admin/accounts/{sam}/disable")
    assert response.status_code == 302
    assert "can no longer sign in" in html.unescape(client.get(response.location).text)
    assert not signed_in(sams_browser)
    again = sams_browser.sign_in()
    assert WRONG in again.text  # the same words as a wrong password: nothing says the account exists
    assert not signed_in(sams_browser)
    assert "Disabled" in client.get("/admin/accounts").text


def test_enabling_lets_them_sign_in_again(app, client, db, practitioners, administrator, sam):
    practitioners.post(f"/admin/accounts/{sam}/disable")
    response = practitioners.post(f"/admin/accounts/{sam}/enable", token_from=f"/admin/accounts/{sam}")
    assert "can sign in again" in html.unescape(client.get(response.location).text)
    assert signed_in(browser_of(app, db))


def test_resetting_a_password_replaces_it_and_signs_them_out(
    app, client, db, practitioners, administrator, sam
):
    sams_browser = browser_of(app, db)
    form = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    response = practitioners.post(
        f"/admin/accounts/{sam}/password", form, token_from=f"/admin/accounts/{sam}"
    )
    assert "never by e-mail" in html.unescape(client.get(response.location).text)
    assert not signed_in(sams_browser)
    assert WRONG in sams_browser.sign_in().text
    assert signed_in(browser_of(app, db, password=NEW_PASSWORD))
    stored = "\n".join(db.conn.iterdump())
    assert NEW_PASSWORD not in stored and NEW_PASSWORD not in str(events(db, "password_reset"))


def test_a_weak_new_password_is_refused_and_the_old_one_still_works(
    app, client, db, practitioners, administrator, sam
):
    form = {"password": "short", "confirm": "short"}
    response = practitioners.post(
        f"/admin/accounts/{sam}/password", form, token_from=f"/admin/accounts/{sam}"
    )
    assert response.status_code == 400 and "at least 12 characters" in response.text
    assert signed_in(browser_of(app, db))


def test_changing_the_role_signs_them_out_and_applies_at_the_next_sign_in(
    app, client, db, practitioners, administrator, sam
):
    sams_browser = browser_of(app, db)
    assert sams_browser.client.get("/admin/accounts").status_code == 404
    response = practitioners.post(
        f"/admin/accounts/{sam}/role", {"role": "administrator"}, token_from=f"/admin/accounts/{sam}"
    )
    assert "is now: Administrator" in html.unescape(client.get(response.location).text)
    assert not signed_in(sams_browser)
    sams_browser.sign_in()
    assert sams_browser.client.get("/admin/accounts").status_code == 200
    assert '"was": "practitioner", "now": "administrator"' in events(db, "role_changed")[0]["detail"]


def test_an_unknown_role_changes_nothing(client, db, practitioners, administrator, sam):
    response = practitioners.post(
        f"/admin/accounts/{sam}/role", {"role": "owner"}, token_from=f"/admin/accounts/{sam}"
    )
    assert response.status_code == 400 and "Not a valid choice" in response.text
    assert store.users.account_by_id(db, sam)["role"] == "practitioner"


def test_an_administrator_cannot_disable_or_demote_themselves(client, db, practitioners, administrator):
    mine = f"/admin/accounts/{administrator}"
    page = html.unescape(client.get(mine).text)
    assert "You cannot disable your own account." in page and "You cannot change your own role" in page
    disabled = practitioners.post(f"{mine}/disable")
    assert disabled.status_code == 400 and "You cannot disable your own account." in html.unescape(
        disabled.text
    )
    demoted = practitioners.post(f"{mine}/role", {"role": "practitioner"}, token_from=mine)
    assert demoted.status_code == 400 and "You cannot change your own role" in html.unescape(demoted.text)
    assert store.users.account_by_id(db, administrator) == {
        **store.users.account_by_id(db, administrator),
        "role": "administrator",
        "active": 1,
    }
    assert signed_in(practitioners)
    assert not events(db, "account_disabled") and not events(db, "role_changed")


def test_every_change_is_in_the_audit_log_by_whom(client, db, practitioners, administrator, sam):
    mine = f"/admin/accounts/{sam}"
    practitioners.post(f"{mine}/role", {"role": "consultation_lead"}, token_from=mine)
    practitioners.post(
        f"{mine}/password", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, token_from=mine
    )
    practitioners.post(f"{mine}/disable")
    practitioners.post(f"{mine}/enable", token_from=mine)
    for event in ("role_changed", "password_reset", "account_disabled", "account_enabled"):
        [(actor, detail)] = events(db, event)
        assert actor == "ada@example.org" and f'"account": {sam}' in detail
    log = client.get("/admin/audit?event=account_disabled").text
    assert "Account disabled" in log


@pytest.mark.parametrize(
    "url", ["/admin/accounts", "/admin/accounts/new", "/admin/accounts/2", "/admin/accounts/2/disable"]
)
def test_practitioners_and_leads_find_nothing_here(app, db, sam, url):
    store.users.create_user(db, "jo@school.example", "Jo Head", PASSWORD_HASH, "consultation_lead")
    for email in ("sam@example.org", "jo@school.example"):
        assert browser_of(app, db, email).client.get(url).status_code == 404


def test_a_practitioner_cannot_change_accounts(client, db, practitioners, sam):
    other = store.users.create_user(db, "kim@example.org", "Kim Lee", PASSWORD_HASH)
    practitioners.sign_in()
    for action, data in (
        ("role", {"role": "administrator"}),
        ("disable", {}),
        ("password", {"password": "x"}),
    ):
        response = practitioners.post(f"/admin/accounts/{other}/{action}", data, token_from="/")
        assert response.status_code == 404
    assert store.users.account_by_id(db, other)["role"] == "practitioner" and store.users.user_by_id(
        db, other
    )


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for url in ("/admin/accounts", "/admin/accounts/new", "/admin/accounts/1"):
        assert client.get(url).location.startswith("/sign-in")


def test_an_account_that_does_not_exist_is_not_found(client, administrator):
    assert client.get("/admin/accounts/999").status_code == 404
    assert client.get(f"/admin/accounts/{2**63}").status_code == 404


def test_changes_without_their_token_are_refused(client, db, administrator, sam):
    client.get(f"/admin/accounts/{sam}")
    for action, data in (
        ("role", {"role": "administrator"}),
        ("disable", {}),
        ("enable", {}),
        ("password", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}),
    ):
        for token in ({}, {"csrf_token": "not-a-token"}):
            assert client.post(f"/admin/accounts/{sam}/{action}", data=data | token).status_code == 400
    new = {"name": "Kim", "email": "kim@example.org", "role": "practitioner", "password": NEW_PASSWORD}
    assert client.post("/admin/accounts/new", data=new | {"confirm": NEW_PASSWORD}).status_code == 400
    assert store.users.account_by_id(db, sam)["role"] == "practitioner" and db["users"].count == 2
    assert store.users.user_by_id(db, sam)["session_version"] == 0
