"""What `flask notify send-due` does, run every few minutes by cron or a systemd timer: send again to the
managers each alert nobody has acknowledged within the working hours allowed; once a week, each practitioner's
reminder; the day before a consultation closes, its lead's; then send what is waiting."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app

from dayinmylife import clock, store
from dayinmylife.notify.mail import sender
from dayinmylife.notify.outbox import deliver_waiting
from dayinmylife.notify.working_hours import latest_weekly, working_hours_between
from dayinmylife.store.db import get_db

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def send_again_overdue_alerts() -> int:
    """Queue each alert waiting longer than the working hours allowed to the managers; how many."""
    db, now = get_db(), clock.now()
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    allowed = current_app.config["ALERT_ESCALATION_HOURS"]
    sent_again = 0
    for alert in store.outbox.open_alerts_not_sent_again(db):
        waited = working_hours_between(datetime.fromisoformat(alert["raised_at"]), now, zone)
        if waited >= allowed and store.outbox.send_again_to_managers(
            db, alert["id"], alert["child_id"], now.isoformat(timespec="seconds")
        ):
            sent_again += 1
    return sent_again


def queue_reminders() -> int:
    """This week's reminders, once each, from the day and hour set; and tomorrow's closing consultations'. None
    while mail is off: a reminder is worth nothing late."""
    if sender(current_app.config) is None:
        return 0
    db, now = get_db(), clock.now()
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    weekday = WEEKDAYS.index(current_app.config["REMINDER_DAY"])
    due = latest_weekly(now, weekday, current_app.config["REMINDER_HOUR"], zone)
    at = now.isoformat(timespec="seconds")
    queued = store.outbox.queue_weekly_reminders(db, due.isoformat(timespec="seconds"), at)
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    return queued + store.outbox.queue_closing_reminders(db, tomorrow.isoformat(), at)


def send_due() -> dict[str, int]:
    sent_again, reminders = send_again_overdue_alerts(), queue_reminders()
    return {"alerts sent again": sent_again, "reminders": reminders, **deliver_waiting()}
