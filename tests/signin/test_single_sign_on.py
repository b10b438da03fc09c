"""Signing in with the organisation's own account, against a real OpenID Connect provider on loopback
(oidc-provider-mock: discovery, JWKS, the authorisation code flow), driven as a browser would: the app sends the
person to the provider, the provider's page signs them in as a subject, the provider sends them back."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pyotp
import pytest
from oidc_provider_mock import run_server_in_thread

from dayinmylife import create_app, store
from dayinmylife.signin import organisation_accounts
from dayinmylife.store.migrations import migrate
from tests.conftest import PASSWORD_HASH, csrf_token

CLIENT_ID = "day-in-my-life"


@pytest.fixture
def provider():
    with run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def settings(provider):
    return {
        "OIDC_ISSUER": provider,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": "a-secret-the-provider-gave",
        "OIDC_LABEL": "Sign in with Worcestershire County Council",
        "OIDC_ALLOWED_DOMAINS": ("worcestershire.example",),
        "OIDC_PROVISIONING": False,
        "OIDC_MFA_AMR": ("mfa",),
        "OIDC_MFA_ACR": (),
        "BASE_URL": "http://localhost",
    }


@pytest.fixture
def app(tmp_path, settings):
    path = tmp_path / "test.sqlite3"
    migrate(path)
    return create_app({"DATABASE": str(path), "SECRET_KEY": "test-secret-" * 4, "TESTING": True, **settings})


@pytest.fixture
def sam(db):
    """An account an administrator made, its first sign-in allowed to match by e-mail."""
    user_id = store.users.create_user(db, "sam.taylor@worcestershire.example", "Sam Taylor", PASSWORD_HASH)
    store.single_sign_on.allow_email_match(db, user_id, True)
    return user_id


def claims_of(provider: str, subject: str, **claims) -> None:
    """What the provider will say about this subject (its own API: PUT /users/<sub>)."""
    httpx.put(f"{provider}/users/{subject}", json=claims).raise_for_status()


def sign_in_at_provider(client, provider: str, subject: str, tamper=None):
    """Start at the app, sign in on the provider's page as subject, and follow it back to the app."""
    start = client.get("/sign-in/organisation")
    assert start.status_code == 302 and start.location.startswith(f"{provider}/oauth2/authorize?")
    query = parse_qs(urlsplit(start.location).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]
    if tamper:
        query = tamper(query)
    answer = httpx.post(
        f"{provider}/oauth2/authorize", params={k: v[0] for k, v in query.items()}, data={"sub": subject}
    )
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["location"])
    return client.get(f"{back.path}?{back.query}"), f"{back.path}?{back.query}"


def verified(email: str, **more) -> dict:
    return {"email": email, "email_verified": True, "name": "Sam Taylor", **more}


def events(db) -> list[tuple]:
    return [tuple(row) for row in db.execute("SELECT event, actor, detail FROM audit_log ORDER BY id")]


def test_the_first_sign_in_matches_an_allowed_account_by_its_verified_email_then_by_subject(
    client, db, provider, sam
):
    claims_of(provider, "entra-0001", **verified("sam.taylor@worcestershire.example", amr=["pwd", "mfa"]))
    signed_in, _ = sign_in_at_provider(client, provider, "entra-0001")
    assert signed_in.status_code == 302 and signed_in.location == "/"
    assert "Sam Taylor" in client.get("/").text
    account = store.users.user_by_id(db, sam)
    assert (account["oidc_subject"], account["oidc_issuer"], account["oidc_email_match"]) == (
        "entra-0001", provider, 0)  # fmt: skip
    names = [event for event, *_ in events(db)]
    assert names[-2:] == ["single_sign_on_matched", "signed_in"]
    # Next time the subject is enough, whatever e-mail the provider gives.
    client.post("/sign-out", data={"csrf_token": csrf_of(client)})
    claims_of(provider, "entra-0001", **verified("s.taylor@worcestershire.example", amr=["mfa"]))
    again, _ = sign_in_at_provider(client, provider, "entra-0001")
    assert again.status_code == 302 and "Sam Taylor" in client.get("/").text


def csrf_of(client) -> str:
    return csrf_token(client.get("/settings").text)


def test_a_login_at_the_organisation_alone_gets_no_account(client, db, provider, sam):
    claims_of(provider, "entra-0002", **verified("jo.bloggs@worcestershire.example", amr=["mfa"]))
    refused, _ = sign_in_at_provider(client, provider, "entra-0002")
    assert refused.status_code == 403 and "there is no Day in my life account for you" in refused.text
    assert client.get("/").status_code == 302  # still signed out
    assert events(db)[-1][:1] == ("single_sign_on_failed",) and "no_account" in events(db)[-1][2]


def test_an_email_match_needs_the_administrators_leave_a_verified_email_and_an_allowed_domain(
    client, db, provider
):
    user_id = store.users.create_user(db, "ana@worcestershire.example", "Ana Lopes", PASSWORD_HASH)
    claims_of(provider, "entra-0003", **verified("ana@worcestershire.example"))
    assert sign_in_at_provider(client, provider, "entra-0003")[0].status_code == 403  # not allowed for her
    store.single_sign_on.allow_email_match(db, user_id, True)
    claims_of(provider, "entra-0003", email="ana@worcestershire.example", email_verified=False)
    assert sign_in_at_provider(client, provider, "entra-0003")[0].status_code == 403  # not verified
    other = store.users.create_user(db, "ana@elsewhere.example", "Ana Elsewhere", PASSWORD_HASH)
    store.single_sign_on.allow_email_match(db, other, True)
    claims_of(provider, "entra-0004", **verified("ana@elsewhere.example"))
    assert sign_in_at_provider(client, provider, "entra-0004")[0].status_code == 403  # domain not allowed
    claims_of(provider, "entra-0003", **verified("ana@worcestershire.example"))
    assert sign_in_at_provider(client, provider, "entra-0003")[0].status_code == 302


def test_a_disabled_account_is_refused(client, db, provider, sam):
    claims_of(provider, "entra-0001", **verified("sam.taylor@worcestershire.example", amr=["mfa"]))
    sign_in_at_provider(client, provider, "entra-0001")
    client.post("/sign-out", data={"csrf_token": csrf_of(client)})
    store.users.update_account(db, sam, active=0)
    refused, _ = sign_in_at_provider(client, provider, "entra-0001")
    assert refused.status_code == 403 and "account is switched off" in refused.text


def test_a_changed_state_and_a_replayed_answer_are_refused(client, db, provider, sam, app):
    claims_of(provider, "entra-0001", **verified("sam.taylor@worcestershire.example", amr=["mfa"]))

    def other_state(query):
        return {**query, "state": ["made-up-state"]}

    refused, _ = sign_in_at_provider(client, provider, "entra-0001", tamper=other_state)
    assert refused.status_code == 400 and "could not be trusted" in refused.text
    signed_in, callback = sign_in_at_provider(client, provider, "entra-0001")
    assert signed_in.status_code == 302
    # The same answer again, in another browser (stolen from a history or a log): no state there for it.
    replayed = app.test_client().get(callback)
    assert replayed.status_code == 400 and "could not be trusted" in replayed.text
    assert [row[2] for row in events(db) if row[0] == "single_sign_on_failed"][-1].count("not_trusted") == 1


def test_a_code_the_provider_gave_another_app_is_refused(client, provider, sam):
    """A code for another client (here, its own client id put in the provider's page address) is not ours."""
    claims_of(provider, "entra-0001", **verified("sam.taylor@worcestershire.example", amr=["mfa"]))
    refused, _ = sign_in_at_provider(
        client, provider, "entra-0001", tamper=lambda query: {**query, "client_id": ["another-app"]}
    )
    assert refused.status_code == 400 and client.get("/").status_code == 302


def test_an_id_token_for_another_audience_is_refused_even_naming_this_app_as_its_party(
    client, db, provider, sam
):
    """The provider's real, signed ID token, its audience another app's (the mock lets a user's claims override
    the token's): refused, though its `azp` names this app, which Authlib's defaults alone would accept."""
    claims_of(
        provider,
        "entra-0001",
        **verified("sam.taylor@worcestershire.example", amr=["mfa"], aud="another-app", azp=CLIENT_ID),
    )
    refused, _ = sign_in_at_provider(client, provider, "entra-0001")
    assert refused.status_code == 400 and client.get("/").status_code == 302
    assert "aud" in [row[2] for row in events(db) if row[0] == "single_sign_on_failed"][-1]


def test_an_id_token_from_another_issuer_is_refused(client, provider, sam):
    claims_of(
        provider, "entra-0001", **verified("sam.taylor@worcestershire.example", iss="http://evil.example")
    )
    assert sign_in_at_provider(client, provider, "entra-0001")[0].status_code == 400


def test_an_expired_id_token_is_refused(tmp_path, settings, db, sam):
    with run_server_in_thread(access_token_max_age=timedelta(minutes=-10)) as server:
        expired_provider = f"http://localhost:{server.server_port}"
        path = tmp_path / "expired.sqlite3"
        migrate(path)
        app = create_app(
            {"DATABASE": str(path), "SECRET_KEY": "test-secret-" * 4, "TESTING": True, **settings}
            | {"OIDC_ISSUER": expired_provider}
        )
        claims_of(expired_provider, "entra-0001", **verified("sam.taylor@worcestershire.example"))
        refused, _ = sign_in_at_provider(app.test_client(), expired_provider, "entra-0001")
        assert refused.status_code == 400 and "could not be trusted" in refused.text


def test_the_providers_second_factor_is_honoured_and_otherwise_the_apps_own_is_asked(
    client, db, provider, sam
):
    secret = pyotp.random_base32()
    store.users.start_two_factor(db, sam, secret, 0, [])
    claims_of(provider, "entra-0001", **verified("sam.taylor@worcestershire.example", amr=["pwd"]))
    asked, _ = sign_in_at_provider(client, provider, "entra-0001")
    assert asked.status_code == 302 and asked.location == "/sign-in/code"  # a password alone: the app asks
    assert client.get("/").status_code == 302
    claims_of(provider, "entra-0001", **verified("sam.taylor@worcestershire.example", amr=["pwd", "mfa"]))
    through, _ = sign_in_at_provider(client, provider, "entra-0001")
    assert through.status_code == 302 and through.location == "/"
    assert "Sam Taylor" in client.get("/").text


def test_signing_out_offers_to_sign_out_of_the_organisation_too(client, provider, sam):
    claims_of(provider, "entra-0001", **verified("sam.taylor@worcestershire.example", amr=["mfa"]))
    sign_in_at_provider(client, provider, "entra-0001")
    out = client.post("/sign-out", data={"csrf_token": csrf_of(client)})
    assert out.location == "/signed-out"
    page = client.get("/signed-out").text
    assert f"{provider}/oauth2/end_session?client_id={CLIENT_ID}" in page.replace("&amp;", "&")
    assert client.get("/").status_code == 302


def test_the_sign_in_page_offers_the_organisations_sign_in_beside_the_password(client, app):
    page = client.get("/sign-in").text
    assert "Sign in with Worcestershire County Council" in page and 'type="password"' in page
    token = csrf_token(page)
    app.config["PASSWORD_SIGN_IN"] = False
    page = client.get("/sign-in").text
    assert "Sign in with Worcestershire County Council" in page and 'type="password"' not in page
    tried = client.post("/sign-in", data={"email": "x@y.z", "password": "p", "csrf_token": token})
    assert tried.status_code == 404


def test_provisioning_gives_an_allowed_domain_a_practitioners_account_with_no_children(
    client, db, provider, app
):
    app.config["OIDC_PROVISIONING"] = True
    claims_of(provider, "entra-0009", **verified("new.worker@worcestershire.example", name="New Worker"))
    signed_in, _ = sign_in_at_provider(client, provider, "entra-0009")
    assert signed_in.status_code == 302
    account = store.users.user_by_email(db, "new.worker@worcestershire.example")
    assert (account["role"], account["name"], account["oidc_subject"]) == (
        "practitioner",
        "New Worker",
        "entra-0009",
    )
    assert store.children.children_of(db, account["id"]) == []


def test_an_unreachable_provider_shows_one_clear_page(tmp_path, settings):
    path = tmp_path / "unreachable.sqlite3"
    migrate(path)
    app = create_app(
        {"DATABASE": str(path), "SECRET_KEY": "test-secret-" * 4, "TESTING": True, **settings}
        | {"OIDC_ISSUER": "http://127.0.0.1:9"}  # nothing listens there
    )
    page = app.test_client().get("/sign-in/organisation")
    assert page.status_code == 502 and "could not be reached" in page.text


def test_an_administrator_lets_an_account_match_by_email_and_unmatches_it(
    client, db, practitioners, provider
):
    ada = store.users.create_user(db, "ada@example.org", "Ada Admin", PASSWORD_HASH, "administrator")
    ana = store.users.create_user(db, "ana@worcestershire.example", "Ana Lopes", PASSWORD_HASH)
    practitioners.sign_in("ada@example.org")
    page = client.get(f"/admin/accounts/{ana}").text
    assert "Signing in with the organisation's account" in page and "Not matched." in page
    practitioners.post(
        f"/admin/accounts/{ana}/organisation-sign-in", {"change": "allow"}, f"/admin/accounts/{ana}"
    )
    assert store.users.user_by_id(db, ana)["oidc_email_match"] == 1
    store.single_sign_on.match_subject(db, ana, provider, "entra-0042")
    assert "entra-0042" in client.get(f"/admin/accounts/{ana}").text
    practitioners.post(
        f"/admin/accounts/{ana}/organisation-sign-in", {"change": "unmatch"}, f"/admin/accounts/{ana}"
    )
    account = store.users.user_by_id(db, ana)
    assert account["oidc_subject"] is None and account["session_version"] == 1  # signed out everywhere
    changes = [row[2] for row in events(db) if row[0] == "single_sign_on_changed"]
    assert len(changes) == 2 and "unmatch" in changes[-1] and ada


@pytest.mark.parametrize(
    ("claims", "counts"),
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": "mfa"}, True),  # a provider that sends one value as a string
        ({"amr": ["pwd"]}, False),
        ({"acr": "gold"}, True),
        ({"acr": "silver"}, False),
        ({}, False),
    ],
)
def test_which_claims_say_the_provider_checked_a_second_factor(claims, counts):
    settings = {"OIDC_MFA_AMR": ("mfa",), "OIDC_MFA_ACR": ("gold",)}
    assert organisation_accounts.second_factor_checked(claims, settings) is counts


def test_only_a_verified_email_of_an_allowed_domain_is_vouched_for():
    allowed = ("worcestershire.example",)
    assert organisation_accounts.verified_email(verified("Sam@Worcestershire.example"), allowed) == (
        "Sam@Worcestershire.example"
    )
    assert organisation_accounts.verified_email({"email": "sam@worcestershire.example"}, allowed) is None
    assert organisation_accounts.verified_email(verified("sam@worcestershire.example.evil"), allowed) is None
    assert organisation_accounts.verified_email(verified("not-an-email"), allowed) is None
    assert organisation_accounts.verified_email(verified("sam@worcestershire.example"), ()) is None
