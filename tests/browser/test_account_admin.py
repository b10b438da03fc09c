"""An administrator manages accounts, and a practitioner adds a colleague to a child's team, in a real browser."""

import re

from playwright.sync_api import expect

from dayinmylife import store
from dayinmylife.signin.passwords import hash_password
from dayinmylife.store.db import connect
from tests.browser.conftest import PHONE, TABLET, accessibility_violations, screenshot, sign_in
from tests.conftest import PASSWORD

NEW_PASSWORD = "a brand new long passphrase"


def test_an_administrator_creates_then_disables_an_account(browser, live_app, administrator):
    context = browser.new_context(viewport=TABLET, base_url=live_app.url)
    page = context.new_page()
    sign_in(page, administrator)
    page.get_by_role("link", name="Accounts").click()
    assert page.get_by_role("cell", name="sam@example.org").is_visible()
    assert accessibility_violations(page) == []
    screenshot(page, "accounts-list")

    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Name").fill("Kim Lee")
    page.get_by_label("E-mail address").fill("kim@example.org")
    page.get_by_label("Role").select_option("practitioner")
    page.get_by_label("New password").fill("short")
    page.get_by_label("The same password again").fill("short")
    page.get_by_role("button", name="Create the account").click()
    expect(page).to_have_title(re.compile(r"^Error:"))  # waits for the page to arrive
    assert accessibility_violations(page) == []
    page.set_viewport_size(PHONE)
    screenshot(page, "accounts-new-error-phone")
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_label("The same password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    assert page.get_by_role("heading", level=1, name="Kim Lee").is_visible()
    assert accessibility_violations(page) == []
    screenshot(page, "accounts-one-phone")

    page.set_viewport_size(TABLET)
    page.get_by_role("link", name="Disable the account").click()
    screenshot(page, "accounts-disable")
    page.get_by_role("button", name="Disable the account").click()
    assert page.get_by_text("Kim Lee can no longer sign in").is_visible()
    screenshot(page, "accounts-one")
    context.close()


def test_a_practitioner_adds_a_colleague_to_a_childs_team(page, live_app):
    db = connect(live_app.app.config["DATABASE"])
    store.users.create_user(db, "kim@example.org", "Kim Lee", hash_password(PASSWORD))
    child = store.children.create_child(
        db, live_app.app.config["TEST_PRACTITIONER_ID"], "Leo", "2017-03-14", None
    )
    db.conn.close()
    sign_in(page)
    page.goto(f"/children/{child}")
    page.get_by_label("Add a practitioner to the team").select_option(label="Kim Lee (kim@example.org)")
    page.get_by_role("button", name="Add to the team").click()
    team = page.locator("section.team")
    assert team.get_by_role("button", name="Remove Kim Lee").is_visible()
    assert accessibility_violations(page) == []
    screenshot(page, "child-team")
    page.set_viewport_size(PHONE)
    screenshot(page, "child-team-phone")
    team.get_by_role("button", name="Leave the team").click()
    assert page.get_by_text("You are no longer on the child's team").is_visible()
