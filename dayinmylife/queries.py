"""Every query the app runs, as small named functions with bound parameters."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from .db import write_transaction
from .questionnaire.model import Answer


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _one(db: Database, sql: str, params: tuple | dict = ()) -> dict | None:
    row = db.execute(sql, params).fetchone()
    return dict(row) if row is not None else None


def _all(db: Database, sql: str, params: tuple | dict = ()) -> list[dict]:
    return [dict(row) for row in db.execute(sql, params).fetchall()]


# Practitioners


def user_by_id(db: Database, user_id: int) -> dict | None:
    return _one(db, "SELECT * FROM users WHERE id = ? AND active", (user_id,))


def user_by_email(db: Database, email: str) -> dict | None:
    return _one(db, "SELECT * FROM users WHERE email = ? AND active", (email.strip(),))


def create_user(db: Database, email: str, name: str, password_hash: str, role: str = "practitioner") -> int:
    with write_transaction(db):
        cursor = db.execute(
            "INSERT INTO users (email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)",
            (email.strip(), name.strip(), password_hash, role, now()),
        )
    return cursor.lastrowid


# Children


def children_of(db: Database, user_id: int) -> list[dict]:
    """List a practitioner's children with when they last had a session."""
    return _all(
        db,
        """
        SELECT children.*, COUNT(sessions.id) AS session_count, MAX(sessions.started_at) AS last_session_at
        FROM children
        JOIN child_practitioners ON child_practitioners.child_id = children.id
        LEFT JOIN sessions ON sessions.child_id = children.id
        WHERE child_practitioners.user_id = ?
        GROUP BY children.id
        ORDER BY children.display_name COLLATE NOCASE
        """,
        (user_id,),
    )


def child_for(db: Database, user_id: int, child_id: int) -> dict | None:
    """Return a child only if this practitioner may see them."""
    return _one(
        db,
        """
        SELECT children.* FROM children
        JOIN child_practitioners ON child_practitioners.child_id = children.id
        WHERE children.id = ? AND child_practitioners.user_id = ?
        """,
        (child_id, user_id),
    )


def create_child(
    db: Database, user_id: int, display_name: str, date_of_birth: str, case_reference: str | None
) -> int:
    with write_transaction(db):
        child_id = db.execute(
            "INSERT INTO children (display_name, date_of_birth, case_reference, created_at) VALUES (?, ?, ?, ?)",
            (display_name.strip(), date_of_birth, (case_reference or "").strip() or None, now()),
        ).lastrowid
        db.execute("INSERT INTO child_practitioners (child_id, user_id) VALUES (?, ?)", (child_id, user_id))
    return child_id


# Sessions


def sessions_of_child(db: Database, child_id: int) -> list[dict]:
    return _all(
        db,
        """
        SELECT sessions.*, users.name AS started_by_name,
               (SELECT COUNT(*) FROM answers WHERE answers.session_id = sessions.id) AS answer_count
        FROM sessions LEFT JOIN users ON users.id = sessions.started_by
        WHERE child_id = ? ORDER BY started_at DESC, sessions.id DESC
        """,
        (child_id,),
    )


def session_for(db: Database, user_id: int, session_id: int) -> dict | None:
    """Return a session only if this practitioner may see its child."""
    return _one(
        db,
        """
        SELECT sessions.*, children.display_name AS child_name, users.name AS started_by_name
        FROM sessions
        JOIN children ON children.id = sessions.child_id
        JOIN child_practitioners ON child_practitioners.child_id = sessions.child_id
        LEFT JOIN users ON users.id = sessions.started_by
        WHERE sessions.id = ? AND child_practitioners.user_id = ?
        """,
        (session_id, user_id),
    )


def session_by_id(db: Database, session_id: int) -> dict | None:
    """Return a session with its child's name, for a check of who may see it made elsewhere."""
    return _one(
        db,
        """
        SELECT sessions.*, children.display_name AS child_name, users.name AS started_by_name
        FROM sessions
        LEFT JOIN children ON children.id = sessions.child_id
        LEFT JOIN users ON users.id = sessions.started_by
        WHERE sessions.id = ?
        """,
        (session_id,),
    )


def start_session(
    db: Database,
    child_id: int,
    questionnaire,
    user_id: int | None,
    language: str = "en",
    started_at: str | None = None,
) -> int:
    with write_transaction(db):
        cursor = db.execute(
            """
            INSERT INTO sessions (child_id, questionnaire_id, questionnaire_version, language, started_by, started_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            (child_id, questionnaire.id, questionnaire.version, language, user_id, started_at or now()),
        )
    return cursor.lastrowid


def finish_session(db: Database, session_id: int, finished_at: str | None = None) -> None:
    with write_transaction(db):
        db.execute(
            "UPDATE sessions SET status = 'finished', finished_at = COALESCE(finished_at, ?) WHERE id = ?",
            (finished_at or now(), session_id),
        )


# Answers


def answers_of(db: Database, session_id: int) -> dict[tuple[str, str], Answer]:
    rows = db.execute(
        "SELECT question_id, day, value, skipped, source FROM answers WHERE session_id = ?", (session_id,)
    ).fetchall()
    return {
        (row["question_id"], row["day"]): Answer(
            json.loads(row["value"]) if row["value"] is not None else None,
            bool(row["skipped"]),
            row["source"],
        )
        for row in rows
    }


def save_answer(
    db: Database, session_id: int, question_id: str, day: str, value: Any, source: str | None = None
) -> None:
    """Store an answer (value None means skipped); saving the same question and day again replaces it."""
    with write_transaction(db):
        db.execute(
            """
            INSERT INTO answers (session_id, question_id, day, value, skipped, source, saved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_id, question_id, day) DO UPDATE SET
                value = excluded.value, skipped = excluded.skipped, source = excluded.source,
                saved_at = excluded.saved_at
            """,
            (
                session_id,
                question_id,
                day,
                json.dumps(value, ensure_ascii=False) if value is not None else None,
                int(value is None),
                source,
                now(),
            ),
        )


# Casework: notes, messages to the child, outcomes, next sessions


def add_note(
    db: Database, session_id: int, author_id: int, text: str, question_id: str | None = None, day: str | None = None
) -> None:
    with write_transaction(db):
        db.execute(
            "INSERT INTO notes (session_id, question_id, day, text, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (session_id, question_id, day, text.strip(), author_id, now()),
        )


def notes_of_session(db: Database, session_id: int) -> list[dict]:
    return _all(
        db,
        """
        SELECT notes.*, users.name AS author_name FROM notes LEFT JOIN users ON users.id = notes.author_id
        WHERE session_id = ? ORDER BY created_at, notes.id
        """,
        (session_id,),
    )


def set_message_to_child(db: Database, session_id: int, author_id: int, text: str) -> None:
    """Write (or rewrite) the "you said, we did" note that follows a session."""
    with write_transaction(db):
        db.execute(
            """
            INSERT INTO messages_to_child (session_id, text, written_by, written_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (session_id) DO UPDATE SET
                text = excluded.text, written_by = excluded.written_by, written_at = excluded.written_at
            """,
            (session_id, text.strip(), author_id, now()),
        )


def message_to_child(db: Database, session_id: int) -> dict | None:
    return _one(db, "SELECT * FROM messages_to_child WHERE session_id = ?", (session_id,))


def message_for_next_session(db: Database, session: dict) -> dict | None:
    """The latest "you said, we did" written after an earlier session of the same child."""
    return _one(
        db,
        """
        SELECT messages_to_child.*, users.name AS written_by_name FROM messages_to_child
        JOIN sessions ON sessions.id = messages_to_child.session_id
        LEFT JOIN users ON users.id = messages_to_child.written_by
        WHERE sessions.child_id = ? AND sessions.started_at < ?
        ORDER BY sessions.started_at DESC LIMIT 1
        """,
        (session["child_id"], session["started_at"]),
    )


def add_outcome(
    db: Database, child_id: int, user_id: int, statement: str, question_id: str, day: str, met_when: list, review_on
) -> int:
    with write_transaction(db):
        cursor = db.execute(
            """
            INSERT INTO outcomes (child_id, statement, question_id, day, met_when, review_on, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (child_id, statement.strip(), question_id, day, json.dumps(met_when), review_on, user_id, now()),
        )
    return cursor.lastrowid


def outcomes_of_child(db: Database, child_id: int) -> list[dict]:
    rows = _all(db, "SELECT * FROM outcomes WHERE child_id = ? ORDER BY created_at, id", (child_id,))
    return [{**row, "met_when": json.loads(row["met_when"])} for row in rows]


def answers_of_sessions(db: Database, session_ids: list[int]) -> dict[int, dict[tuple[str, str], Answer]]:
    """Every answer of several sessions in one query: session id -> answers."""
    found: dict[int, dict[tuple[str, str], Answer]] = {session_id: {} for session_id in session_ids}
    marks = ", ".join("?" for _ in session_ids)
    rows = db.execute(
        f"SELECT session_id, question_id, day, value, skipped, source FROM answers WHERE session_id IN ({marks})",
        tuple(session_ids),
    ).fetchall()
    for row in rows:
        value = json.loads(row["value"]) if row["value"] is not None else None
        found[row["session_id"]][(row["question_id"], row["day"])] = Answer(value, bool(row["skipped"]), row["source"])
    return found


def latest_session_of_child(db: Database, child_id: int) -> dict | None:
    return _one(db, "SELECT * FROM sessions WHERE child_id = ? ORDER BY started_at DESC, id DESC LIMIT 1", (child_id,))


def set_next_session(db: Database, child_id: int, on: str | None) -> None:
    with write_transaction(db):
        db.execute("UPDATE children SET next_session_on = ? WHERE id = ?", (on, child_id))
