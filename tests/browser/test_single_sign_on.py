"""A practitioner signs in with their organisation's account in a real browser: the app's button, the provider's
own page (a real OpenID Connect provider on loopback), back to their children; then signs out of both."""

import pytest
from oidc_provider_mock import User, run_server_in_thread

from dayinmylife import create_app, store
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate
from tests.browser.conftest import PHONE, LiveServer, accessibility_violations, screenshot
from tests.conftest import PASSWORD_HASH

pytestmark = [pytest.mark.browser]

SAM = User(
    sub="entra-0001",
    claims={
        "email": "sam@worcestershire.example",
        "email_verified": True,
        "name": "Sam",
        "amr": ["pwd", "mfa"],
    },
)


@pytest.fixture
def organisation_app(tmp_path):
    with run_server_in_thread(user_claims=[SAM]) as provider:
        path = tmp_path / "browser.sqlite3"
        migrate(path)
        app = create_app(
            {
                "DATABASE": str(path),
                "SECRET_KEY": "browser-test-secret-" * 2,
                "DAYINMYLIFE_ENV": "development",
                "OIDC_ISSUER": f"http://localhost:{provider.server_port}",
                "OIDC_CLIENT_ID": "day-in-my-life",
                "OIDC_CLIENT_SECRET": "its-secret",
                "OIDC_LABEL": "Sign in with Worcestershire County Council",
                "OIDC_ALLOWED_DOMAINS": ("worcestershire.example",),
            }
        )
        db = connect(path)
        user_id = store.users.create_user(db, "sam@worcestershire.example", "Sam Taylor", PASSWORD_HASH)
        store.single_sign_on.allow_email_match(db, user_id, True)
        db.conn.close()
        with LiveServer(app) as server:
            app.config["BASE_URL"] = server.url
            yield server


def test_signing_in_and_out_with_the_organisations_account(browser, organisation_app):
    context = browser.new_context(viewport=PHONE, base_url=organisation_app.url)
    page = context.new_page()
    page.goto("/sign-in")
    assert accessibility_violations(page) == []
    screenshot(page, "sign-in-organisation-phone")
    page.get_by_role("link", name="Sign in with Worcestershire County Council").click()
    page.locator("input[name=sub]").fill("entra-0001")  # the provider's own page
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{organisation_app.url}/")
    assert page.get_by_text("Sam Taylor").first.is_visible()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{organisation_app.url}/signed-out")
    assert accessibility_violations(page) == []
    screenshot(page, "signed-out-organisation-phone")
    assert page.get_by_role("link", name="Sign out of the organisation's account too").is_visible()
    context.close()
