"""The practitioner's pages in a real browser, on the demo data a newcomer sees first."""

import re

import pytest
from playwright.sync_api import expect

from dayinmylife.demo import DEMO_EMAIL, DEMO_PASSWORD, seed
from dayinmylife.store.db import connect
from tests.browser.conftest import PHONE, TABLET, accessibility_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.a11y]  # each checks WCAG 2.2 AA


@pytest.fixture
def demo_page(browser, live_app, request):
    db = connect(live_app.app.config["DATABASE"])
    seed(db, live_app.app.extensions["questionnaires"])
    db.conn.close()
    viewport = getattr(request, "param", TABLET)
    context = browser.new_context(viewport=viewport, base_url=live_app.url)
    page = context.new_page()
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    yield page
    context.close()


def test_the_caseload_lists_the_demo_children(demo_page):
    page = demo_page
    for name in ("Amara", "Leo", "Jess"):
        assert page.get_by_role("link", name=name).is_visible()
    assert accessibility_violations(page) == []
    screenshot(page, "caseload-tablet")


def test_leos_latest_session_shows_his_answers_and_his_own_words(demo_page):
    page = demo_page
    page.get_by_role("link", name="Leo").click()
    assert page.get_by_role("heading", name="Leo").is_visible()
    assert accessibility_violations(page) == []
    screenshot(page, "child-tablet")
    page.locator("table tbody tr th a").first.click()
    assert page.get_by_role("heading", name="Session with Leo").is_visible()
    breakfast = page.locator("section", has=page.get_by_role("heading", name="Breakfast"))
    assert "The weekend is different." in breakfast.inner_text()
    assert page.locator(".own-words").count() > 0
    assert accessibility_violations(page) == []
    screenshot(page, "session-tablet")


@pytest.mark.parametrize("demo_page", [PHONE], indirect=True)
def test_the_session_page_reads_well_on_a_phone(demo_page):
    page = demo_page
    page.get_by_role("link", name="Jess").click()
    page.locator("table tbody tr th a").last.click()
    assert accessibility_violations(page) == []
    screenshot(page, "session-phone")


def test_sign_in_and_errors_pass_the_accessibility_checks(browser, live_app):
    context = browser.new_context(viewport=PHONE, base_url=live_app.url)
    page = context.new_page()
    page.goto("/sign-in")
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile(r"^Error:"))  # waits for the page to arrive
    assert accessibility_violations(page) == []
    page.goto("/nowhere")
    assert accessibility_violations(page) == []
    context.close()


def test_a_baby_session_shows_what_was_observed_and_what_was_reported(demo_page):
    page = demo_page
    page.get_by_role("link", name="Amara").click()
    page.locator("table tbody tr th a").first.click()
    assert page.get_by_text("Observed", exact=True).first.is_visible()
    assert page.get_by_text("Reported", exact=True).first.is_visible()
    assert accessibility_violations(page) == []
