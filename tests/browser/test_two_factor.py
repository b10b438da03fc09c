"""Two-step sign-in in a real browser: set up with the key, keep the recovery codes, sign in with a code."""

import re
import time

import pyotp
import pytest

from tests.browser.conftest import PHONE, TABLET, accessibility_violations, screenshot, sign_in

pytestmark = pytest.mark.browser


def next_code(secret: str) -> str:
    """The code of the next 30 seconds, so it is not the one just used (each code works once)."""
    return pyotp.TOTP(secret).at(time.time() + 30)


@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (TABLET, "tablet")])
def test_setting_up_then_signing_in_with_a_code(browser, live_app, viewport, size):
    context = browser.new_context(viewport=viewport, base_url=live_app.url)
    page = context.new_page()
    sign_in(page)
    page.goto("/settings")
    page.get_by_role("link", name="Set up two-step sign-in").click()
    assert page.get_by_role("img", name="QR code for your authenticator app").is_visible()
    assert accessibility_violations(page) == []
    screenshot(page, f"two-factor-set-up-{size}")

    secret = page.locator(".setup-key").inner_text().replace(" ", "")
    page.get_by_label("Code from your app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    assert page.get_by_role("heading", name="Your recovery codes").is_visible()
    assert page.locator(".recovery-codes li").count() == 10
    assert page.get_by_role("button", name="Print").is_visible()
    assert accessibility_violations(page) == []
    screenshot(page, f"two-factor-recovery-codes-{size}")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page)
    assert page.get_by_role("heading", name="Enter the code from your app").is_visible()
    page.get_by_label("Code").fill("000000" if next_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").is_visible()
    assert accessibility_violations(page) == []
    screenshot(page, f"two-factor-wrong-code-{size}")
    page.get_by_label("Code").fill(next_code(secret))
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("link", name="Settings").is_visible()
    page.goto("/account/two-factor")
    assert accessibility_violations(page) == []
    screenshot(page, f"two-factor-manage-{size}")
    context.close()


def test_the_administrators_page(browser, live_app, administrator):
    context = browser.new_context(viewport=PHONE, base_url=live_app.url)
    page = context.new_page()
    sign_in(page, administrator)
    page.goto("/settings")
    page.get_by_role("link", name="Two-step sign-in for everyone").click()
    assert page.get_by_role("cell", name="Sam Taylor").is_visible()
    assert accessibility_violations(page) == []
    screenshot(page, "two-factor-admin-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("radio", name=re.compile("^Everyone")).check()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="Set up two-step sign-in").is_visible()
    assert page.get_by_text("Your administrator asks everyone").is_visible()
    context.close()
