"""A team manager in a real browser, on the demo's team: from the Team page to a child whose answers keep
raising the same question, and a supervision discussion written down about them."""

import re

import pytest

from dayinmylife.demo import DEMO_PASSWORD, MANAGER_EMAIL, seed
from dayinmylife.store.db import connect
from tests.browser.conftest import PHONE, TABLET, accessibility_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.a11y]  # each checks WCAG 2.2 AA


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["tablet", "phone"])
def test_a_manager_finds_a_drifting_child_and_writes_down_the_discussion(browser, live_app, viewport):
    db = connect(live_app.app.config["DATABASE"])
    seed(db, live_app.app.extensions["questionnaires"])
    db.conn.close()
    context = browser.new_context(viewport=viewport, base_url=live_app.url)
    page = context.new_page()
    sign_in(page, MANAGER_EMAIL, DEMO_PASSWORD)
    assert page.get_by_role("heading", name="Family Support North").is_visible()  # the manager's home
    page.get_by_role("link", name=re.compile(r"^To talk about in supervision, The whole team: \d+$")).click()
    listed = page.locator("li.team-child", has=page.get_by_role("link", name="Leo", exact=True))
    assert "has been worth exploring in 4 sessions in a row, since" in listed.inner_text()
    assert accessibility_violations(page) == []
    size = "tablet" if viewport == TABLET else "phone"
    screenshot(page, f"team-{size}")
    listed.get_by_role("link", name="Leo", exact=True).click()
    assert page.get_by_role("heading", name="To talk about in supervision").is_visible()
    assert page.get_by_role("link", name="Start a session").count() == 0  # a manager reads, never changes
    page.get_by_role("link", name="Write down a discussion").click()
    page.get_by_label("What was discussed").fill("Weekends still the gap: breakfast and bedtimes.")
    page.get_by_label("Decisions (optional)").fill("Sam to ask school about breakfast club.")
    page.get_by_role("button", name="Save the discussion").click()
    supervision = page.locator("#supervision")
    assert "Sam to ask school about breakfast club." in supervision.inner_text()
    assert accessibility_violations(page) == []
    context.close()
