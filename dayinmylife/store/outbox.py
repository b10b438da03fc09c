"""E-mail waiting to go out (notify/): who it is for, what it is about, and how sending it went."""

from __future__ import annotations

from sqlite_utils import Database

from dayinmylife.store.alert_mail import ALERT_RECIPIENTS, MANAGERS
from dayinmylife.store.db import write_transaction
from dayinmylife.store.rows import all_rows


def waiting(db: Database, now: str, limit: int = 100) -> list[dict]:
    """Messages due a first or another attempt, oldest first, with the address and language of whom for."""
    return all_rows(
        db,
        """
        SELECT outbox.*, users.email, users.language, users.name FROM outbox JOIN users ON users.id = outbox.user_id
        WHERE outbox.sent_at IS NULL AND outbox.given_up_at IS NULL AND outbox.next_attempt_at <= ?
        ORDER BY outbox.next_attempt_at, outbox.id LIMIT ?
        """,
        (now, limit),
    )


def claim(db: Database, message_id: int, now: str, until: str) -> bool:
    """Take a waiting message to send it now, so that no other sender sends it too: until then it is not due
    again (if sending dies half-way, it is tried again from then). False if another sender took it."""
    with write_transaction(db):
        return (
            db.execute(
                """
                UPDATE outbox SET next_attempt_at = ?
                WHERE id = ? AND sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ?
                """,
                (until, message_id, now),
            ).rowcount
            == 1
        )


def mark_sent(db: Database, message_id: int, at: str) -> None:
    with write_transaction(db):
        db.execute(
            "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
            (at, message_id),
        )


def mark_failed(db: Database, message_id: int, error: str, next_attempt_at: str | None, at: str) -> None:
    """A failed attempt: tried again from then, or (None) given up."""
    with write_transaction(db):
        db.execute(
            """
            UPDATE outbox SET attempts = attempts + 1, last_error = ?,
                   next_attempt_at = COALESCE(?, next_attempt_at), given_up_at = IIF(? IS NULL, ?, NULL)
            WHERE id = ?
            """,
            (error[:500], next_attempt_at, next_attempt_at, at, message_id),
        )


def mark_not_needed(db: Database, message_id: int, reason: str, at: str) -> None:
    """Not sent, and never will be: what it was about no longer needs anyone (an alert acknowledged already)."""
    with write_transaction(db):
        db.execute("UPDATE outbox SET given_up_at = ?, last_error = ? WHERE id = ?", (at, reason, message_id))


def not_needed_for_acknowledged(db: Database, at: str) -> None:
    """Mark every e-mail still waiting about an alert acknowledged since as never to be sent."""
    with write_transaction(db):
        db.execute(
            """
            UPDATE outbox SET given_up_at = ?, last_error = 'acknowledged before it was sent'
            WHERE sent_at IS NULL AND given_up_at IS NULL AND kind IN ('alert', 'escalation', 'stranded_alert')
              AND about IN (SELECT id FROM alerts WHERE acknowledged_at IS NOT NULL)
            """,
            (at,),
        )


def queue_weekly_reminders(db: Database, since: str, at: str) -> int:
    """A reminder e-mail to each active practitioner with children who wants one and has had none since then;
    how many."""
    with write_transaction(db):
        return db.execute(
            """
            INSERT INTO outbox (user_id, kind, about, created_at, next_attempt_at)
            SELECT users.id, 'reminder', NULL, :at, :at FROM users
            WHERE users.active AND users.role = 'practitioner' AND users.weekly_reminder
              AND EXISTS (SELECT 1 FROM child_practitioners WHERE user_id = users.id)
              AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.user_id = users.id AND outbox.kind = 'reminder'
                              AND outbox.created_at >= :since)
            """,
            {"since": since, "at": at},
        ).rowcount


def queue_closing_reminders(db: Database, closes_on: str, at: str) -> int:
    """A reminder to the lead of each consultation that closes on that day, once; how many."""
    with write_transaction(db):
        return db.execute(
            """
            INSERT INTO outbox (user_id, kind, about, created_at, next_attempt_at)
            SELECT consultations.created_by, 'closing', consultations.id, :at, :at FROM consultations
            JOIN users ON users.id = consultations.created_by AND users.active
            WHERE consultations.closes_on = :closes_on
              AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.kind = 'closing' AND outbox.about = consultations.id)
            """,
            {"closes_on": closes_on, "at": at},
        ).rowcount


def recent(db: Database, limit: int = 200) -> list[dict]:
    """The latest messages, for an administrator: to whom, about what, and how sending went."""
    return all_rows(
        db,
        """
        SELECT outbox.*, users.email, users.name FROM outbox JOIN users ON users.id = outbox.user_id
        ORDER BY outbox.created_at DESC, outbox.id DESC LIMIT ?
        """,
        (limit,),
    )


def open_alerts_not_sent_again(db: Database) -> list[dict]:
    """The alerts nobody has acknowledged that have not been sent to the managers again: id, child, when."""
    return all_rows(
        db,
        """
        SELECT alerts.id, alerts.raised_at, sessions.child_id FROM alerts JOIN sessions ON sessions.id = alerts.session_id
        WHERE alerts.acknowledged_at IS NULL AND alerts.escalated_at IS NULL ORDER BY alerts.raised_at
        """,
    )


def send_again_to_managers(db: Database, alert_id: int, child_id: int, at: str) -> bool:
    """Mark an alert sent again and queue it to the managers of the child's team (to everyone told about it,
    if the team has no manager); False if it was already."""
    with write_transaction(db):
        marked = db.execute(
            "UPDATE alerts SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL AND acknowledged_at IS NULL",
            (at, alert_id),
        ).rowcount
        if marked:
            recipients = (
                MANAGERS if db.execute(MANAGERS, {"child": child_id}).fetchone() else ALERT_RECIPIENTS
            )
            db.execute(
                f"""
                INSERT INTO outbox (user_id, kind, about, created_at, next_attempt_at)
                SELECT id, 'escalation', :alert, :at, :at FROM ({recipients})
                """,
                {"alert": alert_id, "child": child_id, "at": at},
            )
    return bool(marked)
