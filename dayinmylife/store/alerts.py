"""Alerts: answers that tell a child's worker at once (recorded with the answer: store/sessions.save_answer),
who is to see them, and their acknowledgement."""

from __future__ import annotations

from sqlite_utils import Database

from dayinmylife import clock
from dayinmylife.store.db import write_transaction
from dayinmylife.store.rows import all_rows, first_row

_ALERT_ROWS = """
    SELECT alerts.*, sessions.child_id, sessions.questionnaire_id, sessions.account, sessions.started_at,
           children.display_name AS child_name, children.case_reference, users.name AS acknowledged_by_name
    FROM alerts
    JOIN sessions ON sessions.id = alerts.session_id
    JOIN children ON children.id = sessions.child_id
    LEFT JOIN users ON users.id = alerts.acknowledged_by
"""

# The children a user is told about: those on their caseload, and those of the practitioners of teams they manage.
_TOLD = """
    sessions.child_id IN (
        SELECT child_id FROM child_practitioners WHERE user_id = :user
        UNION
        SELECT worker.child_id FROM child_practitioners AS worker
        JOIN team_members AS member ON member.user_id = worker.user_id AND NOT member.manages
        JOIN team_members AS manager ON manager.team_id = member.team_id AND manager.manages
        WHERE manager.user_id = :user
    )
"""


def open_alerts_for(db: Database, user_id: int) -> list[dict]:
    """The alerts nobody has acknowledged yet about the children this person works with or oversees, the
    oldest first."""
    return all_rows(
        db,
        f"{_ALERT_ROWS} WHERE alerts.acknowledged_at IS NULL AND {_TOLD} ORDER BY alerts.raised_at, alerts.id",
        {"user": user_id},
    )


def alert_by_id(db: Database, alert_id: int) -> dict | None:
    return first_row(db, f"{_ALERT_ROWS} WHERE alerts.id = ?", (alert_id,))


def raised_in(db: Database, session_id: int) -> bool:
    """Whether an answer of this session raised an alert."""
    return (
        db.execute("SELECT 1 FROM alerts WHERE session_id = ? LIMIT 1", (session_id,)).fetchone() is not None
    )


def alerts_of_child(db: Database, child_id: int) -> list[dict]:
    """Every alert about a child, open ones first, then the latest first."""
    return all_rows(
        db,
        f"""{_ALERT_ROWS} WHERE sessions.child_id = ?
            ORDER BY alerts.acknowledged_at IS NOT NULL, alerts.raised_at DESC, alerts.id DESC""",
        (child_id,),
    )


def acknowledge(
    db: Database,
    child_id: int,
    alert_id: int,
    user_id: int,
    action: str,
    note: str | None,
    at: str | None = None,
) -> bool:
    """Record who acknowledged an open alert about this child, and what was done; False if there is none."""
    with write_transaction(db):
        cursor = db.execute(
            """
            UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ?, action = ?, action_note = ?
            WHERE id = ? AND acknowledged_at IS NULL
              AND session_id IN (SELECT id FROM sessions WHERE child_id = ?)
            """,
            (at or clock.now_iso(), user_id, action, note, alert_id, child_id),
        )
    return cursor.rowcount == 1
