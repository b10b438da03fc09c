"""Alerts by e-mail, through a real SMTP server on loopback: at once to everyone told, never naming the child
or what they said; tried again when the server is down, never holding up the answer; sent again to the managers
when nobody acts within the working hours allowed."""

import threading
import time
from datetime import datetime

import pytest

from dayinmylife import store
from dayinmylife.notify.due import send_due
from dayinmylife.notify.outbox import deliver_waiting
from tests.conftest import PASSWORD_HASH, Practitioners, csrf_token

MONDAY_10 = datetime.fromisoformat("2026-12-07T10:00:00+00:00").timestamp()


@pytest.fixture
def people(db):
    ids = {
        name: store.users.create_user(db, f"{name.lower()}@example.org", name, PASSWORD_HASH, role)
        for name, role in (("Sam", "practitioner"), ("Morgan", "manager"), ("Jo", "practitioner"))
    }
    north = store.teams.create_team(db, "North")
    store.teams.add_member(db, north, ids["Sam"], manages=False)
    store.teams.add_member(db, north, ids["Morgan"], manages=True)
    ids["Leo"] = store.children.create_child(db, ids["Sam"], "Leo", "2018-05-01", "C-1")
    store.users.set_weekly_reminder(
        db, ids["Sam"], False
    )  # these tests are about alerts (see test_reminders)
    return ids


def wait_until(done, seconds: float = 10) -> bool:
    """Whether it came true within the time: e-mail goes out on a thread of its own."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        time.sleep(0.05)
    return done()


def not_safe_at_home(app, db, child_id) -> int:
    """Leo answers "no" to "Do you feel safe at home?" on Sam's tablet; the session's id."""
    sam = Practitioners(app.test_client(), db)
    sam.sign_in("sam@example.org")
    started = sam.post(f"/children/{child_id}/sessions/new", {"questionnaire": "primary"})
    session = int(started.location.strip("/").split("/")[-1])
    url = f"/day/{session}/any-day/safe_at_home"
    saved = sam.client.post(
        url, data={"answer": "no", "action": "continue", "csrf_token": csrf_token(sam.client.get(url).text)}
    )
    assert saved.status_code == 302  # saved and on to the next question, mail or no mail
    return session


def test_the_childs_worker_and_manager_get_an_email_within_seconds_that_names_nobody(
    mail_app, db, people, smtp_server
):
    _controller, inbox = smtp_server
    not_safe_at_home(mail_app, db, people["Leo"])
    received = inbox.wait_for(2)
    assert sorted(to for recipients, _text in received for to in recipients) == [
        "morgan@example.org",
        "sam@example.org",
    ]
    for _to, text in received:
        assert "Subject: An alert about a child you work with" in text
        assert f"https://day.example.gov.uk/children/{people['Leo']}#alerts" in text
        assert (
            "Leo" not in text and "safe" not in text.lower()
        )  # no name, no answer: e-mail leaves the council
    assert wait_until(lambda: all(row["sent_at"] for row in store.outbox.recent(db)))


def test_a_mail_server_that_is_down_holds_up_nothing_and_is_tried_again(app, db, people, smtp_server, clock):
    controller, inbox = smtp_server
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=1, SMTP_STARTTLS=False)  # nothing listens on port 1
    clock.at = MONDAY_10
    not_safe_at_home(app, db, people["Leo"])
    assert len(store.alerts.alerts_of_child(db, people["Leo"])) == 1
    assert wait_until(lambda: all(row["attempts"] for row in store.outbox.recent(db)))
    assert all(row["attempts"] == 1 and row["sent_at"] is None for row in store.outbox.recent(db))
    admin = store.users.create_user(db, "admin@example.org", "Alex", PASSWORD_HASH, "administrator")
    assert admin
    alex = Practitioners(app.test_client(), db)
    alex.sign_in("admin@example.org")
    page = alex.client.get("/admin/mail").text
    assert "1 try failed; trying again" in page and "ConnectionRefusedError" in page
    app.config["SMTP_PORT"] = controller.port  # the server is back
    clock.at = MONDAY_10 + 30  # too soon: the next attempt is a minute after the first
    with app.app_context():
        assert send_due()["sent"] == 0
    clock.at = MONDAY_10 + 61
    with app.app_context():
        assert send_due()["sent"] == 2
    assert len(inbox.wait_for(2)) == 2


def test_an_alert_nobody_acknowledges_in_four_working_hours_goes_to_the_managers_again(
    mail_app, db, people, smtp_server, clock
):
    _controller, inbox = smtp_server
    clock.at = MONDAY_10
    not_safe_at_home(mail_app, db, people["Leo"])
    inbox.wait_for(2)
    clock.at = MONDAY_10 + 3.5 * 3600
    with mail_app.app_context():
        assert send_due()["alerts sent again"] == 0
    clock.at = MONDAY_10 + 4 * 3600
    with mail_app.app_context():
        assert send_due()["alerts sent again"] == 1
        assert send_due()["alerts sent again"] == 0  # once only
    again = [(to, text) for to, text in inbox.wait_for(3) if "still waiting" in text]
    assert [to for to, _text in again] == [["morgan@example.org"]]
    assert "has not been acknowledged within 4 working hours" in again[0][1]


def test_an_alert_acknowledged_before_its_email_goes_is_not_sent(app, db, people, smtp_server):
    controller, inbox = smtp_server
    session = not_safe_at_home(app, db, people["Leo"])  # mail off: nothing goes out yet
    assert session and store.outbox.recent(db)
    [alert] = store.alerts.alerts_of_child(db, people["Leo"])
    store.alerts.acknowledge(db, people["Leo"], alert["id"], people["Sam"], "talked_with_child", None)
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port, SMTP_STARTTLS=False)
    with app.app_context():
        assert send_due() == {"alerts sent again": 0, "reminders": 0, "sent": 0, "failed": 0, "not needed": 2}
    assert inbox.received == []


def test_with_mail_off_alerts_wait_on_screen_and_the_administrator_is_told(app, db, people):
    not_safe_at_home(app, db, people["Leo"])
    store.users.create_user(db, "admin@example.org", "Alex", PASSWORD_HASH, "administrator")
    alex = Practitioners(app.test_client(), db)
    alex.sign_in("admin@example.org")
    page = alex.client.get("/admin/mail").text
    assert "Mail is off" in page and "Waiting to go" in page


def test_flask_notify_send_due_runs_from_the_command_line(mail_app, db, people, smtp_server):
    _controller, inbox = smtp_server
    result = mail_app.test_cli_runner().invoke(args=["notify", "send-due"])
    assert (
        result.exit_code == 0
        and "0 alerts sent again, 0 reminders, 0 sent, 0 failed, 0 not needed" in result.output
    )


def test_two_senders_at_once_send_each_message_once(mail_app, db, people, smtp_server):
    _controller, inbox = smtp_server
    mail_app.config["SMTP_HOST"] = None  # mail off while the alert is saved: nothing goes yet
    not_safe_at_home(mail_app, db, people["Leo"])
    mail_app.config["SMTP_HOST"] = "127.0.0.1"
    [first, _second] = store.outbox.recent(db)
    assert store.outbox.claim(db, first["id"], "2999-01-01T00:00:00+00:00", "2999-01-01T00:10:00+00:00")
    assert not store.outbox.claim(db, first["id"], "2999-01-01T00:00:00+00:00", "2999-01-01T00:10:00+00:00")
    senders = [threading.Thread(target=lambda: deliver(mail_app)) for _ in range(3)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert len(inbox.received) == 1  # the claimed one waits for its lease; the other went once, not thrice


def deliver(app):
    with app.app_context():
        deliver_waiting()


def test_an_alert_for_a_child_nobody_can_sign_in_for_goes_to_the_administrators(
    mail_app, db, people, smtp_server
):
    _controller, inbox = smtp_server
    store.users.create_user(db, "admin@example.org", "Alex", PASSWORD_HASH, "administrator")
    kai = store.children.create_child(db, people["Jo"], "Kai", "2017-01-01", None)  # Jo is in no team
    session = store.sessions.start_session(
        db, kai, mail_app.extensions["questionnaires"]["primary"], people["Jo"]
    )
    db.execute("UPDATE users SET active = 0 WHERE id = ?", (people["Jo"],))  # Jo has left
    db.conn.commit()
    store.sessions.save_answer(db, session, "safe_at_home", "once", "no", alerting=("no",))
    with mail_app.app_context():
        assert send_due()["sent"] == 1
    [(to, text)] = inbox.wait_for(1)
    assert to == ["admin@example.org"] and "Subject: An alert for a child who needs a practitioner" in text
    assert "https://day.example.gov.uk/admin/accounts" in text and "Kai" not in text
    alex = Practitioners(mail_app.test_client(), db)
    alex.sign_in("admin@example.org")
    assert "1 with an alert waiting" in alex.client.get("/admin/accounts").text
