"""Sessions, their answers and a young person's own-phone links."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from dayinmylife import clock
from dayinmylife.questionnaire.model import Answer
from dayinmylife.store.alert_mail import queue_alert_mail
from dayinmylife.store.db import write_transaction
from dayinmylife.store.rows import all_rows, first_row


def remove_unfinished_session(db: Database, session_id: int) -> bool:
    """Delete a session started by mistake, with its answers; a finished session is never removed."""
    with write_transaction(db):
        removed = db.execute(
            "DELETE FROM sessions WHERE id = ? AND status = 'in_progress'", (session_id,)
        ).rowcount
    return bool(removed)


def sessions_of_child(db: Database, child_id: int) -> list[dict]:
    return all_rows(
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
    return first_row(
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
    return first_row(
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
    account: str = "child",
    scan_every_ms: int | None = None,
) -> int:
    """Start a session; `scan_every_ms`: the pace of switch scanning on its pages, where the child uses a switch."""
    with write_transaction(db):
        cursor = db.execute(
            """
            INSERT INTO sessions (child_id, questionnaire_id, questionnaire_version, language, started_by,
                                  started_at, account, scan_every_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                child_id,
                questionnaire.id,
                questionnaire.version,
                language,
                user_id,
                started_at or clock.now_iso(),
                account,
                scan_every_ms,
            ),
        )
    return cursor.lastrowid


def session_language(db: Database, session_id: int) -> str | None:
    row = db.execute("SELECT language FROM sessions WHERE id = ?", (session_id,)).fetchone()
    return row["language"] if row else None


def set_session_language(db: Database, session_id: int, language: str) -> None:
    with write_transaction(db):
        db.execute("UPDATE sessions SET language = ? WHERE id = ?", (language, session_id))


def finish_session(db: Database, session_id: int, finished_at: str | None = None) -> None:
    with write_transaction(db):
        db.execute(
            "UPDATE sessions SET status = 'finished', finished_at = COALESCE(finished_at, ?) WHERE id = ?",
            (finished_at or clock.now_iso(), session_id),
        )


def create_answer_link(
    db: Database, session_id: int, created_by: int, token_hash: str, expires_at: str
) -> int:
    with write_transaction(db):
        cursor = db.execute(
            "INSERT INTO answer_links (session_id, token_hash, created_by, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (session_id, token_hash, created_by, clock.now_iso(), expires_at),
        )
    return cursor.lastrowid


def answer_links_of_session(db: Database, session_id: int) -> list[dict]:
    """A session's links, newest first; never the hashes, which the page has no use for."""
    return all_rows(
        db,
        """
        SELECT answer_links.id, answer_links.created_at, expires_at, used_at, revoked_at,
            users.name AS created_by_name
        FROM answer_links LEFT JOIN users ON users.id = answer_links.created_by
        WHERE session_id = ? ORDER BY answer_links.created_at DESC, answer_links.id DESC
        """,
        (session_id,),
    )


def answer_link_by_hash(db: Database, token_hash: str) -> dict | None:
    return first_row(db, "SELECT * FROM answer_links WHERE token_hash = ?", (token_hash,))


def use_answer_link(db: Database, token_hash: str, at: str) -> dict | None:
    """Mark a link used if it still opens an unfinished session; at most one request ever gets it."""
    with write_transaction(db):
        return first_row(
            db,
            """
            UPDATE answer_links SET used_at = :at
            WHERE token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :at
              AND session_id IN (SELECT id FROM sessions WHERE status != 'finished')
            RETURNING id, session_id
            """,
            {"hash": token_hash, "at": at},
        )


def revoke_answer_link(db: Database, session_id: int, link_id: int) -> bool:
    """Revoke one of a session's links; False if the session has no such link."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE answer_links SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND session_id = ?",
            (clock.now_iso(), link_id, session_id),
        )
    return cursor.rowcount == 1


def answer_link_by_id(db: Database, link_id: int) -> dict | None:
    return first_row(db, "SELECT * FROM answer_links WHERE id = ?", (link_id,))


_ANSWER_ROWS = """
    SELECT answers.session_id, question_id, day, value, skipped, source, sessions.language, shown_by
    FROM answers JOIN sessions ON sessions.id = answers.session_id
"""


def _answers_by_session(db: Database, where: str, params: tuple) -> dict[int, dict[tuple[str, str], Answer]]:
    """Read answers: session id -> (question id, day) -> Answer, decoding each stored text once."""
    found: dict[int, dict[tuple[str, str], Answer]] = {}
    texts: dict[str, str] = {}  # the same few answers recur in every session
    for session_id, question_id, day, text, skipped, source, language, shown_by in db.execute(
        f"{_ANSWER_ROWS} WHERE {where}", params
    ).fetchall():
        value = None if text is None else texts.get(text) or json.loads(text)
        if isinstance(value, str):
            texts[text] = value  # strings only: a decoded list must not be shared between answers
        shown = tuple(shown_by.split(",")) if shown_by else ()
        found.setdefault(session_id, {})[(question_id, day)] = Answer(
            value, bool(skipped), source, language, shown
        )
    return found


def answers_of(db: Database, session_id: int) -> dict[tuple[str, str], Answer]:
    return _answers_by_session(db, "answers.session_id = ?", (session_id,)).get(session_id, {})


def save_answer(
    db: Database,
    session_id: int,
    question_id: str,
    day: str,
    value: Any,
    source: str | None = None,
    no_longer_asked: Iterable[tuple[str, str]] = (),
    alerting: Iterable[str] = (),
    at: str | None = None,
    shown_by: Iterable[str] = (),
) -> list[int]:
    """Store an answer (value None means skipped); saving the same question and day again replaces it.

    `no_longer_asked`: the session's (question id, day) the flow skips after this answer; they are kept but
    marked, and every other answer of the session is marked asked again. `alerting`: the answers given that
    raise an alert, recorded in the same transaction (once each; never for an anonymous consultation's) with an
    e-mail to each person told about it (store/outbox.py); the new alerts' ids are returned. `at`: when it was
    given, if not now (the demo's stories). `shown_by`: how the child showed it, where the practitioner said.
    """
    at = at or clock.now_iso()
    not_asked = json.dumps([f"{question} {day}" for question, day in no_longer_asked])
    with write_transaction(db):
        db.execute(
            """
            INSERT INTO answers (session_id, question_id, day, value, skipped, source, shown_by, saved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_id, question_id, day) DO UPDATE SET
                value = excluded.value, skipped = excluded.skipped, source = excluded.source,
                shown_by = excluded.shown_by, saved_at = excluded.saved_at
            """,
            (
                session_id,
                question_id,
                day,
                json.dumps(value, ensure_ascii=False) if value is not None else None,
                int(value is None),
                source,
                ",".join(shown_by) or None,
                at,
            ),
        )
        db.execute(
            """
            UPDATE answers SET asked = NOT asked
            WHERE session_id = ?
              AND asked = ((question_id || ' ' || day) IN (SELECT value FROM json_each(?)))
            """,
            (session_id, not_asked),
        )
        alerting = tuple(alerting)
        raised = []  # most answers raise no alert: then no statement for one
        if alerting:
            raised = db.execute(
                """
                INSERT OR IGNORE INTO alerts (session_id, question_id, day, answer, raised_at)
                SELECT sessions.id, ?, ?, alerting.value, ? FROM sessions, json_each(?) AS alerting
                WHERE sessions.id = ? AND sessions.child_id IS NOT NULL
                RETURNING id, (SELECT child_id FROM sessions WHERE id = session_id)
                """,
                (question_id, day, at, json.dumps(list(alerting)), session_id),
            ).fetchall()
        for alert_id, child_id in raised:
            queue_alert_mail(db, [alert_id], child_id, at)
    return [alert_id for alert_id, _child_id in raised]


def answers_of_sessions(db: Database, session_ids: list[int]) -> dict[int, dict[tuple[str, str], Answer]]:
    """Every answer of several sessions in one query: session id -> answers (empty for none yet)."""
    marks = ", ".join("?" for _ in session_ids)
    found = _answers_by_session(db, f"answers.session_id IN ({marks})", tuple(session_ids))
    return {session_id: found.get(session_id, {}) for session_id in session_ids}


def latest_session_of_child(db: Database, child_id: int) -> dict | None:
    return first_row(
        db, "SELECT * FROM sessions WHERE child_id = ? ORDER BY started_at DESC, id DESC LIMIT 1", (child_id,)
    )


def sessions_over_time(db: Database, child_id: int) -> list[dict]:
    """A child's sessions, oldest first, with who started each."""
    return all_rows(
        db,
        """
        SELECT sessions.*, users.name AS started_by_name
        FROM sessions LEFT JOIN users ON users.id = sessions.started_by
        WHERE child_id = ? ORDER BY started_at, sessions.id
        """,
        (child_id,),
    )


def answers_of_child(db: Database, child_id: int) -> dict[int, dict[tuple[str, str], Answer]]:
    """Every answer of every session of a child, in one query: session id -> answers."""
    return _answers_by_session(db, "sessions.child_id = ?", (child_id,))
