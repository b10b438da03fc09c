"""Children, their care teams, corrections to their details, subject access and retention."""

from __future__ import annotations

import json

from sqlite_utils import Database

from dayinmylife import clock
from dayinmylife.store.db import forget_old_pages, write_transaction
from dayinmylife.store.rows import all_rows, first_row


def children_of(db: Database, user_id: int) -> list[dict]:
    """List a practitioner's children with when they last had a session."""
    return all_rows(
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
    return first_row(
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
    return all_rows(
        db,
        """
        SELECT child_corrections.*, users.name AS corrected_by_name FROM child_corrections
        LEFT JOIN users ON users.id = child_corrections.corrected_by
        WHERE child_id = ? ORDER BY child_corrections.id DESC
        """,
        (child_id,),
    )


def child_for(db: Database, user_id: int, child_id: int) -> dict | None:
    """Return a child only if this practitioner may see them."""
    return first_row(
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


def team_of_child(db: Database, child_id: int) -> list[dict]:
    return all_rows(
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
    return all_rows(
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


def outcomes_of_child(db: Database, child_id: int) -> list[dict]:
    rows = all_rows(db, "SELECT * FROM outcomes WHERE child_id = ? ORDER BY created_at, id", (child_id,))
    return [{**row, "met_when": json.loads(row["met_when"])} for row in rows]


def everything_about_child(db: Database, child_id: int) -> dict:
    """All that is held about one child, for a subject access request."""
    sessions = all_rows(db, "SELECT * FROM sessions WHERE child_id = ? ORDER BY started_at, id", (child_id,))
    ids = [session["id"] for session in sessions]
    marks = ", ".join("?" for _ in ids) or "NULL"
    return {
        "child": first_row(db, "SELECT * FROM children WHERE id = ?", (child_id,)),
        "practitioners": all_rows(
            db,
            """SELECT users.name, users.email FROM users
               JOIN child_practitioners ON child_practitioners.user_id = users.id WHERE child_id = ?""",
            (child_id,),
        ),
        "sessions": sessions,
        "answers": all_rows(
            db, f"SELECT * FROM answers WHERE session_id IN ({marks}) ORDER BY session_id", tuple(ids)
        ),
        "notes": all_rows(db, f"SELECT * FROM notes WHERE session_id IN ({marks}) ORDER BY id", tuple(ids)),
        "messages_to_child": all_rows(
            db, f"SELECT * FROM messages_to_child WHERE session_id IN ({marks})", tuple(ids)
        ),
        "outcomes": outcomes_of_child(db, child_id),
        "alerts": all_rows(db, f"SELECT * FROM alerts WHERE session_id IN ({marks}) ORDER BY id", tuple(ids)),
        "significant_events": all_rows(
            db, "SELECT * FROM significant_events WHERE child_id = ? ORDER BY happened_on, id", (child_id,)
        ),
        "supervision_notes": all_rows(
            db, "SELECT * FROM supervision_notes WHERE child_id = ? ORDER BY id", (child_id,)
        ),
    }


def erase_child(db: Database, child_id: int) -> None:
    """Delete a child and, through the foreign keys, every session, answer, note and outcome of theirs.

    With secure_delete the freed space is zeroed; the write-ahead log still holds the pages as they were
    until it is checkpointed and truncated, so do that at once.
    """
    with write_transaction(db):
        db.execute("DELETE FROM children WHERE id = ?", (child_id,))
    forget_old_pages(db)


def children_inactive_since(db: Database, cutoff: str) -> list[dict]:
    """Children with no activity (added, session, answer, note, outcome) on or after the cutoff."""
    return all_rows(
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


# A caseload passed on: no child is left without a practitioner who can sign in

_CAN_WORK_WITH_CHILDREN = "users.active AND users.role = 'practitioner'"


def caseload_size(db: Database, user_id: int) -> int:
    """How many children have this person on their team."""
    return db.execute("SELECT COUNT(*) FROM child_practitioners WHERE user_id = ?", (user_id,)).fetchone()[0]


def children_needing_a_practitioner(db: Database) -> list[dict]:
    """Per person on a team: how many of their children have nobody on it who can sign in and work with them,
    and how many of those have an alert nobody has acknowledged."""
    return all_rows(
        db,
        f"""
        SELECT users.id, users.name, users.active, COUNT(*) AS children,
               SUM(EXISTS (SELECT 1 FROM alerts JOIN sessions ON sessions.id = alerts.session_id
                           WHERE sessions.child_id = mine.child_id AND alerts.acknowledged_at IS NULL))
                   AS with_open_alert
        FROM child_practitioners AS mine JOIN users ON users.id = mine.user_id
        WHERE NOT EXISTS (
            SELECT 1 FROM child_practitioners AS theirs JOIN users ON users.id = theirs.user_id
            WHERE theirs.child_id = mine.child_id AND {_CAN_WORK_WITH_CHILDREN}
        )
        GROUP BY users.id ORDER BY users.name, users.id
        """,
    )


def pass_on_caseload(db: Database, from_id: int, to_id: int) -> list[int]:
    """Put every child of one person's caseload on another's (an active practitioner) instead; every record
    stays. Returns the children moved (none if the one taking them on cannot work with children)."""
    with write_transaction(db):
        taker = db.execute(
            f"SELECT 1 FROM users WHERE id = ? AND {_CAN_WORK_WITH_CHILDREN}", (to_id,)
        ).fetchone()
        if taker is None or from_id == to_id:
            return []
        moved = [
            row[0]
            for row in db.execute("SELECT child_id FROM child_practitioners WHERE user_id = ?", (from_id,))
        ]
        db.conn.executemany(
            "INSERT OR IGNORE INTO child_practitioners (child_id, user_id) VALUES (?, ?)",
            [(child_id, to_id) for child_id in moved],
        )
        db.execute("DELETE FROM child_practitioners WHERE user_id = ?", (from_id,))
    return moved


def practitioners_taking_children(db: Database) -> list[dict]:
    """Everyone who can take a caseload on: active practitioners, by name."""
    return all_rows(
        db, f"SELECT id, name, email FROM users WHERE {_CAN_WORK_WITH_CHILDREN} ORDER BY name, id"
    )
