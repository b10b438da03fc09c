"""Putting mistakes right: a child's details corrected (the old values kept with the record), and a session
started by mistake removed, with a reason (a finished session is never removed)."""

from datetime import date

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from dayinmylife import audit, store
from dayinmylife.access import caseload_required, child_or_404, session_or_404
from dayinmylife.answering import grants
from dayinmylife.casework.forms import ChildForm, RemoveSessionForm
from dayinmylife.store.db import get_db

bp = Blueprint("corrections", __name__)


@bp.route("/children/<int:child_id>/edit", methods=["GET", "POST"])
@caseload_required
def edit_child(child_id: int):
    """Correct a child's name, date of birth or case reference."""
    child = child_or_404(child_id)
    form = ChildForm(data={**child, "date_of_birth": date.fromisoformat(child["date_of_birth"])})
    if form.validate_on_submit():
        details = {
            "display_name": form.display_name.data.strip(),
            "date_of_birth": form.date_of_birth.data.isoformat(),
            "case_reference": (form.case_reference.data or "").strip() or None,
        }
        changed = store.children.correct_child(get_db(), child_id, current_user.id, details)
        if changed:
            audit.record(get_db(), "child_edited", child_id=child_id, fields=changed)
            flash(_("%(name)s's details have been corrected.", name=details["display_name"]))
        return redirect(url_for("caseload.child", child_id=child_id))
    page = render_template("corrections/edit_child.html", child=child, form=form)
    return page, 400 if form.errors else 200


@bp.route("/sessions/<int:session_id>/remove", methods=["GET", "POST"])
@caseload_required
def remove_session(session_id: int):
    """Remove an unfinished session started by mistake, after a reason is chosen."""
    session = session_or_404(session_id)
    if session["status"] == "finished":
        flash(_("A finished session is part of the child's record and cannot be removed."))
        return redirect(url_for("caseload.session_view", session_id=session_id))
    form = RemoveSessionForm()
    if form.validate_on_submit() and store.sessions.remove_unfinished_session(get_db(), session_id):
        grants.forget(session_id)
        audit.record(
            get_db(),
            "session_removed",
            child_id=session["child_id"],
            session_id=session_id,
            reason=form.reason.data,
        )
        flash(_("The session has been removed."))
        return redirect(url_for("caseload.child", child_id=session["child_id"]))
    page = render_template("corrections/remove_session.html", session=session, form=form)
    return page, 400 if form.errors else 200
