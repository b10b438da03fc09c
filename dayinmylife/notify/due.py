"""What `flask notify send-due` does, run every few minutes by cron or a systemd timer: send again to the
managers each alert nobody has acknowledged within the working hours allowed, then send what is waiting."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app

from dayinmylife import clock, store
from dayinmylife.notify.outbox import deliver_waiting
from dayinmylife.notify.working_hours import working_hours_between
from dayinmylife.store.db import get_db


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


def send_due() -> dict[str, int]:
    return {"alerts sent again": send_again_overdue_alerts(), **deliver_waiting()}
