"""Teams: practitioners, each in one team at most, and the managers who oversee their children."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from sqlite_utils import Database

from dayinmylife import clock
from dayinmylife.store.db import write_transaction
from dayinmylife.store.rows import all_rows, first_row

STALE_AFTER = timedelta(weeks=2)  # an unfinished session older than this is worth asking about

# The children a manager oversees: those with a practitioner of a team they manage on the child's team.
_OVERSEEN = """
    EXISTS (
        SELECT 1 FROM child_practitioners AS worker
        JOIN team_members AS member ON member.user_id = worker.user_id AND NOT member.manages
        JOIN team_members AS manager ON manager.team_id = member.team_id AND manager.manages
        WHERE worker.child_id = {child} AND manager.user_id = ?
    )
"""


def create_team(db: Database, name: str) -> int | None:
    """A new team; None if a team has that name already."""
    try:
        with write_transaction(db):
            cursor = db.execute(
                "INSERT INTO teams (name, created_at) VALUES (?, ?)", (name.strip(), clock.now_iso())
            )
    except sqlite3.IntegrityError:
        return None
    return cursor.lastrowid


def all_teams(db: Database) -> list[dict]:
    """Every team by name, with how many practitioners and managers it has."""
    return all_rows(
        db,
        """
        SELECT teams.*, COUNT(team_members.user_id) FILTER (WHERE NOT team_members.manages) AS practitioners,
               COUNT(team_members.user_id) FILTER (WHERE team_members.manages) AS managers
        FROM teams LEFT JOIN team_members ON team_members.team_id = teams.id
        GROUP BY teams.id ORDER BY teams.name
        """,
    )


def team_by_id(db: Database, team_id: int) -> dict | None:
    return first_row(db, "SELECT * FROM teams WHERE id = ?", (team_id,))


def members_of_team(db: Database, team_id: int) -> list[dict]:
    """The team's managers, then its practitioners, by name."""
    return all_rows(
        db,
        """
        SELECT users.id, users.name, users.email, users.role, users.active, team_members.manages
        FROM team_members JOIN users ON users.id = team_members.user_id
        WHERE team_members.team_id = ? ORDER BY team_members.manages DESC, users.name, users.id
        """,
        (team_id,),
    )


def team_of_practitioner(db: Database, user_id: int) -> dict | None:
    return first_row(
        db,
        """SELECT teams.* FROM teams JOIN team_members ON team_members.team_id = teams.id
           WHERE team_members.user_id = ? AND NOT team_members.manages""",
        (user_id,),
    )


def add_member(db: Database, team_id: int, user_id: int, manages: bool) -> bool:
    """Put a practitioner (in no other team) or a manager in the team; False if they cannot join it."""
    role = "manager" if manages else "practitioner"
    try:
        with write_transaction(db):
            cursor = db.execute(
                """
                INSERT INTO team_members (team_id, user_id, manages)
                SELECT ?, id, ? FROM users WHERE id = ? AND role = ?
                """,
                (team_id, int(manages), user_id, role),
            )
    except sqlite3.IntegrityError:  # a practitioner already in a team, or in this one
        return False
    return cursor.rowcount == 1


def remove_member(db: Database, team_id: int, user_id: int) -> bool:
    with write_transaction(db):
        cursor = db.execute("DELETE FROM team_members WHERE team_id = ? AND user_id = ?", (team_id, user_id))
    return cursor.rowcount == 1


def teams_managed_by(db: Database, user_id: int) -> list[dict]:
    return all_rows(
        db,
        """SELECT teams.* FROM teams JOIN team_members ON team_members.team_id = teams.id
           WHERE team_members.user_id = ? AND team_members.manages ORDER BY teams.name""",
        (user_id,),
    )


def child_overseen_by(db: Database, manager_id: int, child_id: int) -> dict | None:
    """A child, if a practitioner of a team this manager manages is on the child's team."""
    return first_row(
        db,
        f"SELECT children.* FROM children WHERE children.id = ? AND {_OVERSEEN.format(child='children.id')}",
        (child_id, manager_id),
    )


def session_overseen_by(db: Database, manager_id: int, session_id: int) -> dict | None:
    """A session, as `sessions.session_for` gives it, if its child is one this manager oversees."""
    return first_row(
        db,
        f"""
        SELECT sessions.*, children.display_name AS child_name, users.name AS started_by_name
        FROM sessions JOIN children ON children.id = sessions.child_id
        LEFT JOIN users ON users.id = sessions.started_by
        WHERE sessions.id = ? AND {_OVERSEEN.format(child="sessions.child_id")}
        """,
        (session_id, manager_id),
    )


def caseload_of_team(db: Database, team_id: int) -> list[dict]:
    """Each child of the team's practitioners, once per practitioner of the team on the child's team, with
    when they were last seen (a finished session), their latest session and their next session's date."""
    return all_rows(
        db,
        """
        SELECT children.id, children.display_name, children.case_reference, children.next_session_on,
               users.id AS practitioner_id, users.name AS practitioner_name, users.active AS practitioner_active,
               (SELECT MAX(started_at) FROM sessions WHERE child_id = children.id AND status = 'finished') AS last_seen,
               (SELECT MAX(started_at) FROM sessions WHERE child_id = children.id) AS last_started,
               (SELECT COUNT(*) FROM sessions WHERE child_id = children.id AND status != 'finished'
                  AND started_at < ?) AS stale_unfinished
        FROM team_members
        JOIN users ON users.id = team_members.user_id
        JOIN child_practitioners ON child_practitioners.user_id = users.id
        JOIN children ON children.id = child_practitioners.child_id
        WHERE team_members.team_id = ? AND NOT team_members.manages
        ORDER BY users.name, children.display_name, children.id
        """,
        ((clock.now() - STALE_AFTER).isoformat(timespec="seconds"), team_id),
    )


def move_child(db: Database, child_id: int, from_id: int, to_id: int) -> bool:
    """Put another active practitioner on a child's team in place of one; every record stays. False if the
    one leaving is not on it or the one taking over cannot work with children."""
    with write_transaction(db):
        taker = db.execute("SELECT 1 FROM users WHERE id = ? AND active AND role = 'practitioner'", (to_id,))
        leaving = db.execute(
            "SELECT 1 FROM child_practitioners WHERE child_id = ? AND user_id = ?", (child_id, from_id)
        )
        moves = from_id != to_id and taker.fetchone() is not None and leaving.fetchone() is not None
        if moves:
            db.execute(
                "DELETE FROM child_practitioners WHERE child_id = ? AND user_id = ?", (child_id, from_id)
            )
            db.execute(
                "INSERT OR IGNORE INTO child_practitioners (child_id, user_id) VALUES (?, ?)",
                (child_id, to_id),
            )
    return moves


def sessions_finished_since(db: Database, team_id: int, since: str) -> dict[int, int]:
    """Per practitioner of the team: the sessions they started, since that day, that are finished."""
    rows = db.execute(
        """
        SELECT team_members.user_id, COUNT(sessions.id) FROM team_members
        LEFT JOIN sessions ON sessions.started_by = team_members.user_id AND sessions.status = 'finished'
             AND sessions.started_at >= ? AND sessions.child_id IS NOT NULL
        WHERE team_members.team_id = ? AND NOT team_members.manages
        GROUP BY team_members.user_id
        """,
        (since, team_id),
    ).fetchall()
    return dict(rows)
