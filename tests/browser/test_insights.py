"""The practitioner's view across sessions in a real browser, on the demo's Leo: what a practitioner reads,
whether the pages pass the WCAG checks, how they look on a tablet and a phone, and how they print."""

import shutil
import subprocess

import pytest

from dayinmylife.demo import DEMO_EMAIL, DEMO_PASSWORD, seed
from dayinmylife.store.db import connect
from tests.browser.conftest import PHONE, SCREENSHOTS, TABLET, accessibility_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.a11y]  # each checks WCAG 2.2 AA


@pytest.fixture
def leo(browser, live_app, request):
    """Signed in as the demo practitioner, on Leo's page."""
    db = connect(live_app.app.config["DATABASE"])
    seed(db, live_app.app.extensions["questionnaires"])
    db.conn.close()
    context = browser.new_context(viewport=getattr(request, "param", TABLET), base_url=live_app.url)
    page = context.new_page()
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.get_by_role("link", name="Leo").click()
    yield page
    context.close()


def test_leos_latest_session_shows_his_day_with_the_weekend_called_out(leo):
    page = leo
    page.locator("table tbody tr th a").first.click()
    breakfast = page.locator("li.day-part", has=page.get_by_role("heading", name="Breakfast"))
    assert "At weekends: Do you have breakfast? No (school day: Yes)" in " ".join(
        breakfast.inner_text().split()
    )
    assert page.locator(".own-words", has_text="Breakfast at the weekend too. And a dog.").is_visible()
    care = page.locator("section.care")
    assert "not a score, a risk level or a verdict" in care.inner_text()
    assert accessibility_violations(page) == []
    screenshot(page, "insights-session-tablet")


def test_comparing_leos_sessions_shows_breakfast_at_weekends_going_back_to_nothing(leo):
    page = leo
    page.get_by_role("link", name="Compare sessions").click()
    summary = page.locator("section.changes-summary")
    first = summary.locator(".highlight").first
    assert "Do you have breakfast?" in first.inner_text() and "Weekend" in first.inner_text()
    assert "Now worth exploring: Basic care" in first.inner_text()
    assert accessibility_violations(page) == []
    screenshot(page, "insights-compare-tablet")
    page.get_by_label("Earlier session").select_option(
        label=page.get_by_label("Earlier session").locator("option").first.inner_text()
    )
    page.get_by_role("button", name="Compare").click()
    breakfast = page.locator("section.compare-part", has=page.get_by_role("heading", name="Breakfast"))
    food = breakfast.locator("tr", has_text="What do you have for breakfast?").first.inner_text()
    assert "Not asked" in food and "Cereal" in food and "Fruit" in food and "New" in food


def test_leos_history_shows_breakfast_over_nine_months_and_feelings_as_a_chart(leo):
    page = leo
    page.get_by_role("link", name="All sessions over time").click()
    breakfast = page.locator(".history-item", has_text="What do you have for breakfast? (on a school day)")
    said = breakfast.locator(".stretch__said").all_inner_texts()
    assert said == ["Not asked", "Toast", "Cereal", "Cereal, Fruit"]
    chart = page.get_by_role("img", name="How Leo said they feel, session by session")
    assert chart.is_visible()
    assert "Sad" in page.locator("table.chart-table").inner_text()
    assert accessibility_violations(page) == []
    screenshot(page, "insights-history-tablet")


@pytest.mark.parametrize("leo", [PHONE], indirect=True)
def test_the_pages_across_sessions_read_well_on_a_phone(leo):
    page = leo
    leos_page = page.url
    page.locator("table tbody tr th a").first.click()
    assert accessibility_violations(page) == []
    screenshot(page, "insights-session-phone")
    page.goto(leos_page + "/compare")
    assert accessibility_violations(page) == []
    screenshot(page, "insights-compare-phone")
    page.goto(leos_page + "/history")
    assert accessibility_violations(page) == []
    screenshot(page, "insights-history-phone")


def test_the_printable_records_pass_the_checks_and_print_on_a4(leo):
    page = leo
    leos_page = page.url
    page.locator("table tbody tr th a").first.click()
    page.get_by_role("link", name="Print this session").click()
    page.get_by_role("button", name="Print").wait_for(state="visible")  # shown by print.js
    assert page.locator(".site-header").count() == 0
    assert accessibility_violations(page) == []
    for name, url in [
        ("session", page.url),
        ("comparison", leos_page + "/compare/print"),
        ("history", leos_page + "/history/print"),
    ]:
        page.goto(url)
        pdf = SCREENSHOTS / f"insights-record-{name}.pdf"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(pdf), format="A4")
        assert pdf.read_bytes().startswith(b"%PDF")
        if shutil.which("pdftoppm"):  # poppler-utils: pages as pictures to look at
            subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
