"""The audit log's rows: appended one event at a time, read by administrators."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from dayinmylife import clock
from dayinmylife.store.db import write_transaction
from dayinmylife.store.rows import all_rows


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
    return all_rows(db, sql, (*params, limit))


def add_event(db: Database, event: str, actor_id: int | None, actor: str, **ids_and_detail: Any) -> None:
    """Append one event; `child_id` and `session_id` get their own columns, the rest is kept as JSON detail."""
    child_id, session_id = ids_and_detail.pop("child_id", None), ids_and_detail.pop("session_id", None)
    with write_transaction(db):
        db.execute(
            "INSERT INTO audit_log (at, actor_id, actor, event, child_id, session_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                clock.now_iso(),
                actor_id,
                actor,
                event,
                child_id,
                session_id,
                json.dumps(ids_and_detail) if ids_and_detail else None,
            ),
        )
