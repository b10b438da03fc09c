"""A consultation across schools in a real browser: a pupil joins with their school's code and chooses from its
classes; the lead finds each school's code and reads a class's results within its school."""

import re

import pytest
from playwright.sync_api import expect

from dayinmylife.consultations import kept
from dayinmylife.demo import DEMO_PASSWORD, seed
from dayinmylife.demo.consultation import LEAD_EMAIL
from dayinmylife.store.db import connect
from tests.browser.conftest import PHONE, TABLET, accessibility_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.a11y]


@pytest.fixture
def county(live_app):
    """The demo, with the lead's open consultation across Hillside Primary, Brook Lane and Little Acorns."""
    db = connect(live_app.app.config["DATABASE"])
    seed(db, live_app.app.extensions["questionnaires"])
    db.conn.close()


def test_a_pupil_joins_with_their_school_s_code_and_sees_only_its_classes(browser, live_app, county):
    page = browser.new_context(viewport=PHONE, base_url=live_app.url).new_page()
    page.goto("/join/")
    page.get_by_label("Type your code").fill("hil 234")
    with page.expect_navigation():
        page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("Hillside Primary")).to_be_visible()
    expect(page.get_by_label("5 Ash")).to_be_visible()
    expect(page.get_by_label("Year 5")).to_have_count(0)  # Brook Lane's
    assert accessibility_violations(page) == []
    screenshot(page, "join-school-phone")
    page.get_by_label("5 Ash").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Start").click()
    assert "/day/" in page.url


def test_the_lead_sends_each_school_its_code_and_reads_a_class_within_its_school(browser, live_app, county):
    page = browser.new_context(viewport=TABLET, base_url=live_app.url).new_page()
    sign_in(page, LEAD_EMAIL, DEMO_PASSWORD)
    page.goto("/consultations/")
    page.get_by_role("link", name=re.compile("Our county")).first.click()
    expect(page.get_by_role("row", name=re.compile("Brook Lane"))).to_contain_text("BRK 234")
    assert accessibility_violations(page) == []
    screenshot(page, "consultation-schools-tablet")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("codes and sheets")).click()
    assert "BRK 234" in download.value.path().read_text(encoding="utf-8-sig")
    page.get_by_role("link", name="See the results").click()
    page.get_by_role("link", name=re.compile("Hillside Primary")).click()
    page.get_by_role("link", name=re.compile("5 Ash")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results: Hillside Primary, 5 Ash")
    expect(page.get_by_role("link", name=re.compile("5 Ash"))).to_have_attribute("aria-current", "page")
    assert accessibility_violations(page) == []
    screenshot(page, "consultation-school-class-tablet")
    page.get_by_role("link", name=re.compile("Brook Lane")).click()
    expect(page.get_by_text("fewer than 5 pupils in it answered: Year 6")).to_be_visible()


def test_the_lead_lists_schools_and_their_classes_on_the_new_consultation_page(browser, live_app, county):
    page = browser.new_context(viewport=PHONE, base_url=live_app.url).new_page()
    sign_in(page, LEAD_EMAIL, DEMO_PASSWORD)
    page.goto("/consultations/new")
    page.get_by_label("Title").fill("Our borough, summer")
    page.get_by_text("Running it across several schools?").click()
    page.get_by_label("Schools and their classes (optional)").fill("Oakfield: 4A, 4B\nRiverside: Year 4")
    assert accessibility_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Create consultation").click()
    expect(page.get_by_role("row", name=re.compile("Oakfield"))).to_contain_text("4A, 4B")
    expect(page.get_by_role("row", name=re.compile("Riverside"))).to_contain_text("Year 4")
    assert accessibility_violations(page) == []
    screenshot(page, "consultation-schools-made-phone")


def test_a_country_s_results_are_counted_ahead_and_read_as_at_once(browser, live_app, county, monkeypatch):
    """Across more schools than its lead could wait for (3, here), the results page says they are being counted,
    then, once `flask consultations count` has run, shows them and when they were counted."""
    monkeypatch.setattr(kept, "COUNTED_AHEAD_OVER", 2)
    page = browser.new_context(viewport=PHONE, base_url=live_app.url).new_page()
    sign_in(page, LEAD_EMAIL, DEMO_PASSWORD)
    page.goto("/consultations/")
    page.get_by_role("link", name=re.compile("Our county")).first.click()
    page.get_by_role("link", name="See the results").click()
    expect(page.locator("#counting")).to_contain_text("These results are being counted")
    assert accessibility_violations(page) == []
    screenshot(page, "consultation-being-counted-phone")
    answer = live_app.app.test_cli_runner().invoke(args=["consultations", "count"])
    assert "1 consultation(s) counted." in answer.output
    page.reload()
    expect(page.locator("#counted-at")).to_contain_text("answers given since then will be in the next count")
    page.get_by_role("link", name=re.compile("Hillside Primary")).click()
    page.get_by_role("link", name=re.compile("5 Ash")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results: Hillside Primary, 5 Ash")
    expect(page.locator("#counted-at")).to_be_visible()
    assert accessibility_violations(page) == []
    screenshot(page, "consultation-counted-ahead-phone")
