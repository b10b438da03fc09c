"""The partnership's impact report in a real browser, on the demo's year: an administrator reads a quarter
beside the one before, goes back a quarter, and lets a manager read it too; accessible at phone and tablet."""

import re

import pytest

from dayinmylife.demo import ADMIN_EMAIL, DEMO_PASSWORD, MANAGER_EMAIL, seed
from dayinmylife.store.db import connect
from tests.browser.conftest import PHONE, TABLET, accessibility_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.a11y]  # each checks WCAG 2.2 AA


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["tablet", "phone"])
def test_an_administrator_reads_the_quarter_and_lets_a_manager_read_it(browser, live_app, viewport):
    db = connect(live_app.app.config["DATABASE"])
    seed(db, live_app.app.extensions["questionnaires"])
    db.conn.close()
    context = browser.new_context(viewport=viewport, base_url=live_app.url)
    page = context.new_page()
    sign_in(page, ADMIN_EMAIL, DEMO_PASSWORD)
    page.get_by_role("link", name="Impact").click()
    assert page.get_by_role("heading", name=re.compile(r"^Impact report: \w+ to \w+ \d{4}$")).is_visible()
    assert re.search(r"\d+ children were heard this quarter", page.locator(".lead").inner_text())
    outcomes = page.locator("section", has=page.get_by_role("heading", name="Agreed outcomes"))
    assert outcomes.get_by_role("img", name="Agreed outcomes").is_visible()  # the chart, named for readers
    assert outcomes.get_by_role("cell", name="More outcomes met than at first").count() == 0
    assert outcomes.get_by_role("rowheader", name="More outcomes met than at first").is_visible()
    assert page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"
    )  # no sideways scroll
    assert accessibility_violations(page) == []
    screenshot(page, f"impact-{'tablet' if viewport == TABLET else 'phone'}")

    page.locator("a[rel=prev]").click()
    assert page.locator("a[rel=next]").is_visible()  # back to this quarter from the one before
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this quarter's figures (CSV)").click()
    assert download.value.suggested_filename.startswith("impact-report-")

    page.get_by_role("link", name="Accounts").click()
    page.get_by_role("link", name="Morgan Reid").click()
    page.get_by_role("button", name="Let them read it").click()
    assert page.get_by_text("Morgan Reid can now read the partnership's impact report.").is_visible()
    context.close()

    manager = browser.new_context(viewport=viewport, base_url=live_app.url).new_page()
    sign_in(manager, MANAGER_EMAIL, DEMO_PASSWORD)
    manager.get_by_role("link", name="Impact").click()
    assert manager.get_by_role("heading", name=re.compile("^Impact report")).is_visible()
    manager.context.close()
