"""A teenager on their own phone says they never feel safe at home at night: within seconds their worker's
caseload shows the alert and the worker has an e-mail (a real SMTP server on loopback); the worker says what
was done. Accessible at phone and tablet size."""

import pytest

from dayinmylife import store
from dayinmylife.store.db import connect
from tests.browser.conftest import PHONE, TABLET, accessibility_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.a11y]


def test_a_teenager_on_their_own_link_says_they_are_not_safe_and_their_worker_knows_at_once(
    browser, live_app, smtp_server
):
    controller, inbox = smtp_server
    live_app.app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port, SMTP_STARTTLS=False)
    db = connect(live_app.app.config["DATABASE"])
    practitioner = live_app.app.config["TEST_PRACTITIONER_ID"]
    jess = store.children.create_child(db, practitioner, "Jess", "2012-02-01", None)
    session = store.sessions.start_session(
        db, jess, live_app.app.extensions["questionnaires"]["teenager"], practitioner
    )
    db.conn.close()

    worker = browser.new_context(viewport=TABLET, base_url=live_app.url).new_page()
    sign_in(worker)
    worker.goto(f"/sessions/{session}")
    worker.get_by_role("button", name="Send Jess a link to answer on their own phone").click()
    link = worker.get_by_label("The link").input_value()

    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(link)
    phone.get_by_role("button", name="Start").click()
    phone.get_by_text("Who will see my answers?").click()
    assert phone.get_by_text("tell Sam Taylor straight away", exact=False).is_visible()
    phone.goto(f"{live_app.url}/day/{session}/school-day/safe_at_home_night")
    phone.get_by_text("Never", exact=True).click()
    phone.get_by_role("button", name="Continue").click()

    assert len(inbox.wait_for(1)) == 1
    [(to, text)] = inbox.received
    assert to == ["sam@example.org"] and "Jess" not in text and f"/children/{jess}#alerts" in text

    worker.goto("/")
    panel = worker.locator(".alert-panel")
    assert "Jess" in panel.inner_text() and "Never" in panel.inner_text()
    assert accessibility_violations(worker) == []
    screenshot(worker, "caseload-alert-tablet")
    panel.get_by_role("link", name="Jess").click()
    alerts = worker.locator("#alerts")
    alerts.get_by_label("Talked with the child").check()
    alerts.get_by_label("A note (optional; say why if no action was needed)").fill(
        "Called Jess after school."
    )
    assert accessibility_violations(worker) == []
    alerts.get_by_role("button", name="Acknowledge the alert").click()
    assert worker.get_by_text("Alert acknowledged: Talked with the child.").is_visible()
    assert "Acknowledged by Sam Taylor" in worker.locator("#alerts").inner_text()
    worker.set_viewport_size(PHONE)
    screenshot(worker, "child-alert-acknowledged-phone")
    worker.goto("/")
    assert worker.locator(".alert-panel").count() == 0
