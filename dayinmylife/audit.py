"""The audit log: who did what to which record, and when (UTC). Append-only; never a child's answers."""

import json

from flask import has_request_context
from flask_login import current_user

from .db import write_transaction
from .queries import now

# Every event the app records, with what an administrator reads for it.
EVENTS = {
    "signed_in": "Signed in",
    "sign_in_failed": "Sign-in failed",
    "signed_out": "Signed out",
    "second_step_failed": "Sign-in failed at the second step (code from the app or recovery code)",
    "two_factor_set_up": "Two-step sign-in set up",
    "two_factor_turned_off": "Two-step sign-in turned off",
    "recovery_codes_renewed": "New recovery codes made",
    "two_factor_reset": "Two-step sign-in reset by an administrator",
    "two_factor_requirement_changed": "Two-step sign-in required for everyone, or no longer",
    "access_refused": "Access refused",
    "child_added": "Child added",
    "child_viewed": "Child's record viewed",
    "session_viewed": "Session viewed",
    "record_printed": "Record opened for printing",
    "child_exported": "Child's record exported",
    "child_erased": "Child's record erased",
    "note_added": "Note added",
    "outcome_added": "Outcome added",
    "records_expired": "Records deleted under the retention period",
    "consultation_created": "Consultation created",
    "consultation_exported": "Consultation's results or anonymous answers exported",
    "consultation_answers_expired": "Consultation's responses deleted under the retention period",
    "answer_link_created": "Own-phone link to a session created",
    "answer_link_revoked": "Own-phone link revoked",
    "answer_link_used": "Own-phone link used to open a session",
    "account_created": "Account created",
    "account_disabled": "Account disabled",
    "account_enabled": "Account enabled again",
    "password_reset": "Password reset by an administrator",
    "role_changed": "Role changed",
    "team_member_added": "Practitioner added to a child's team",
    "team_member_removed": "Practitioner removed from a child's team",
}


def record(db, event: str, *, child_id=None, session_id=None, actor: str | None = None, **detail) -> None:
    """Append one event. Detail holds ids and counts only: never names, answers or notes."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    user_id, label = _actor()
    with write_transaction(db):
        db.execute(
            "INSERT INTO audit_log (at, actor_id, actor, event, child_id, session_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                now(),
                user_id,
                actor or label,
                event,
                child_id,
                session_id,
                json.dumps(detail) if detail else None,
            ),
        )


def _actor() -> tuple[int | None, str]:
    if has_request_context() and current_user.is_authenticated:
        return current_user.id, current_user.email
    return None, "command line" if not has_request_context() else "signed-out visitor"
