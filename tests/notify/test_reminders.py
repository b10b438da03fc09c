"""Reminders by e-mail through the real SMTP server on loopback: a practitioner's weekly counts (never a name),
once a week from the day and hour set, unless they turn it off; a lead's, the day before a consultation closes."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dayinmylife import store
from dayinmylife.consultations.codes import make_join_code
from dayinmylife.notify.due import send_due
from dayinmylife.notify.working_hours import latest_weekly
from tests.conftest import PASSWORD_HASH, Practitioners

LONDON = ZoneInfo("Europe/London")
MONDAY_9 = datetime.fromisoformat("2026-12-07T09:00:00+00:00")


def test_the_weekly_moment_is_the_latest_one_not_after_now():
    assert latest_weekly(MONDAY_9, 0, 8, LONDON) == datetime(2026, 12, 7, 8, tzinfo=LONDON)
    assert latest_weekly(MONDAY_9, 0, 10, LONDON) == datetime(
        2026, 11, 30, 10, tzinfo=LONDON
    )  # not yet today
    assert latest_weekly(MONDAY_9, 4, 8, LONDON) == datetime(2026, 12, 4, 8, tzinfo=LONDON)  # last Friday


@pytest.fixture
def caseloads(db):
    sam = store.users.create_user(db, "sam@example.org", "Sam", PASSWORD_HASH)
    jo = store.users.create_user(db, "jo@example.org", "Jo", PASSWORD_HASH)
    leo = store.children.create_child(db, sam, "Leo", "2018-05-01", None)
    store.casework.set_next_session(db, leo, "2026-11-01")  # overdue
    store.children.create_child(db, sam, "Mia", "2019-05-01", None)  # never had a session
    kai = store.children.create_child(db, jo, "Kai", "2017-05-01", None)
    store.casework.set_next_session(db, kai, "2027-06-01")  # nothing due for Jo
    return {"Sam": sam, "Jo": jo}


def test_each_practitioner_gets_their_counts_once_a_week_and_never_a_name(
    mail_app, db, caseloads, smtp_server, clock
):
    _controller, inbox = smtp_server
    clock.at = MONDAY_9.timestamp()
    with mail_app.app_context():
        done = send_due()
    assert (
        done["reminders"] == 2 and done["sent"] == 1 and done["not needed"] == 1
    )  # Jo has nothing to be told
    [(to, text)] = inbox.wait_for(1)
    assert to == ["sam@example.org"] and "Subject: Your week in Day in my life" in text
    assert "1 child is overdue a session." in text and "1 child has not had a session yet." in text
    assert "Leo" not in text and "Mia" not in text and "https://day.example.gov.uk/" in text
    clock.at = (MONDAY_9 + timedelta(days=3)).timestamp()
    with mail_app.app_context():
        assert send_due()["reminders"] == 0  # once a week
    clock.at = (MONDAY_9 + timedelta(days=7)).timestamp()
    store.users.set_weekly_reminder(db, caseloads["Sam"], False)
    with mail_app.app_context():
        assert send_due()["reminders"] == 1  # Jo's only: Sam turned it off
    assert len(inbox.received) == 1


def test_a_practitioner_turns_the_weekly_email_off_in_their_settings(client, db, caseloads):
    sam = Practitioners(client, db)
    sam.sign_in("sam@example.org")
    assert "Turn the weekly e-mail off" in client.get("/settings").text
    sam.post("/settings/weekly-reminder", {"wanted": "no"}, token_from="/settings")
    page = client.get("/settings").text
    assert "The weekly e-mail is off." in page and "Turn the weekly e-mail on" in page
    assert not store.users.user_by_id(db, caseloads["Sam"])["weekly_reminder"]


def test_a_lead_is_reminded_the_day_before_their_consultation_closes(mail_app, db, smtp_server, clock):
    _controller, inbox = smtp_server
    lead = store.users.create_user(db, "lead@example.org", "Priya", PASSWORD_HASH, "consultation_lead")
    details = {
        "title": "Year 5 and 6",
        "questionnaire_id": "primary",
        "opens_on": "2026-12-01",
        "closes_on": "2026-12-08",
        "min_group_size": 5,
        "max_responses": 100,
    }
    consultation = store.consultations.create_consultation(db, lead, details, [], make_join_code)
    for day, reminders in (("2026-12-06", 0), ("2026-12-07", 1), ("2026-12-07", 0)):
        clock.at = datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp()
        with mail_app.app_context():
            assert send_due()["reminders"] == reminders
    [(to, text)] = inbox.wait_for(1)
    assert to == ["lead@example.org"] and "“Year 5 and 6” closes tomorrow" in text
    assert f"https://day.example.gov.uk/consultations/{consultation}" in text
    assert date(2026, 12, 8)
