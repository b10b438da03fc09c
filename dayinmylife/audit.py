"""The audit log: who did what to which record, and when (UTC). Append-only; never a child's answers."""

from flask import has_request_context
from flask_login import current_user

from dayinmylife import store
from dayinmylife.vocabulary import AUDIT_EVENTS


def record(db, event: str, *, child_id=None, session_id=None, actor: str | None = None, **detail) -> None:
    """Append one event. Detail holds ids and counts only: never names, answers or notes."""
    if event not in AUDIT_EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    user_id, label = _actor()
    store.audit.add_event(
        db, event, user_id, actor or label, child_id=child_id, session_id=session_id, **detail
    )


def _actor() -> tuple[int | None, str]:
    if has_request_context() and current_user.is_authenticated:
        return current_user.id, current_user.email
    return None, "command line" if not has_request_context() else "signed-out visitor"
