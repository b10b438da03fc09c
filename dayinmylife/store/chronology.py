"""What a child's chronology reads besides their sessions, outcomes, supervision notes and alerts: significant
events a practitioner adds, the messages back to the child, and changes to who works with them."""

from __future__ import annotations

from sqlite_utils import Database

from dayinmylife import clock
from dayinmylife.store.db import write_transaction
from dayinmylife.store.rows import all_rows


def add_significant_event(
    db: Database, child_id: int, user_id: int, happened_on: str, what: str, source: str | None, impact: str
) -> int:
    with write_transaction(db):
        return db.execute(
            """
            INSERT INTO significant_events (child_id, happened_on, what, source, impact, written_by, written_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            (child_id, happened_on, what, source, impact, user_id, clock.now_iso()),
        ).lastrowid


def significant_events_of_child(db: Database, child_id: int) -> list[dict]:
    return all_rows(
        db,
        """
        SELECT significant_events.*, users.name AS written_by_name FROM significant_events
        LEFT JOIN users ON users.id = significant_events.written_by
        WHERE child_id = ? ORDER BY happened_on, significant_events.id
        """,
        (child_id,),
    )


def messages_of_child(db: Database, child_id: int) -> list[dict]:
    """Every "you said, we did" written to the child, with when the child saw it."""
    return all_rows(
        db,
        """
        SELECT messages_to_child.*, users.name AS written_by_name FROM messages_to_child
        JOIN sessions ON sessions.id = messages_to_child.session_id
        LEFT JOIN users ON users.id = messages_to_child.written_by
        WHERE sessions.child_id = ? ORDER BY messages_to_child.written_at
        """,
        (child_id,),
    )


def care_team_changes(db: Database, child_id: int) -> list[dict]:
    """Who joined or left the child's team, and when, from the audit log: event, at, by whom, whom."""
    return all_rows(
        db,
        """
        SELECT audit_log.event, audit_log.at, audit_log.actor AS by_name, whom.name AS whom_name
        FROM audit_log
        LEFT JOIN users AS whom ON whom.id = COALESCE(json_extract(audit_log.detail, '$.account'),
                                                     json_extract(audit_log.detail, '$.to'))
        WHERE audit_log.child_id = ?
          AND audit_log.event IN ('team_member_added', 'team_member_removed', 'caseload_passed_on', 'child_moved')
        ORDER BY audit_log.at, audit_log.id
        """,
        (child_id,),
    )
