"""Who may see what: the one place that decides whether a practitioner may open (and change) a child's record,
and which children a team's manager may read."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, request
from flask_login import current_user, login_required

from dayinmylife import audit, store
from dayinmylife.store.db import get_db
from dayinmylife.vocabulary import HOLDS_CASELOAD, HOME, OVERSEES_TEAMS, READS_CHILDREN, RUNS_CONSULTATIONS


def holds_caseload(user) -> bool:
    return user.is_authenticated and user.role in HOLDS_CASELOAD


def may_see_child(user, child_id: int | None) -> bool:
    """Tell whether this person may open this child's record: a caseload role, on the child's team."""
    return (
        child_id is not None
        and holds_caseload(user)
        and store.children.child_for(get_db(), user.id, child_id) is not None
    )


def home_of(role: str) -> str:
    """The endpoint of the first page for someone with this role."""
    return HOME.get(role, "caseload.index")


def oversees_teams(user) -> bool:
    return user.is_authenticated and user.role in OVERSEES_TEAMS


def works_with(child_id: int) -> bool:
    """Whether the signed-in person works with this child (and so may change their record), not only reads it."""
    return may_see_child(current_user, child_id)


def child_to_read_or_404(child_id: int) -> dict:
    """A child the signed-in person may read: on their caseload, or a child their team's manager oversees."""
    if oversees_teams(current_user):
        return _or_refused(
            store.teams.child_overseen_by(get_db(), current_user.id, child_id), "child", child_id
        )
    return child_or_404(child_id)


def session_to_read_or_404(session_id: int) -> dict:
    """A session the signed-in person may read, as `child_to_read_or_404` decides for its child."""
    if oversees_teams(current_user):
        found = store.teams.session_overseen_by(get_db(), current_user.id, session_id)
        return _or_refused(found, "session", session_id)
    return session_or_404(session_id)


def child_or_404(child_id: int) -> dict:
    """Return a child of the signed-in practitioner, or stop with 404 (never say whether they exist)."""
    mine = holds_caseload(current_user)
    found = store.children.child_for(get_db(), current_user.id, child_id) if mine else None
    return _or_refused(found, "child", child_id)


def session_or_404(session_id: int) -> dict:
    """Return a session of a child the signed-in practitioner works with, or stop with 404."""
    mine = holds_caseload(current_user)
    found = store.sessions.session_for(get_db(), current_user.id, session_id) if mine else None
    return _or_refused(found, "session", session_id)


def _or_refused(found: dict | None, what: str, record_id: int) -> dict:
    """Return the record found, or put the refused look in the audit log and stop with 404."""
    if found is None:
        audit.record(get_db(), "access_refused", what=what, id=record_id)
        abort(404)
    return found


def _only(allowed: Callable[[Any], bool]):
    """Let only signed-in people the check allows through; others get 404, as if nothing were here."""

    def decorate(view):
        @wraps(view)
        @login_required
        def guarded(*args, **kwargs):
            if not allowed(current_user):
                asked = {"asked": request.view_args} if request.view_args else {}
                audit.record(get_db(), "access_refused", what=request.endpoint, **asked)
                abort(404)
            return view(*args, **kwargs)

        return guarded

    return decorate


def role_required(*roles: str):
    """Let only signed-in people with one of these roles through; others get 404, as if nothing were here."""
    return _only(lambda user: user.role in roles)


# Administrators, and the accounts an administrator lets read it: read from the account on every request.
impact_report_required = _only(lambda user: user.reads_impact_report)


caseload_required = role_required(*HOLDS_CASELOAD)
reads_children = role_required(*READS_CHILDREN)  # then child_to_read_or_404 or session_to_read_or_404


lead_required = role_required(*RUNS_CONSULTATIONS)


def consultation_or_404(consultation_id: int) -> dict:
    """Return a consultation of the signed-in lead, or stop with 404 (another lead's is not there)."""
    consultation = store.consultations.consultation_for(get_db(), current_user.id, consultation_id)
    if consultation is None:
        abort(404)
    return consultation
