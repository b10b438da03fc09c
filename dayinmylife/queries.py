"""Every query the app runs, as small named functions with bound parameters."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from dayinmylife import clock
from dayinmylife.questionnaire.model import Answer
from dayinmylife.store.db import write_transaction


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
            (email.strip(), name.strip(), password_hash, role, clock.now_iso()),
        )
    return cursor.lastrowid


def set_user_language(db: Database, user_id: int, language: str | None) -> None:
    """Save the language a practitioner reads the app in (None: their browser's)."""
    with write_transaction(db):
        db.execute("UPDATE users SET language = ? WHERE id = ?", (language, user_id))


# Account management (administrators): disabled accounts included


def all_accounts(db: Database) -> list[dict]:
    return _all(
        db,
        "SELECT id, email, name, role, active, created_at FROM users ORDER BY name COLLATE NOCASE, id",
    )


def account_by_id(db: Database, user_id: int) -> dict | None:
    return _one(db, "SELECT id, email, name, role, active, created_at FROM users WHERE id = ?", (user_id,))


def account_by_email(db: Database, email: str) -> dict | None:
    return _one(
        db, "SELECT id, email, name, role, active, created_at FROM users WHERE email = ?", (email.strip(),)
    )


def update_account(db: Database, user_id: int, **changes: Any) -> bool:
    """Change an account's active, role or password_hash and end all its sessions.

    Refuse (return False, change nothing) when that would leave no active administrator.
    """
    columns = "".join(
        f"{name} = :{name}, " for name in changes if name in ("active", "role", "password_hash")
    )
    with write_transaction(db):
        account = _one(db, "SELECT role, active FROM users WHERE id = ?", (user_id,))
        after = {**account, **changes}
        was_administrator = account["role"] == "administrator" and account["active"]
        stays_administrator = after["role"] == "administrator" and after["active"]
        others = db.execute(
            "SELECT COUNT(*) FROM users WHERE role = 'administrator' AND active AND id != ?", (user_id,)
        ).fetchone()[0]
        if was_administrator and not stays_administrator and not others:
            return False
        db.execute(
            f"UPDATE users SET {columns}session_version = session_version + 1 WHERE id = :id",
            {**changes, "id": user_id},
        )
    return True


# A second step at sign-in: an authenticator app's secret and single-use recovery codes


def _replace_recovery_codes(db: Database, user_id: int, code_hashes: list[str]) -> None:
    db.execute("DELETE FROM recovery_codes WHERE user_id = ?", (user_id,))
    db.conn.executemany(
        "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)",
        [(user_id, code_hash) for code_hash in code_hashes],
    )


def start_two_factor(db: Database, user_id: int, secret: str, step: int, code_hashes: list[str]) -> None:
    """Turn on the second step: the app's secret, the step of the code just used, new recovery codes."""
    with write_transaction(db):
        db.execute(
            "UPDATE users SET totp_secret = ?, totp_last_step = ?, pending_totp_secret = NULL WHERE id = ?",
            (secret, step, user_id),
        )
        _replace_recovery_codes(db, user_id, code_hashes)


def pending_two_factor_secret(db: Database, user_id: int, new_secret: str) -> str:
    """The secret of the authenticator app being added: the one already offered, or new_secret kept now."""
    with write_transaction(db):
        db.execute(
            "UPDATE users SET pending_totp_secret = ? WHERE id = ? AND pending_totp_secret IS NULL",
            (new_secret, user_id),
        )
        return db.execute("SELECT pending_totp_secret FROM users WHERE id = ?", (user_id,)).fetchone()[0]


def renew_recovery_codes(db: Database, user_id: int, code_hashes: list[str]) -> None:
    with write_transaction(db):
        _replace_recovery_codes(db, user_id, code_hashes)


def end_two_factor(db: Database, user_id: int) -> bool:
    """Forget the account's secret and recovery codes; tell whether it had a second step."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE users SET totp_secret = NULL, totp_last_step = NULL WHERE id = ? AND totp_secret IS NOT NULL",
            (user_id,),
        )
        db.execute("DELETE FROM recovery_codes WHERE user_id = ?", (user_id,))
    return cursor.rowcount == 1


def use_totp_step(db: Database, user_id: int, step: int) -> bool:
    """Mark a code's time step used; false when it or a later one was used already (a replayed code)."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)",
            (step, user_id, step),
        )
    return cursor.rowcount == 1


def use_recovery_code(db: Database, user_id: int, code_hash: str) -> bool:
    """Spend one unused recovery code; false when there is no such unused code."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
            (clock.now_iso(), user_id, code_hash),
        )
    return cursor.rowcount == 1


def recovery_codes_left(db: Database, user_id: int) -> int:
    return db.execute(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL", (user_id,)
    ).fetchone()[0]


def accounts_with_two_factor_state(db: Database) -> list[dict]:
    """Every active account: whether it has a second step, and how many recovery codes it has left."""
    return _all(
        db,
        "SELECT id, name, email, role, totp_secret IS NOT NULL AS has_two_factor, "
        "(SELECT COUNT(*) FROM recovery_codes WHERE user_id = users.id AND used_at IS NULL) AS codes_left "
        "FROM users WHERE active ORDER BY name COLLATE NOCASE, id",
    )


def app_setting(db: Database, name: str, default: str) -> str:
    row = db.execute("SELECT value FROM app_settings WHERE name = ?", (name,)).fetchone()
    return row[0] if row else default


def set_app_setting(db: Database, name: str, value: str) -> None:
    with write_transaction(db):
        db.execute(
            "INSERT INTO app_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )


# Children


def children_of(db: Database, user_id: int) -> list[dict]:
    """List a practitioner's children with when they last had a session."""
    return _all(
        db,
        """
        SELECT children.*, COUNT(sessions.id) AS session_count, MAX(sessions.started_at) AS last_session_at,
               COALESCE(SUM(sessions.status = 'in_progress'), 0) AS unfinished_count
        FROM children
        JOIN child_practitioners ON child_practitioners.child_id = children.id
        LEFT JOIN sessions ON sessions.child_id = children.id
        WHERE child_practitioners.user_id = ?
        GROUP BY children.id
        ORDER BY children.display_name COLLATE NOCASE
        """,
        (user_id,),
    )


def same_child_on_caseload(db: Database, user_id: int, name: str, date_of_birth: str) -> dict | None:
    """A child already on this practitioner's caseload with this name (any case) and date of birth."""
    return _one(
        db,
        """
        SELECT children.* FROM children
        JOIN child_practitioners ON child_practitioners.child_id = children.id
        WHERE child_practitioners.user_id = ? AND children.display_name = ? COLLATE NOCASE
          AND children.date_of_birth = ?
        """,
        (user_id, name.strip(), date_of_birth),
    )


def correct_child(db: Database, child_id: int, user_id: int, details: dict) -> list[str]:
    """Change a child's details, keeping each old value beside the record; the fields that changed."""
    with write_transaction(db):
        before = dict(db.execute("SELECT * FROM children WHERE id = ?", (child_id,)).fetchone())
        changed = [field for field, value in details.items() if (before[field] or None) != (value or None)]
        for field in changed:
            db.execute(
                """
                INSERT INTO child_corrections (child_id, field, old_value, new_value, corrected_by, corrected_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                (child_id, field, before[field], details[field], user_id, clock.now_iso()),
            )
            db.execute(f"UPDATE children SET {field} = ? WHERE id = ?", (details[field], child_id))  # noqa: S608
    return changed


def corrections_of_child(db: Database, child_id: int) -> list[dict]:
    return _all(
        db,
        """
        SELECT child_corrections.*, users.name AS corrected_by_name FROM child_corrections
        LEFT JOIN users ON users.id = child_corrections.corrected_by
        WHERE child_id = ? ORDER BY child_corrections.id DESC
        """,
        (child_id,),
    )


def remove_unfinished_session(db: Database, session_id: int) -> bool:
    """Delete a session started by mistake, with its answers; a finished session is never removed."""
    with write_transaction(db):
        removed = db.execute(
            "DELETE FROM sessions WHERE id = ? AND status = 'in_progress'", (session_id,)
        ).rowcount
    return bool(removed)


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
            (display_name.strip(), date_of_birth, (case_reference or "").strip() or None, clock.now_iso()),
        ).lastrowid
        db.execute("INSERT INTO child_practitioners (child_id, user_id) VALUES (?, ?)", (child_id, user_id))
    return child_id


# Care teams: the practitioners who work with a child


def team_of_child(db: Database, child_id: int) -> list[dict]:
    return _all(
        db,
        """
        SELECT users.id, users.name, users.email, users.active FROM users
        JOIN child_practitioners ON child_practitioners.user_id = users.id
        WHERE child_practitioners.child_id = ? ORDER BY users.name COLLATE NOCASE, users.id
        """,
        (child_id,),
    )


def practitioners_not_on_team(db: Database, child_id: int) -> list[dict]:
    """Active practitioners who could join a child's team."""
    return _all(
        db,
        """
        SELECT id, name, email FROM users
        WHERE role = 'practitioner' AND active
          AND id NOT IN (SELECT user_id FROM child_practitioners WHERE child_id = ?)
        ORDER BY name COLLATE NOCASE, id
        """,
        (child_id,),
    )


def add_to_team(db: Database, child_id: int, user_id: int) -> bool:
    """Put an active practitioner on a child's team; False if they cannot join or are on it already."""
    with write_transaction(db):
        cursor = db.execute(
            """
            INSERT OR IGNORE INTO child_practitioners (child_id, user_id)
            SELECT ?, id FROM users WHERE id = ? AND role = 'practitioner' AND active
            """,
            (child_id, user_id),
        )
    return cursor.rowcount == 1


def remove_from_team(db: Database, child_id: int, user_id: int) -> bool:
    """Take a practitioner off a child's team, unless no other active practitioner would be left on it."""
    with write_transaction(db):
        others = db.execute(
            """
            SELECT COUNT(*) FROM child_practitioners JOIN users ON users.id = child_practitioners.user_id
            WHERE child_id = ? AND user_id != ? AND users.active
            """,
            (child_id, user_id),
        ).fetchone()[0]
        if not others:
            return False
        cursor = db.execute(
            "DELETE FROM child_practitioners WHERE child_id = ? AND user_id = ?", (child_id, user_id)
        )
    return cursor.rowcount == 1


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
    account: str = "child",
) -> int:
    with write_transaction(db):
        cursor = db.execute(
            """
            INSERT INTO sessions
                (child_id, questionnaire_id, questionnaire_version, language, started_by, started_at, account)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            (
                child_id,
                questionnaire.id,
                questionnaire.version,
                language,
                user_id,
                started_at or clock.now_iso(),
                account,
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


# A teenager's own link: one session, kept only as the token's hash


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
    return _all(
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
    return _one(db, "SELECT * FROM answer_links WHERE token_hash = ?", (token_hash,))


def use_answer_link(db: Database, token_hash: str, at: str) -> dict | None:
    """Mark a link used if it still opens an unfinished session; at most one request ever gets it."""
    with write_transaction(db):
        return _one(
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
    return _one(db, "SELECT * FROM answer_links WHERE id = ?", (link_id,))


# Answers


_ANSWER_ROWS = """
    SELECT answers.session_id, question_id, day, value, skipped, source, sessions.language
    FROM answers JOIN sessions ON sessions.id = answers.session_id
"""


def _answers_by_session(db: Database, where: str, params: tuple) -> dict[int, dict[tuple[str, str], Answer]]:
    """Read answers: session id -> (question id, day) -> Answer, decoding each stored text once."""
    found: dict[int, dict[tuple[str, str], Answer]] = {}
    texts: dict[str, str] = {}  # the same few answers recur in every session
    for session_id, question_id, day, text, skipped, source, language in db.execute(
        f"{_ANSWER_ROWS} WHERE {where}", params
    ).fetchall():
        value = None if text is None else texts.get(text) or json.loads(text)
        if isinstance(value, str):
            texts[text] = value  # strings only: a decoded list must not be shared between answers
        found.setdefault(session_id, {})[(question_id, day)] = Answer(value, bool(skipped), source, language)
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
) -> None:
    """Store an answer (value None means skipped); saving the same question and day again replaces it.

    `no_longer_asked`: the session's (question id, day) the flow skips after this answer; they are kept but
    marked, and every other answer of the session is marked asked again.
    """
    not_asked = json.dumps([f"{question} {day}" for question, day in no_longer_asked])
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
                clock.now_iso(),
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


# Casework: notes, messages to the child, outcomes, next sessions


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
    return _all(
        db,
        """
        SELECT notes.*, users.name AS author_name FROM notes LEFT JOIN users ON users.id = notes.author_id
        WHERE session_id = ? ORDER BY created_at, notes.id
        """,
        (session_id,),
    )


def set_message_to_child(db: Database, session_id: int, author_id: int, text: str) -> None:
    """Write (or rewrite) the "you said, we did" note that follows a session; rewritten, it is new to the child."""
    with write_transaction(db):
        db.execute(
            """
            INSERT INTO messages_to_child (session_id, text, written_by, written_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (session_id) DO UPDATE SET
                text = excluded.text, written_by = excluded.written_by, written_at = excluded.written_at,
                seen_in_session = NULL, seen_at = NULL
            """,
            (session_id, text.strip(), author_id, clock.now_iso()),
        )


def message_to_child(db: Database, session_id: int) -> dict | None:
    return _one(db, "SELECT * FROM messages_to_child WHERE session_id = ?", (session_id,))


def messages_for_child(db: Database, session: dict) -> list[dict]:
    """The "you said, we did" messages this session shows the child: those written after earlier sessions
    since the child last saw one (and, on a reload, the ones this session already showed)."""
    return _all(
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
                clock.now_iso(),
            ),
        )
    return cursor.lastrowid


def outcomes_of_child(db: Database, child_id: int) -> list[dict]:
    rows = _all(db, "SELECT * FROM outcomes WHERE child_id = ? ORDER BY created_at, id", (child_id,))
    return [{**row, "met_when": json.loads(row["met_when"])} for row in rows]


def answers_of_sessions(db: Database, session_ids: list[int]) -> dict[int, dict[tuple[str, str], Answer]]:
    """Every answer of several sessions in one query: session id -> answers (empty for none yet)."""
    marks = ", ".join("?" for _ in session_ids)
    found = _answers_by_session(db, f"answers.session_id IN ({marks})", tuple(session_ids))
    return {session_id: found.get(session_id, {}) for session_id in session_ids}


def latest_session_of_child(db: Database, child_id: int) -> dict | None:
    return _one(
        db, "SELECT * FROM sessions WHERE child_id = ? ORDER BY started_at DESC, id DESC LIMIT 1", (child_id,)
    )


def set_next_session(db: Database, child_id: int, on: str | None) -> None:
    with write_transaction(db):
        db.execute("UPDATE children SET next_session_on = ? WHERE id = ?", (on, child_id))


# Insights


def sessions_over_time(db: Database, child_id: int) -> list[dict]:
    """A child's sessions, oldest first, with who started each."""
    return _all(
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


# Consultations


def create_consultation(
    db: Database,
    lead_id: int,
    details: dict,
    group_names: list[str],
    make_code: Callable[[], str],
) -> int:
    """Store a consultation and its groups with a join code no other consultation has."""
    with write_transaction(db):
        code = make_code()
        while db.execute("SELECT 1 FROM consultations WHERE join_code = ?", (code,)).fetchone():
            code = make_code()
        consultation_id = db.execute(
            """
            INSERT INTO consultations (title, questionnaire_id, join_code, opens_on, closes_on, min_group_size,
                                       max_responses, created_by, created_at)
            VALUES (:title, :questionnaire_id, :code, :opens_on, :closes_on, :min_group_size, :max_responses,
                    :lead_id, :now)
            """,
            {**details, "code": code, "lead_id": lead_id, "now": clock.now_iso()},
        ).lastrowid
        db.conn.executemany(
            "INSERT INTO consultation_groups (consultation_id, name, position) VALUES (?, ?, ?)",
            [(consultation_id, name, position) for position, name in enumerate(group_names)],
        )
    return consultation_id


CHANGEABLE = ("title", "opens_on", "closes_on", "max_responses")  # of a consultation, by its lead


def change_consultation(db: Database, consultation_id: int, details: dict) -> list[str]:
    """Change a consultation's title, dates or cap; the names of the fields that changed."""
    with write_transaction(db):
        before = dict(db.execute("SELECT * FROM consultations WHERE id = ?", (consultation_id,)).fetchone())
        changed = [field for field in CHANGEABLE if field in details and details[field] != before[field]]
        for field in changed:
            db.execute(
                f"UPDATE consultations SET {field} = ? WHERE id = ?", (details[field], consultation_id)
            )  # noqa: S608
    return changed


def delete_consultation(db: Database, consultation_id: int) -> None:
    """Delete a consultation with its groups, responses, answers and counts."""
    with write_transaction(db):
        db.execute("DELETE FROM consultation_tallies WHERE consultation_id = ?", (consultation_id,))
        db.execute("DELETE FROM sessions WHERE consultation_id = ?", (consultation_id,))
        db.execute("DELETE FROM consultations WHERE id = ?", (consultation_id,))
    forget_old_pages(db)


def consultations_of(db: Database, lead_id: int) -> list[dict]:
    """A lead's consultations, newest first, with how many pupils have answered each (as the overview counts)."""
    return _all(
        db,
        f"""
        SELECT consultations.*,
               (SELECT COUNT(*) FROM sessions WHERE sessions.consultation_id = consultations.id AND {ANSWERED})
               AS response_count
        FROM consultations WHERE created_by = ?
        ORDER BY opens_on DESC, consultations.id DESC
        """,
        (lead_id,),
    )


def consultation_for(db: Database, lead_id: int, consultation_id: int) -> dict | None:
    """Return a consultation only to the lead who created it."""
    return _one(db, "SELECT * FROM consultations WHERE id = ? AND created_by = ?", (consultation_id, lead_id))


def consultation_by_id(db: Database, consultation_id: int) -> dict | None:
    return _one(db, "SELECT * FROM consultations WHERE id = ?", (consultation_id,))


def consultation_by_code(db: Database, code: str) -> dict | None:
    return _one(db, "SELECT * FROM consultations WHERE join_code = ?", (code,))


def consultation_groups(db: Database, consultation_id: int) -> list[dict]:
    return _all(
        db,
        "SELECT * FROM consultation_groups WHERE consultation_id = ? ORDER BY position",
        (consultation_id,),
    )


ANSWERED = (
    "EXISTS (SELECT 1 FROM answers WHERE answers.session_id = sessions.id)"  # a response with an answer
)
FULL, BUSY = "full", "busy"  # why a pupil could not start answering
UNANSWERED_KEPT = timedelta(hours=24)  # how long a response with no answer waits for one
JOINS_A_MINUTE = 120  # pupils who may start answering one consultation in any minute


def start_consultation_response(
    db: Database, consultation: dict, questionnaire, group_id: int | None, language: str
) -> int | str:
    """Start a pupil's anonymous response, or say why not: FULL (its answered responses reach the cap) or
    BUSY (JOINS_A_MINUTE started in the last minute; recorded for the lead). Responses left with no answer
    for a day are deleted first; only responses with an answer count towards the cap."""
    moment = clock.now()
    with write_transaction(db):
        _delete_unanswered(db, moment - UNANSWERED_KEPT, consultation["id"])
        answered = db.execute(
            f"SELECT COUNT(*) FROM sessions WHERE consultation_id = ? AND {ANSWERED}", (consultation["id"],)
        ).fetchone()[0]
        if answered >= consultation["max_responses"]:
            return FULL
        joined = db.execute(
            "SELECT COUNT(*) FROM sessions WHERE consultation_id = ? AND started_at > ?",
            (consultation["id"], _at(moment - timedelta(minutes=1))),
        ).fetchone()[0]
        if joined >= JOINS_A_MINUTE:
            # One row a minute at most, however hard a script knocks: the lead learns when, the table stays small.
            db.execute(
                """
                INSERT INTO consultation_limit_hits (consultation_id, hit_at) SELECT :id, :now
                WHERE NOT EXISTS (SELECT 1 FROM consultation_limit_hits WHERE consultation_id = :id AND hit_at > :since)
                """,
                {"id": consultation["id"], "now": _at(moment), "since": _at(moment - timedelta(minutes=1))},
            )
            return BUSY
        return db.execute(
            """
            INSERT INTO sessions (questionnaire_id, questionnaire_version, language, started_at,
                                  consultation_id, consultation_group_id)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            (questionnaire.id, questionnaire.version, language, _at(moment), consultation["id"], group_id),
        ).lastrowid


def _at(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _delete_unanswered(db: Database, before: datetime, consultation_id: int | None = None) -> int:
    """Delete consultation responses started before then that have no answer (of one consultation, or all)."""
    return db.execute(
        f"""
        DELETE FROM sessions
        WHERE consultation_id IS NOT NULL AND (? IS NULL OR consultation_id = ?) AND started_at < ?
          AND NOT {ANSWERED}
        """,
        (consultation_id, consultation_id, _at(before)),
    ).rowcount


def unanswered_consultation_responses(db: Database) -> int:
    """How many consultation responses have been left with no answer for a day."""
    return db.execute(
        f"SELECT COUNT(*) FROM sessions WHERE consultation_id IS NOT NULL AND started_at < ? AND NOT {ANSWERED}",
        (_at(clock.now() - UNANSWERED_KEPT),),
    ).fetchone()[0]


def delete_unanswered_consultation_responses(db: Database) -> int:
    """Delete every consultation response left with no answer for a day; return how many."""
    with write_transaction(db):
        return _delete_unanswered(db, clock.now() - UNANSWERED_KEPT)


def consultations_with_responses_closed_by(db: Database, day: str) -> list[dict]:
    """Consultations that closed on or before the day and still hold responses, with how many."""
    return _all(
        db,
        """
        SELECT consultations.id, consultations.title, consultations.closes_on, COUNT(sessions.id) AS responses
        FROM consultations JOIN sessions ON sessions.consultation_id = consultations.id
        WHERE consultations.closes_on <= ?
        GROUP BY consultations.id ORDER BY consultations.closes_on, consultations.id
        """,
        (day,),
    )


def erase_consultation_responses(db: Database, consultation_id: int) -> None:
    """Delete a consultation's responses, their answers (through the foreign keys) and its tallies; the
    consultation, its groups and its audit trail stay."""
    with write_transaction(db):
        db.execute("DELETE FROM sessions WHERE consultation_id = ?", (consultation_id,))
        db.execute("DELETE FROM consultation_tallies WHERE consultation_id = ?", (consultation_id,))
    forget_old_pages(db)


def consultation_limit_hits(db: Database, consultation_id: int) -> dict:
    """How many times pupils were asked to wait to join, and the last time (None if never)."""
    return _one(
        db,
        "SELECT COUNT(*) AS times, MAX(hit_at) AS last FROM consultation_limit_hits WHERE consultation_id = ?",
        (consultation_id,),
    )


def consultation_response_counts(db: Database, consultation_id: int) -> dict[int | None, int]:
    """Pupils who gave at least one answer, per group (None: the consultation has no groups)."""
    rows = db.execute(
        f"""
        SELECT consultation_group_id, COUNT(*) FROM sessions
        WHERE consultation_id = ? AND {ANSWERED}
        GROUP BY consultation_group_id
        """,
        (consultation_id,),
    ).fetchall()
    return {row[0]: row[1] for row in rows}


CountRows = list[tuple[str, str, str | None, dict[int | None, int]]]


def consultation_answer_counts(db: Database, consultation_id: int) -> CountRows:
    """A consultation's answers counted per question, day and stored value (None: skipped), per group.

    Read from consultation_tallies, which triggers keep in step with every answer saved (migration m007).
    """
    rows = db.execute(
        """
        SELECT question_id, day, value, group_key, pupils FROM consultation_tallies
        WHERE consultation_id = ? AND pupils > 0
        """,
        (consultation_id,),
    ).fetchall()
    return _counts_by_group(rows)


def consultation_answer_recount(db: Database, consultation_id: int) -> CountRows:
    """Count a consultation's answers afresh from every answer (slow: what the tallies must always equal)."""
    rows = db.execute(
        """
        SELECT answers.question_id, answers.day, COALESCE(answers.value, ''),
               COALESCE(sessions.consultation_group_id, 0), COUNT(*)
        FROM sessions JOIN answers ON answers.session_id = sessions.id
        WHERE sessions.consultation_id = ? AND answers.asked
        GROUP BY 1, 2, 3, 4
        """,
        (consultation_id,),
    ).fetchall()
    return _counts_by_group(rows)


def _counts_by_group(rows) -> CountRows:
    counts: dict[tuple[str, str, str | None], dict[int | None, int]] = {}
    for question_id, day, value, group_key, pupils in rows:
        per_group = counts.setdefault((question_id, day, value or None), {})
        per_group[group_key or None] = pupils
    return sorted(
        ((question_id, day, value, per_group) for (question_id, day, value), per_group in counts.items()),
        key=lambda row: (row[0], row[1], row[2] or ""),
    )


OWN_WORDS = """
    answers.asked AND answers.value IS NOT NULL AND answers.value NOT IN ('"dont_know"', '"rather_not_say"')
"""


def consultation_own_words(
    db: Database, consultation_id: int, question_ids: list[str], limit: int, offset: int = 0
) -> list[dict]:
    """Pupils' own words for some questions in order of the words (saying nothing of who wrote first), with
    their group and when they were written."""
    questions = ", ".join("?" for _ in question_ids)
    return _all(
        db,
        f"""
        SELECT answers.question_id, answers.day, answers.value, answers.saved_at,
               sessions.consultation_group_id AS group_id
        FROM answers JOIN sessions ON sessions.id = answers.session_id
        WHERE sessions.consultation_id = ? AND answers.question_id IN ({questions}) AND {OWN_WORDS}
        ORDER BY answers.value COLLATE NOCASE, answers.question_id, answers.day, answers.session_id
        LIMIT ? OFFSET ?
        """,
        (consultation_id, *question_ids, limit, offset),
    )


def consultation_own_words_count(db: Database, consultation_id: int, question_ids: list[str]) -> int:
    questions = ", ".join("?" for _ in question_ids)
    return db.execute(
        f"""
        SELECT COUNT(*) FROM answers JOIN sessions ON sessions.id = answers.session_id
        WHERE sessions.consultation_id = ? AND answers.question_id IN ({questions}) AND {OWN_WORDS}
        """,
        (consultation_id, *question_ids),
    ).fetchone()[0]


def consultation_own_words_writers(
    db: Database, consultation_id: int, question_ids: list[str]
) -> dict[str, int]:
    """Pupils who wrote something in their own words, per question (on either day)."""
    questions = ", ".join("?" for _ in question_ids)
    rows = db.execute(
        f"""
        SELECT answers.question_id, COUNT(DISTINCT answers.session_id)
        FROM answers JOIN sessions ON sessions.id = answers.session_id
        WHERE sessions.consultation_id = ? AND answers.question_id IN ({questions}) AND {OWN_WORDS}
        GROUP BY answers.question_id
        """,
        (consultation_id, *question_ids),
    ).fetchall()
    return {row[0]: row[1] for row in rows}


def consultation_responses(db: Database, consultation_id: int) -> Iterator[tuple[int | None, dict]]:
    """Yield each response that has answers as (group id, answers), one at a time, in no useful order."""
    rows = db.execute(
        """
        SELECT sessions.id, sessions.consultation_group_id, answers.question_id, answers.day, answers.value,
               answers.skipped
        FROM sessions JOIN answers ON answers.session_id = sessions.id
        WHERE sessions.consultation_id = ? AND answers.asked
        ORDER BY sessions.id
        """,
        (consultation_id,),
    )
    current, group_id, answers = None, None, {}
    for row in rows:
        if row[0] != current:
            if current is not None:
                yield group_id, answers
            current, group_id, answers = row[0], row[1], {}
        value = json.loads(row[4]) if row[4] is not None else None
        answers[(row[2], row[3])] = Answer(value, bool(row[5]))
    if current is not None:
        yield group_id, answers


def add_consultation_responses(db: Database, consultation_id: int, questionnaire, responses) -> None:
    """Store finished responses in one transaction (the demo and the benchmark).

    Each response is a dict: group_id, started_at, finished_at, answers ({(question id, day): value}).
    """
    with write_transaction(db):
        for response in responses:
            session_id = db.execute(
                """
                INSERT INTO sessions (questionnaire_id, questionnaire_version, status, started_at, finished_at,
                                      consultation_id, consultation_group_id)
                VALUES (?, ?, 'finished', ?, ?, ?, ?)
                """,
                (
                    questionnaire.id,
                    questionnaire.version,
                    response["started_at"],
                    response["finished_at"],
                    consultation_id,
                    response["group_id"],
                ),
            ).lastrowid
            db.conn.executemany(
                """
                INSERT INTO answers (session_id, question_id, day, value, skipped, saved_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [
                    (
                        session_id,
                        question_id,
                        day,
                        json.dumps(value, ensure_ascii=False) if value is not None else None,
                        int(value is None),
                        response["finished_at"],
                    )
                    for (question_id, day), value in response["answers"].items()
                ],
            )


# Privacy: subject access, erasure, retention


def everything_about_child(db: Database, child_id: int) -> dict:
    """All that is held about one child, for a subject access request."""
    sessions = _all(db, "SELECT * FROM sessions WHERE child_id = ? ORDER BY started_at, id", (child_id,))
    ids = [session["id"] for session in sessions]
    marks = ", ".join("?" for _ in ids) or "NULL"
    return {
        "child": _one(db, "SELECT * FROM children WHERE id = ?", (child_id,)),
        "practitioners": _all(
            db,
            """SELECT users.name, users.email FROM users
               JOIN child_practitioners ON child_practitioners.user_id = users.id WHERE child_id = ?""",
            (child_id,),
        ),
        "sessions": sessions,
        "answers": _all(
            db, f"SELECT * FROM answers WHERE session_id IN ({marks}) ORDER BY session_id", tuple(ids)
        ),
        "notes": _all(db, f"SELECT * FROM notes WHERE session_id IN ({marks}) ORDER BY id", tuple(ids)),
        "messages_to_child": _all(
            db, f"SELECT * FROM messages_to_child WHERE session_id IN ({marks})", tuple(ids)
        ),
        "outcomes": outcomes_of_child(db, child_id),
    }


def erase_child(db: Database, child_id: int) -> None:
    """Delete a child and, through the foreign keys, every session, answer, note and outcome of theirs.

    With secure_delete the freed space is zeroed; the write-ahead log still holds the pages as they were
    until it is checkpointed and truncated, so do that at once.
    """
    with write_transaction(db):
        db.execute("DELETE FROM children WHERE id = ?", (child_id,))
    forget_old_pages(db)


def forget_old_pages(db: Database) -> bool:
    """Write the log into the database and empty it; False if a reader kept part of it (try again later)."""
    busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy


def has_app_tables(conn) -> bool:
    """Tell whether a database (a sqlite3 connection, opened read-only to back it up) holds the app's records."""
    found = conn.execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'children', 'audit_log')"
    ).fetchone()
    return found[0] == 3


def children_inactive_since(db: Database, cutoff: str) -> list[dict]:
    """Children with no activity (added, session, answer, note, outcome) on or after the cutoff."""
    return _all(
        db,
        """
        SELECT children.id, children.case_reference, MAX(
            children.created_at,
            COALESCE((SELECT MAX(started_at) FROM sessions WHERE child_id = children.id), ''),
            COALESCE((SELECT MAX(answers.saved_at) FROM answers JOIN sessions ON sessions.id = answers.session_id
                      WHERE sessions.child_id = children.id), ''),
            COALESCE((SELECT MAX(notes.created_at) FROM notes JOIN sessions ON sessions.id = notes.session_id
                      WHERE sessions.child_id = children.id), ''),
            COALESCE((SELECT MAX(created_at) FROM outcomes WHERE child_id = children.id), '')
        ) AS last_activity
        FROM children
        GROUP BY children.id
        HAVING last_activity < ?
        ORDER BY last_activity
        """,
        (cutoff,),
    )


# Audit log


def audit_events(
    db: Database, event: str | None, child_id: int | None, since: str | None, limit: int = 500
) -> list[dict]:
    """The newest audit events first, filtered by kind, child and date."""
    where, params = ["1 = 1"], []
    if event:
        where.append("event = ?")
        params.append(event)
    if child_id is not None:
        where.append("audit_log.child_id = ?")
        params.append(child_id)
    if since:
        where.append("at >= ?")
        params.append(since)
    sql = f"""
        SELECT audit_log.*, children.display_name AS child_name
        FROM audit_log LEFT JOIN children ON children.id = audit_log.child_id
        WHERE {" AND ".join(where)} ORDER BY audit_log.id DESC LIMIT ?
    """
    return _all(db, sql, (*params, limit))


# Security


def end_sessions_of_user(db: Database, user_id: int) -> None:
    """Make every session cookie this user holds stop working (signing out, for instance)."""
    with write_transaction(db):
        db.execute("UPDATE users SET session_version = session_version + 1 WHERE id = ?", (user_id,))


def record_sign_in_failure(db: Database, kind: str, account: str, address: str, at: int) -> None:
    """Remember one failed sign-in or unlock, and forget failures older than a day."""
    with write_transaction(db):
        db.execute(
            "INSERT INTO sign_in_failures (at, kind, account, address) VALUES (?, ?, ?, ?)",
            (at, kind, account, address),
        )
        db.execute("DELETE FROM sign_in_failures WHERE at < ?", (at - 86400,))


def sign_in_failures_since(
    db: Database, kind: str, account: str, address: str, since: int
) -> tuple[int, int]:
    """Count failures since a moment: for this account, and from this address."""
    row = db.execute(
        "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE kind = :kind AND account = :account AND at >= :since), "
        "(SELECT COUNT(*) FROM sign_in_failures WHERE kind = :kind AND address = :address AND at >= :since)",
        {"kind": kind, "account": account, "address": address, "since": since},
    ).fetchone()
    return row[0], row[1]
