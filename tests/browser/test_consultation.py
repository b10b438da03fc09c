"""A school consultation in a real browser: a pupil joins with the code and finishes; the lead reads results."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from dayinmylife import store
from dayinmylife.consultations.codes import make_join_code
from dayinmylife.demo import DEMO_PASSWORD, seed
from dayinmylife.demo.consultation import LEAD_EMAIL, TITLE
from dayinmylife.store.db import connect
from tests.browser.conftest import PHONE, TABLET, accessibility_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.a11y]  # each checks WCAG 2.2 AA


@pytest.fixture
def school(live_app):
    """The demo (with Priya Shah's finished consultation) and an open one of hers for 5 Oak and 5 Ash."""
    db = connect(live_app.app.config["DATABASE"])
    seed(db, live_app.app.extensions["questionnaires"])
    lead = store.users.user_by_email(db, LEAD_EMAIL)["id"]
    details = {
        "title": "Year 5: spring term",
        "questionnaire_id": "primary",
        "opens_on": date.today().isoformat(),
        "closes_on": (date.today() + timedelta(days=14)).isoformat(),
        "min_group_size": 5,
        "max_responses": 2000,
    }
    consultation_id = store.consultations.create_consultation(
        db, lead, details, ["5 Oak", "5 Ash"], make_join_code
    )
    code = store.consultations.consultation_by_id(db, consultation_id)["join_code"]
    db.conn.close()
    return {"code": code, "id": consultation_id}


def on_question_page(page) -> bool:
    return any(day in page.url for day in ("/school-day/", "/weekend/", "/any-day/"))


def test_a_pupil_joins_with_the_code_chooses_a_group_and_finishes(browser, live_app, school):
    context = browser.new_context(viewport=PHONE, base_url=live_app.url)
    page = context.new_page()
    page.goto("/join/")
    assert accessibility_violations(page) == []
    screenshot(page, "join-phone")
    code = school["code"]
    page.get_by_label("Type your code").fill(f"{code[:3].lower()} {code[3:].lower()}")
    page.get_by_role("button", name="Go").click()
    page.get_by_label("5 Ash").check()
    assert accessibility_violations(page) == []
    screenshot(page, "join-group-phone")
    page.get_by_role("button", name="Start").click()
    assert page.get_by_text("Do not write your name.", exact=False).first.is_visible()
    assert not page.get_by_text("never just yours").is_visible()  # folded: the first screen stays short
    page.get_by_text("Who will see my answers?").click()
    assert page.get_by_text("never just yours").is_visible()
    assert accessibility_violations(page) == [], page.url
    screenshot(page, "join-who-will-see-phone")
    page.get_by_role("link", name="Let's start").click()
    assert accessibility_violations(page) == [], page.url
    screenshot(page, "join-question-phone")
    for number in range(120):
        if not on_question_page(page):
            break
        cards = page.locator(".cards:not(.cards--small) .card")
        if number % 3 == 0 and cards.count():
            cards.first.click()
            with page.expect_navigation():  # the next page has arrived before the loop reads it
                page.get_by_role("button", name="Continue").click()
        else:
            with page.expect_navigation():
                page.get_by_role("button", name="Skip this one").click()
    assert "/review" in page.url
    page.get_by_role("button", name="That's my day – finish").click()
    expect(page.get_by_role("heading", name="Thank you!")).to_be_visible()  # waits for it
    assert page.get_by_text("0800 1111").is_visible()
    assert page.get_by_text("a grown-up you trust at school").is_visible()
    assert accessibility_violations(page) == []
    screenshot(page, "join-thanks-phone")
    context.close()


def test_the_lead_reads_the_results_with_small_numbers_suppressed(browser, live_app, school):
    context = browser.new_context(viewport=TABLET, base_url=live_app.url)
    page = context.new_page()
    sign_in(page, LEAD_EMAIL, DEMO_PASSWORD)
    assert page.get_by_role("heading", name="Consultations").is_visible()
    page.get_by_role("link", name=TITLE).click()
    assert accessibility_violations(page) == []
    screenshot(page, "consultation-overview-tablet")
    page.get_by_role("link", name="See the results").click()
    assert page.get_by_text("Not shown on its own").is_visible()
    assert page.get_by_text("fewer than 5").first.is_visible()
    assert accessibility_violations(page) == []
    screenshot(page, "consultation-results-tablet")
    page.get_by_role("link", name="6 Elm").click()
    assert page.get_by_role("heading", name="Results: 6 Elm").is_visible()
    assert accessibility_violations(page) == []
    page.get_by_role("link", name="Pupils' own words").click()
    assert page.get_by_role("heading", name="If a comment suggests a child may be at risk").is_visible()
    assert accessibility_violations(page) == []
    context.close()


def test_the_classroom_sheet_prints_the_code_and_the_qr_code(browser, live_app, school, tmp_path):
    context = browser.new_context(viewport=TABLET, base_url=live_app.url)
    page = context.new_page()
    sign_in(page, LEAD_EMAIL, DEMO_PASSWORD)
    page.goto(f"/consultations/{school['id']}/sheet")
    code = school["code"]
    assert page.get_by_text(f"{code[:3]} {code[3:]}").is_visible()
    assert page.locator("img[src$='qr.svg']").evaluate("image => image.naturalWidth") > 0
    assert accessibility_violations(page) == []
    screenshot(page, "classroom-sheet-tablet")
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    context.close()


def answer_until_own_words(page, words: str) -> int:
    """From the first question, answer until the pupil's own words, write them; return the session id."""
    session_id = int(page.url.split("/day/")[1].split("/")[0])
    for _ in range(10):
        box = page.locator("textarea")
        if box.count():
            box.fill(words)
            page.get_by_role("button", name="Continue").click()
            return session_id
        page.locator(".cards:not(.cards--small) .card").first.click()
        with page.expect_navigation():  # the next question has arrived before the loop looks at it
            page.get_by_role("button", name="Continue").click()
    raise AssertionError("no question for the pupil's own words near the start")


def test_three_pupils_on_one_tablet_cannot_open_each_others_answers(browser, live_app, school):
    tablet = browser.new_context(viewport=TABLET, base_url=live_app.url)
    page = tablet.new_page()
    sessions = {}
    for pupil, words in enumerate(("Ravi's porridge", "Maya's pancakes", "Tom's toast")):
        if pupil == 1:  # the thank-you page's own "start again with the code"
            page.get_by_role("link", name="Start again with the code").click()
            page.get_by_label("Type your code").fill(school["code"])
            page.get_by_role("button", name="Go").click()
        else:  # the QR code on the classroom sheet
            page.goto(f"/join/?code={school['code']}")
        page.get_by_label("5 Oak").check()
        page.get_by_role("button", name="Start").click()
        page.get_by_role("link", name="Let's start").click()
        sessions[answer_until_own_words(page, words)] = words
        page.get_by_role("link", name="Change something").click()
        page.get_by_role("button", name="Finish now").click()  # the questions after their words are left
        expect(page.get_by_role("heading", name="Thank you!")).to_be_visible()  # waits for it
    for session_id, words in sessions.items():
        for path in ("/", "/review", "/thanks", "/school-day/mornings_own_words"):
            page.goto(f"/day/{session_id}{path}")
            assert words not in page.content(), (session_id, path)
    page.goto(f"/day/{list(sessions)[0]}/review")
    assert page.get_by_text("cannot be opened again").is_visible() or "sign-in" in page.url
    tablet.close()
