"""A parent answers Leo's day in their own account: every question about Leo by name, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, accessibility_violations, screenshot, sign_in
from tests.browser.test_child_flow import on_question_page

pytestmark = pytest.mark.browser

SPEAKS_AS_THE_CHILD = re.compile(r"\b(I|I'm|me|my|myself)\b")


@pytest.mark.a11y
def test_a_parent_answers_leos_day_asked_about_leo_by_name(page):
    sign_in(page)
    page.get_by_role("link", name="Add a child").click()
    page.get_by_label("Name").fill("Leo")
    page.get_by_label("Date of birth").fill("2017-03-14")
    page.get_by_role("button", name="Add child").click()
    page.get_by_role("link", name="Start a session").click()
    page.get_by_label("Questionnaire").select_option("primary")
    page.get_by_label("A parent's or carer's account").check()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name="Leo's day, as you see it")).to_be_visible()
    page.get_by_role("link", name="Let's start").click()

    asked = []
    for number in range(120):
        if not on_question_page(page):
            break
        prompt = page.locator("h1").inner_text()
        asked.append(prompt)
        if number == 0:
            assert prompt == "Who wakes Leo up?"
            assert page.get_by_text("Leo wakes up on their own").is_visible()
            assert accessibility_violations(page) == []
            screenshot(page, "parent-question-tablet")
            page.set_viewport_size(PHONE)
            screenshot(page, "parent-question-phone")
        if page.locator("textarea").count():
            page.locator("textarea").fill("Mornings are a rush but he gets there.")
        else:
            page.locator(".cards:not(.cards--small) .card").first.locator(".pic").click()
        with page.expect_navigation():  # the next page has arrived before the loop reads it
            page.get_by_role("button", name="Continue").click()
    assert "/review" in page.url, f"stuck on {page.url}"
    assert len(asked) > 30
    assert all("Leo" in prompt for prompt in asked), [prompt for prompt in asked if "Leo" not in prompt]
    assert not [prompt for prompt in asked if SPEAKS_AS_THE_CHILD.search(prompt)]
    review = page.locator("main").inner_text()
    assert "Who wakes Leo up?" in review and "Who wakes you up?" not in review and "{name}" not in review
