"""What finished sessions found (questionnaire/findings.py), kept so that each session is read only once."""

from __future__ import annotations

import json

from sqlite_utils import Database

from dayinmylife.store.db import write_transaction
from dayinmylife.store.rows import all_rows


def kept_findings(db: Database, session_ids: list[int]) -> dict[int, tuple[str, str]]:
    """session id -> (stamp, findings as JSON) for those of these sessions whose findings are kept."""
    found = {}
    for start in range(0, len(session_ids), 900):  # within SQLite's limit on bound parameters
        chunk = session_ids[start : start + 900]
        marks = ", ".join("?" for _ in chunk)
        rows = all_rows(
            db,
            f"SELECT session_id, stamp, findings FROM session_findings WHERE session_id IN ({marks})",
            tuple(chunk),
        )
        found.update({row["session_id"]: (row["stamp"], row["findings"]) for row in rows})
    return found


def keep_findings(db: Database, findings: dict[int, tuple[str, str, str]]) -> None:
    """Keep (or replace) sessions' findings: session id -> (stamp, findings as JSON, what is counted of them
    as JSON)."""
    with write_transaction(db):
        db.conn.executemany(
            "INSERT OR REPLACE INTO session_findings (session_id, stamp, findings, counted) VALUES (?, ?, ?, ?)",
            [(session_id, *kept) for session_id, kept in findings.items()],
        )


def kept_stamps(db: Database, session_ids: list[int]) -> dict[int, str]:
    """session id -> the stamp its findings are kept under, for those of these sessions whose are kept with
    what is counted of them."""
    rows = db.execute(
        "SELECT session_id, stamp FROM session_findings"
        " WHERE session_id IN (SELECT value FROM json_each(?)) AND counted IS NOT NULL",
        (json.dumps(session_ids),),
    ).fetchall()
    return dict(rows)
