"""Sending what is waiting in the outbox: each message composed in its reader's language at the moment it goes
(never saying who the child is or what they said), failures tried again later and shown to administrators."""

from __future__ import annotations

import threading
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from dayinmylife import clock, store
from dayinmylife.notify.mail import Message, NotSent, sender
from dayinmylife.store.db import get_db

ATTEMPTS = 8  # then given up, and shown as such to administrators
FIRST_RETRY = timedelta(minutes=1)  # doubling each time: 1, 2, 4 … 64 minutes


def deliver_waiting() -> dict[str, int]:
    """Send every message due an attempt; how many were sent, failed, or no longer needed."""
    send = sender(current_app.config)
    done = {"sent": 0, "failed": 0, "not needed": 0}
    if send is None:
        current_app.logger.info("Mail is off (no DAYINMYLIFE_SMTP_HOST): alerts are shown on screen only.")
        return done
    db = get_db()
    for row in store.outbox.waiting(db, clock.now_iso()):
        message = compose(row)
        if message is None:
            store.outbox.mark_not_needed(db, row["id"], "acknowledged before it was sent", clock.now_iso())
            done["not needed"] += 1
            continue
        try:
            send(message)
        except NotSent as failure:
            retry = clock.now() + FIRST_RETRY * 2 ** row["attempts"]
            again = retry.isoformat(timespec="seconds") if row["attempts"] + 1 < ATTEMPTS else None
            store.outbox.mark_failed(db, row["id"], str(failure), again, clock.now_iso())
            current_app.logger.warning("An e-mail could not be sent (outbox %s): %s", row["id"], failure)
            done["failed"] += 1
        else:
            store.outbox.mark_sent(db, row["id"], clock.now_iso())
            done["sent"] += 1
    return done


def deliver_soon() -> None:
    """Send what is waiting without keeping anyone waiting: on a thread of its own, after the answer is saved."""
    app = current_app._get_current_object()

    def deliver():
        with app.app_context():
            deliver_waiting()

    threading.Thread(target=deliver, name="outbox", daemon=True).start()


def compose(row: dict) -> Message | None:
    """The message for one outbox row in its reader's language; None if it is no longer needed."""
    alert = (
        store.alerts.alert_by_id(get_db(), row["about"]) if row["kind"] in ("alert", "escalation") else None
    )
    if alert is None or alert["acknowledged_at"]:
        return None
    link = f"{current_app.config['BASE_URL'].rstrip('/')}/children/{alert['child_id']}#alerts"
    with force_locale(row["language"] or "en"):
        if row["kind"] == "escalation":
            subject = _("An alert is still waiting for someone")
            opening = _(
                "An alert about a child of your team has not been acknowledged within %(hours)s working hours.",
                hours=f"{current_app.config['ALERT_ESCALATION_HOURS']:g}",
            )
        else:
            subject = _("An alert about a child you work with")
            opening = _(
                "A child you work with, or a child of a team you manage, told us something that needs someone now."
            )
        body = "\n\n".join(
            [
                _("Hello %(name)s,", name=row["name"]),
                opening,
                _("Open it to see what they said, and say there what was done:"),
                link,
                _(
                    "This e-mail does not say who the child is or what they said, because e-mail leaves the council's systems."
                ),
                _("Day in my life"),
            ]
        )
    return Message(row["email"], subject, body + "\n")
