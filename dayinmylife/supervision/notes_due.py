"""Supervision decisions coming due: shown to the practitioners and the manager until they are done."""

from datetime import timedelta

from dayinmylife import clock, store
from dayinmylife.store.db import get_db

DUE_WITHIN = timedelta(days=14)


def decisions_due(child_ids: list[int]) -> list[dict]:
    """These children's decisions not yet done that are overdue or due in the next two weeks."""
    by = (clock.today() + DUE_WITHIN).isoformat()
    return store.casework.supervision_decisions_due(get_db(), child_ids, by) if child_ids else []
