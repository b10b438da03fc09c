"""A teenager's own link in real browsers: the practitioner makes it, the young person opens it on a phone."""

import pytest

from dayinmylife import store
from dayinmylife.store.db import connect
from tests.browser.conftest import PHONE, SCREENSHOTS, TABLET, accessibility_violations, screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def teen_session(live_app) -> int:
    """Jess, 14, with an unfinished session of her own on the teenager questionnaire."""
    db = connect(live_app.app.config["DATABASE"])
    practitioner = live_app.app.config["TEST_PRACTITIONER_ID"]
    child_id = store.children.create_child(db, practitioner, "Jess", "2012-02-01", None)
    session_id = store.sessions.start_session(
        db, child_id, live_app.app.extensions["questionnaires"]["teenager"], practitioner
    )
    db.conn.close()
    return session_id


def test_a_teenager_opens_their_own_link_on_a_phone_and_reaches_their_questions(
    browser, live_app, teen_session
):
    worker = browser.new_context(viewport=TABLET, base_url=live_app.url).new_page()
    sign_in(worker)
    worker.goto(f"/sessions/{teen_session}")
    worker.get_by_role("button", name="Send Jess a link to answer on their own phone").click()
    assert worker.get_by_role("heading", name="A link for Jess").is_visible()
    assert worker.locator("figure svg").is_visible()  # the QR code
    assert accessibility_violations(worker) == []
    screenshot(worker, "answer-link-created-tablet")
    link = worker.get_by_label("The link").input_value()
    worker.set_viewport_size(PHONE)
    screenshot(worker, "answer-link-created-phone")
    worker.set_viewport_size(TABLET)

    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(link)
    assert accessibility_violations(phone) == []
    screenshot(phone, "answer-link-open-phone")
    phone.get_by_role("button", name="Start").click()
    assert phone.get_by_role("link", name="Let's start").is_visible()
    phone.get_by_text("Who will see my answers?").click()
    assert phone.get_by_text("Sam Taylor and the people in their team will read your answers.").is_visible()
    screenshot(phone, "teenager-who-will-see-phone")
    phone.get_by_role("link", name="Let's start").click()
    assert phone.get_by_role("heading", name="How do you usually wake up?").is_visible()

    other_phone = browser.new_context(viewport=PHONE).new_page()
    other_phone.goto(link)
    assert other_phone.get_by_role("heading", name="This link does not work").is_visible()
    assert accessibility_violations(other_phone) == []
    screenshot(other_phone, "answer-link-not-working-phone")

    worker.goto(f"/sessions/{teen_session}")
    assert accessibility_violations(worker) == []
    assert "Not yet" not in worker.locator("#own-phone").inner_text()  # it was used
    worker.locator("#own-phone").screenshot(path=str(SCREENSHOTS / "answer-link-session-tablet.png"))
    for context in (worker.context, phone.context, other_phone.context):
        context.close()
