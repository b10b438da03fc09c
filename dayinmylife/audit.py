"""The audit log: who did what to which record, and when (UTC). Append-only; never a child's answers."""

from flask import has_request_context
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from dayinmylife import store

# Every event the app records, with what an administrator reads for it (in their language).
EVENTS = {
    "signed_in": _l("Signed in"),
    "sign_in_failed": _l("Sign-in failed"),
    "signed_out": _l("Signed out"),
    "second_step_failed": _l("Sign-in failed at the second step (code from the app or recovery code)"),
    "two_factor_set_up": _l("Two-step sign-in set up"),
    "two_factor_turned_off": _l("Two-step sign-in turned off"),
    "recovery_codes_renewed": _l("New recovery codes made"),
    "two_factor_reset": _l("Two-step sign-in reset by an administrator"),
    "two_factor_requirement_changed": _l("Two-step sign-in required for everyone, or no longer"),
    "access_refused": _l("Access refused"),
    "child_added": _l("Child added"),
    "child_viewed": _l("Child's record viewed"),
    "session_viewed": _l("Session viewed"),
    "record_printed": _l("Record opened for printing"),
    "child_exported": _l("Child's record exported"),
    "child_erased": _l("Child's record erased"),
    "note_added": _l("Note added"),
    "outcome_added": _l("Outcome added"),
    "records_expired": _l("Records deleted under the retention period"),
    "consultation_answers_expired": _l("A consultation's answers deleted under the retention period"),
    "consultation_created": _l("Consultation created"),
    "consultation_changed": _l("Consultation's title, dates or cap changed"),
    "consultation_closed": _l("Consultation closed early"),
    "consultation_reopened": _l("Consultation opened again"),
    "consultation_deleted": _l("Consultation deleted with its answers"),
    "consultation_exported": _l("Consultation's results or anonymous answers exported"),
    "answer_link_created": _l("Own-phone link to a session created"),
    "answer_link_revoked": _l("Own-phone link revoked"),
    "answer_link_used": _l("Own-phone link used to open a session"),
    "account_created": _l("Account created"),
    "account_disabled": _l("Account disabled"),
    "account_enabled": _l("Account enabled again"),
    "password_reset": _l("Password reset by an administrator"),
    "role_changed": _l("Role changed"),
    "team_member_added": _l("Practitioner added to a child's team"),
    "team_member_removed": _l("Practitioner removed from a child's team"),
    "child_edited": _l("Child's details corrected"),
    "session_started": _l("Session started"),
    "session_removed": _l("Session started by mistake removed"),
    "next_session_set": _l("Next session date set"),
    "message_to_child_written": _l("“You said, we did” written"),
    "child_mode_unlocked": _l("Device taken back from child mode"),
    "child_mode_unlock_failed": _l("Wrong password to take a device back from child mode"),
}


def record(db, event: str, *, child_id=None, session_id=None, actor: str | None = None, **detail) -> None:
    """Append one event. Detail holds ids and counts only: never names, answers or notes."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    user_id, label = _actor()
    store.audit.add_event(
        db, event, user_id, actor or label, child_id=child_id, session_id=session_id, **detail
    )


def _actor() -> tuple[int | None, str]:
    if has_request_context() and current_user.is_authenticated:
        return current_user.id, current_user.email
    return None, "command line" if not has_request_context() else "signed-out visitor"
