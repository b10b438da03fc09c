"""The practitioner's casework: notes, messages to the child, outcomes and the next session."""

from __future__ import annotations

import json

from sqlite_utils import Database

from dayinmylife import clock
from dayinmylife.store.db import write_transaction
from dayinmylife.store.rows import all_rows, first_row


def add_note(
    db: Database,
    session_id: int,
    author_id: int,
    text: str,
    question_id: str | None = None,
    day: str | None = None,
) -> None:
    with write_transaction(db):
        db.execute(
            "INSERT INTO notes (session_id, question_id, day, text, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (session_id, question_id, day, text.strip(), author_id, clock.now_iso()),
        )


def notes_of_session(db: Database, session_id: int) -> list[dict]:
    return all_rows(
        db,
        """
        SELECT notes.*, users.name AS author_name FROM notes LEFT JOIN users ON users.id = notes.author_id
        WHERE session_id = ? ORDER BY created_at, notes.id
        """,
        (session_id,),
    )


def set_message_to_child(
    db: Database, session_id: int, author_id: int, text: str, at: str | None = None
) -> None:
    """Write (or rewrite) the "you said, we did" note that follows a session; rewritten, it is new to the child.
    `at`: when, if not now (the demo's stories)."""
    with write_transaction(db):
        db.execute(
            """
            INSERT INTO messages_to_child (session_id, text, written_by, written_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (session_id) DO UPDATE SET
                text = excluded.text, written_by = excluded.written_by, written_at = excluded.written_at,
                seen_in_session = NULL, seen_at = NULL
            """,
            (session_id, text.strip(), author_id, at or clock.now_iso()),
        )


def message_to_child(db: Database, session_id: int) -> dict | None:
    return first_row(db, "SELECT * FROM messages_to_child WHERE session_id = ?", (session_id,))


def messages_for_child(db: Database, session: dict) -> list[dict]:
    """The "you said, we did" messages this session shows the child: those written after earlier sessions
    since the child last saw one (and, on a reload, the ones this session already showed)."""
    return all_rows(
        db,
        """
        SELECT messages_to_child.*, users.name AS written_by_name FROM messages_to_child
        JOIN sessions ON sessions.id = messages_to_child.session_id
        LEFT JOIN users ON users.id = messages_to_child.written_by
        WHERE sessions.child_id = :child AND (sessions.started_at, sessions.id) < (:started, :session)
          AND (messages_to_child.seen_in_session = :session
               OR (messages_to_child.seen_in_session IS NULL
                   AND messages_to_child.written_at >= COALESCE((
                       SELECT MAX(seen.seen_at) FROM messages_to_child AS seen
                       JOIN sessions AS earlier ON earlier.id = seen.session_id
                       WHERE earlier.child_id = :child AND seen.seen_in_session IS NOT :session), '')))
        ORDER BY messages_to_child.written_at
        """,
        {"child": session["child_id"], "started": session["started_at"], "session": session["id"]},
    )


def mark_messages_seen(db: Database, message_session_ids: list[int], seen_in_session: int, at=None) -> None:
    with write_transaction(db):
        db.conn.executemany(
            "UPDATE messages_to_child SET seen_in_session = ?, seen_at = ? WHERE session_id = ? AND seen_at IS NULL",
            [
                (seen_in_session, at or clock.now_iso(), message_session)
                for message_session in message_session_ids
            ],
        )


def add_outcome(
    db: Database,
    child_id: int,
    user_id: int,
    statement: str,
    question_id: str,
    day: str,
    met_when: list,
    review_on,
    at: str | None = None,
) -> int:
    with write_transaction(db):
        cursor = db.execute(
            """
            INSERT INTO outcomes (child_id, statement, question_id, day, met_when, review_on, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                child_id,
                statement.strip(),
                question_id,
                day,
                json.dumps(met_when),
                review_on,
                user_id,
                at or clock.now_iso(),
            ),
        )
    return cursor.lastrowid


def set_next_session(db: Database, child_id: int, on: str | None) -> None:
    with write_transaction(db):
        db.execute("UPDATE children SET next_session_on = ? WHERE id = ?", (on, child_id))


# Supervision: a manager's notes of discussions about a child, and the decisions due


def add_supervision_note(
    db: Database,
    child_id: int,
    author_id: int,
    discussed_on: str,
    discussion: str,
    decisions: str,
    due_on: str | None,
) -> int:
    with write_transaction(db):
        cursor = db.execute(
            """
            INSERT INTO supervision_notes
                (child_id, written_by, discussed_on, discussion, decisions, decisions_due_on, written_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            (
                child_id,
                author_id,
                discussed_on,
                discussion.strip(),
                decisions.strip() or None,
                due_on,
                clock.now_iso(),
            ),
        )
    return cursor.lastrowid


def supervision_notes_of_child(db: Database, child_id: int) -> list[dict]:
    """The child's supervision notes, the latest discussion first, with who wrote each."""
    return all_rows(
        db,
        """
        SELECT supervision_notes.*, users.name AS author_name FROM supervision_notes
        LEFT JOIN users ON users.id = supervision_notes.written_by
        WHERE child_id = ? ORDER BY discussed_on DESC, supervision_notes.id DESC
        """,
        (child_id,),
    )


def mark_supervision_decisions_done(db: Database, child_id: int, note_id: int) -> bool:
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE supervision_notes SET done_at = ? WHERE id = ? AND child_id = ? AND done_at IS NULL",
            (clock.now_iso(), note_id, child_id),
        )
    return cursor.rowcount == 1


def supervision_decisions_due(db: Database, child_ids: list[int], by: str) -> list[dict]:
    """Decisions not yet done that are due by that day (or overdue), for these children, the soonest first."""
    marks = ", ".join("?" for _ in child_ids) or "NULL"
    return all_rows(
        db,
        f"""
        SELECT supervision_notes.*, children.display_name AS child_name FROM supervision_notes
        JOIN children ON children.id = supervision_notes.child_id
        WHERE child_id IN ({marks}) AND decisions IS NOT NULL AND done_at IS NULL
          AND decisions_due_on IS NOT NULL AND decisions_due_on <= ?
        ORDER BY decisions_due_on, supervision_notes.id
        """,
        (*child_ids, by),
    )
