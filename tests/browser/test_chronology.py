"""A practitioner in a real browser reads Leo's chronology, narrows it to alerts, and adds a significant event
with its impact on him; accessible at phone and tablet size."""

import pytest

from dayinmylife import store
from dayinmylife.demo import DEMO_EMAIL, DEMO_PASSWORD, seed
from dayinmylife.store.db import connect
from tests.browser.conftest import PHONE, TABLET, accessibility_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.a11y]


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["tablet", "phone"])
def test_a_practitioner_reads_the_chronology_and_adds_an_event(browser, live_app, viewport):
    db = connect(live_app.app.config["DATABASE"])
    seed(db, live_app.app.extensions["questionnaires"])
    sam = store.users.user_by_email(db, DEMO_EMAIL)["id"]
    leo = next(child for child in store.children.children_of(db, sam) if child["display_name"] == "Leo")
    db.conn.close()
    page = browser.new_context(viewport=viewport, base_url=live_app.url).new_page()
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto(f"/children/{leo['id']}")
    page.get_by_role("link", name="Chronology").click()
    assert page.get_by_role("heading", name="Leo: chronology").is_visible()
    assert page.get_by_role("heading", name="Persisting and accumulating").is_visible()
    assert accessibility_violations(page) == []
    screenshot(page, f"chronology-{'tablet' if viewport == TABLET else 'phone'}")
    boxes = page.locator(".chronology-filter input[type=checkbox]")
    for index in range(boxes.count()):
        boxes.nth(index).set_checked(boxes.nth(index).get_attribute("value") == "alert")
    page.get_by_role("button", name="Show").click()
    entries = page.locator(".chronology__entry")
    assert entries.count() == 2  # Leo was scared at night in March; Sam talked with him the next day
    assert all("Alert" in entries.nth(index).inner_text() for index in range(2))
    page.get_by_label("When it happened").fill("2026-10-20")
    page.get_by_label("What happened").fill("Missed dental appointment")
    page.get_by_label("Agency or source (optional)").fill("Dentist")
    page.get_by_label("The impact on the child").fill("Toothache; two days off school.")
    page.get_by_role("button", name="Add to the chronology").click()
    assert page.get_by_text("The event is in Leo's chronology.").is_visible()
    assert page.get_by_text("Missed dental appointment (Dentist).").is_visible()
    assert accessibility_violations(page) == []
