"""What the partnership's impact report (impact/) reads: the children heard in a period, across every team."""

from __future__ import annotations

import json

from sqlite_utils import Database

from dayinmylife.store.rows import all_rows


def children_heard(db: Database, start: str, end: str) -> list[dict]:
    """Each child with a finished session started in [start, end): its team (that of its practitioner in a
    team, the first if several; None if none is), how many such sessions, how many were the child's own
    account, and the latest of them (id, questionnaire, status)."""
    return all_rows(
        db,
        """
        SELECT heard.*,
               (SELECT MIN(member.team_id) FROM child_practitioners AS worker
                JOIN team_members AS member ON member.user_id = worker.user_id AND NOT member.manages
                WHERE worker.child_id = heard.child_id) AS team_id
        FROM (
            SELECT child_id, COUNT(*) AS sessions, SUM(account = 'child') AS own_account,
                   MAX(started_at) AS latest_at, id, questionnaire_id, status
            FROM sessions
            WHERE status = 'finished' AND child_id IS NOT NULL AND started_at >= ? AND started_at < ?
            GROUP BY child_id
        ) AS heard
        """,
        (start, end),
    )


def outcomes_of_children(db: Database, child_ids: list[int]) -> list[dict]:
    """The outcomes agreed with these children, oldest first."""
    rows = all_rows(
        db,
        """
        SELECT child_id, statement, question_id, day, met_when FROM outcomes
        WHERE child_id IN (SELECT value FROM json_each(?)) ORDER BY child_id, created_at, id
        """,
        (json.dumps(child_ids),),
    )
    return [{**row, "met_when": json.loads(row["met_when"])} for row in rows]


def first_and_latest_own_sessions(db: Database, child_ids: list[int], before: str) -> dict[int, list[dict]]:
    """child id -> the first and the latest (if another) of their finished sessions with their own account
    started before then: id, questionnaire and when, oldest first."""
    found: dict[int, list[dict]] = {}
    for pick in ("MIN", "MAX"):
        rows = all_rows(
            db,
            f"""
            SELECT child_id, {pick}(started_at) AS started_at, id, questionnaire_id, status FROM sessions
            WHERE status = 'finished' AND account = 'child' AND started_at < ?
              AND child_id IN (SELECT value FROM json_each(?))
            GROUP BY child_id
            """,
            (before, json.dumps(child_ids)),
        )
        for row in rows:
            sessions = found.setdefault(row["child_id"], [])
            if not sessions or sessions[-1]["id"] != row["id"]:
                sessions.append(row)
    return found
