"""A disabled child answers "My day in pictures" in a real browser: with one switch alone (scanning), sorting pictures
on the mats by keyboard and by dragging, and without JavaScript one picture a page."""

import re

import pytest
from playwright.sync_api import expect

from dayinmylife import store
from dayinmylife.store.db import connect
from tests.browser.conftest import PHONE, TABLET, accessibility_violations, screenshot, sign_in
from tests.browser.test_child_flow import on_question_page, press_tab_until

pytestmark = [pytest.mark.browser, pytest.mark.a11y]


def start_session(page, scanning: str = "Off") -> int:
    """Sam adds Ellis and starts "My day in pictures" for Ellis's own account; the device goes to child mode."""
    sign_in(page)
    page.get_by_role("link", name="Add a child").click()
    page.get_by_label("Name").fill("Ellis")
    page.get_by_label("Date of birth").fill("2016-10-25")
    page.get_by_role("button", name="Add child").click()
    page.get_by_role("link", name="Start a session").click()
    page.get_by_label("Questionnaire").select_option("disability")
    page.get_by_label("Switch scanning").select_option(label=scanning)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name="Tell us about your day")).to_be_visible()
    return int(page.url.rstrip("/").split("/")[-1])


def answers(live_app, session_id: int) -> dict:
    db = connect(live_app.app.config["DATABASE"])
    try:
        return store.sessions.answers_of(db, session_id)
    finally:
        db.conn.close()


def wait_for_highlight(page, selector: str) -> None:
    """Wait, as a switch user does, until the scanning highlight reaches what they want."""
    page.wait_for_selector(f".scan-here:is({selector})", timeout=20_000)


def smallest_target(page) -> float:
    """The height in CSS pixels of the smallest thing the child can press on the page (the practitioner's own
    "how did the child show this?" aside)."""
    return page.evaluate(
        """() => Math.min(...[...document.querySelectorAll(
            "body a[href], body button:not([hidden]), main label.card")]
            .filter((node) => !node.closest(".shown-by, .skip-link") && node.getClientRects().length)
            .map((node) => node.getBoundingClientRect().height))"""
    )


def test_a_child_answers_the_whole_day_with_one_switch(browser, live_app):
    context = browser.new_context(viewport=TABLET, base_url=live_app.url)
    page = context.new_page()
    session_id = start_session(page, scanning="1 second on each choice")  # the quickest pace offered
    wait_for_highlight(page, "a.button--go")
    with page.expect_navigation():
        page.keyboard.press("Space")
    pages = 0
    while on_question_page(page) and pages < 60:
        pages += 1
        assert (
            page.locator("template#sorting-board").count() == 0 or page.locator(".board__pile").count() == 0
        )
        wait_for_highlight(page, "label.card:not(.card--small)")
        page.keyboard.press("Space")  # the switch chooses the highlighted picture...
        expect(page.locator(".scan-here")).to_have_text("Continue")  # ...and the highlight goes to Continue
        if pages == 1:
            assert accessibility_violations(page) == []
            screenshot(page, "switch-scanning-tablet")
        with page.expect_navigation():
            page.keyboard.press("Enter")  # a switch may send Enter as well as Space
    assert "/review" in page.url, f"stuck on {page.url}"
    wait_for_highlight(page, "button.button--go")  # "That's my day – finish" first, before every "Change"
    with page.expect_navigation():
        page.keyboard.press("Space")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    given = answers(live_app, session_id)
    assert len(given) == pages > 20
    assert all(not answer.skipped for answer in given.values())
    assert given[("sort_lessons", "once")].value == "good"  # the first picture of each page: good
    context.close()


def test_a_child_sorts_the_pictures_on_the_mats_by_keyboard_and_by_dragging(browser, live_app):
    context = browser.new_context(viewport=TABLET, base_url=live_app.url)
    page = context.new_page()
    session_id = start_session(page)
    page.goto(f"/day/{session_id}/any-day/sort_lessons")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Things at school: put each picture on good, not sure or not good."
    )
    expect(page).to_have_title(re.compile(r"^Things at school: put each picture"))
    assert page.locator(".board__pile .board__card").count() == 4
    assert smallest_target(page) >= 88
    assert accessibility_violations(page) == []
    screenshot(page, "sorting-board-tablet")
    press_tab_until(page, ".board__card")  # Lessons
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Lessons")).to_have_attribute("aria-pressed", "true")
    press_tab_until(page, "#mat-good")
    page.keyboard.press("Enter")
    expect(page.locator('.mat[data-mat="good"] .board__card')).to_have_text("Lessons, Good")
    expect(page.get_by_role("status")).to_have_text("Lessons: Good")
    # the next picture, Lunch, has the focus: Space picks it up, and it goes on "not good"
    page.keyboard.press("Space")
    press_tab_until(page, "#mat-not_good")
    page.keyboard.press("Space")
    # Playtime is dragged onto "not sure" with the mouse (a finger does the same: pointer events)
    page.get_by_role("button", name="Playtime").drag_to(page.locator('.mat[data-mat="not_sure"]'))
    expect(page.locator('.mat[data-mat="not_sure"]')).to_contain_text("Playtime")
    assert accessibility_violations(page) == []
    screenshot(page, "sorting-board-sorted-tablet")
    page.set_viewport_size(PHONE)
    screenshot(page, "sorting-board-phone")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{live_app.url}/day/{session_id}/school-day/tea_food")
    given = answers(live_app, session_id)
    assert given[("sort_lessons", "once")].value == "good"
    assert given[("sort_school_lunch", "once")].value == "not_good"
    assert given[("sort_playtime", "once")].value == "not_sure"
    assert given[("sort_helpers", "once")].skipped  # left in the pile
    page.goto(f"/day/{session_id}/any-day/sort_lessons")  # back to the board: each picture where it was put
    expect(page.locator('.mat[data-mat="not_good"]')).to_contain_text("Lunch")
    context.close()


def test_the_practitioner_notes_how_the_child_showed_an_answer(browser, live_app):
    context = browser.new_context(viewport=PHONE, base_url=live_app.url)
    page = context.new_page()
    session_id = start_session(page)
    assert smallest_target(page) >= 88  # the start page: its languages and "Let's start", on a phone
    with page.expect_navigation():
        page.get_by_role("link", name="Let's start").click()
    assert smallest_target(page) >= 88  # every choice, button and link the child uses, on a phone
    page.get_by_text("A grown-up").click()
    page.get_by_text("For the practitioner: how did the child show this?").click()
    page.get_by_label("Eye gaze").check()
    page.get_by_label("Sounds or vocalising").check()
    assert accessibility_violations(page) == []
    screenshot(page, "shown-by-phone")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Is the weekend different?")).to_be_visible()
    assert answers(live_app, session_id)[("who_wakes_you", "school")].shown_by == ("eye_gaze", "vocalised")
    context.close()


def test_without_javascript_each_picture_is_its_own_question(browser, live_app):
    context = browser.new_context(viewport=PHONE, base_url=live_app.url, java_script_enabled=False)
    page = context.new_page()
    session_id = start_session(page)
    page.get_by_role("link", name="Let's start").click()
    sorted_pictures = []
    while on_question_page(page):
        if "/sort_" in page.url:
            assert page.locator(".board__pile").count() == 0  # no board without JavaScript
            sorted_pictures.append(page.locator(".sort-item").inner_text())
            if len(sorted_pictures) == 1:
                screenshot(page, "sorting-one-picture-phone")
        page.locator(".cards:not(.cards--small) .card").last.click()
        with page.expect_navigation():  # the next page has arrived before the loop reads it
            page.get_by_role("button", name="Continue").click()
    assert "/review" in page.url, f"stuck on {page.url}"
    assert sorted_pictures == [
        "Lessons",
        "Lunch",
        "Playtime",
        "Helpers at school",
        "Food",
        "Washing and bath time",
        "Playing",
        "Hugs and being close",
        "Bedtime",
    ]
    given = answers(live_app, session_id)
    assert given[("sort_hugs", "once")].value == "not_good"  # the last card of each: "not good"
    context.close()
