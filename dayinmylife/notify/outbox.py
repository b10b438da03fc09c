"""Sending what is waiting in the outbox: each message composed in its reader's language at the moment it goes
(never saying who the child is or what they said), failures tried again later and shown to administrators."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from dayinmylife import clock, store
from dayinmylife.casework.schedule import next_session
from dayinmylife.notify.mail import Message, NotSent, sender
from dayinmylife.store.db import get_db

ATTEMPTS = 8  # then given up, and shown as such to administrators
FIRST_RETRY = timedelta(minutes=1)  # doubling each time: 1, 2, 4 … 64 minutes
LEASE = timedelta(minutes=10)  # a message being sent is not taken by another sender for this long


def deliver_waiting() -> dict[str, int]:
    """Send every message due an attempt; how many were sent, failed, or no longer needed."""
    send = sender(current_app.config)
    done = {"sent": 0, "failed": 0, "not needed": 0}
    if send is None:
        current_app.logger.info(
            "Mail is off (no SMTP host, no GOV.UK Notify key): alerts are on screen only."
        )
        return done
    db = get_db()
    for row in store.outbox.waiting(db, clock.now_iso()):
        lease = (clock.now() + LEASE).isoformat(timespec="seconds")
        if not store.outbox.claim(db, row["id"], clock.now_iso(), lease):
            continue  # another sender has it
        message = compose(row)
        if message is None:
            reason = "nothing to remind of" if row["kind"] == "reminder" else "no longer needed"
            if row["kind"] in ("alert", "escalation", "stranded_alert"):
                reason = "acknowledged before it was sent"
            store.outbox.mark_not_needed(db, row["id"], reason, clock.now_iso())
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
    with force_locale(row["language"] or "en"):
        if row["kind"] == "reminder":
            lines = _reminder(row)
        elif row["kind"] == "closing":
            lines = _closing(row)
        else:
            lines = _alert(row)
        if lines is None:
            return None
        subject, *paragraphs = lines
        body = "\n\n".join([_("Hello %(name)s,", name=row["name"]), *paragraphs, _("Day in my life")])
    return Message(row["email"], subject, body + "\n")


def _link(path: str) -> str:
    return f"{current_app.config['BASE_URL'].rstrip('/')}{path}"


def _alert(row: dict) -> list[str] | None:
    alert = store.alerts.alert_by_id(get_db(), row["about"])
    if alert is None or alert["acknowledged_at"]:
        return None
    if row["kind"] == "stranded_alert":
        return [
            _("An alert for a child who needs a practitioner"),
            _(
                "A child told us something that needs someone now, and nobody who works with them can sign in."
            ),
            _("Pass their caseload on to a practitioner now; the alert waits for them on the child's page:"),
            _link("/admin/accounts"),
            _(
                "This e-mail does not say who the child is or what they said, because e-mail leaves the council's systems."
            ),
        ]
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
    return [
        subject,
        opening,
        _("Open it to see what they said, and say there what was done:"),
        _link(f"/children/{alert['child_id']}#alerts"),
        _(
            "This e-mail does not say who the child is or what they said, because e-mail leaves the council's systems."
        ),
    ]


def _reminder(row: dict) -> list[str] | None:
    """How many of their children are overdue, due soon or never seen, and how many sessions are unfinished:
    counts only, worked out as it goes; None when there is nothing to say."""
    children = store.children.children_of(get_db(), row["user_id"])
    due = Counter(
        next_session(child["next_session_on"], child["last_session_at"]).status for child in children
    )
    unfinished = sum(child["unfinished_count"] for child in children)
    counts = [
        (
            due["overdue"],
            ngettext(
                "%(num)d child is overdue a session.",
                "%(num)d children are overdue a session.",
                due["overdue"],
            ),
        ),
        (
            due["due_soon"],
            ngettext(
                "%(num)d child is due a session soon.",
                "%(num)d children are due a session soon.",
                due["due_soon"],
            ),
        ),
        (
            due["first"],
            ngettext(
                "%(num)d child has not had a session yet.",
                "%(num)d children have not had a session yet.",
                due["first"],
            ),
        ),
        (
            unfinished,
            ngettext("%(num)d session is unfinished.", "%(num)d sessions are unfinished.", unfinished),
        ),
    ]
    said = [words for count, words in counts if count]
    if not said:
        return None
    return [
        _("Your week in Day in my life"),
        "\n".join(said),
        _("See them on your caseload:"),
        _link("/"),
        _("You can turn this weekly e-mail off in your settings."),
    ]


def _closing(row: dict) -> list[str] | None:
    consultation = store.consultations.consultation_by_id(get_db(), row["about"])
    if consultation is None:
        return None
    return [
        _("Your consultation closes tomorrow"),
        _(
            "“%(title)s” closes tomorrow: pupils can answer until the end of the day.",
            title=consultation["title"],
        ),
        _("See how many have answered, or change the closing date:"),
        _link(f"/consultations/{consultation['id']}"),
    ]
