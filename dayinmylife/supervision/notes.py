"""Supervision notes: a manager records a discussion about a child; the decisions show until they are done."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from dayinmylife import audit, clock, store
from dayinmylife.access import child_to_read_or_404, oversees_teams, reads_children, role_required
from dayinmylife.store.db import get_db
from dayinmylife.supervision.forms import SupervisionNoteForm
from dayinmylife.vocabulary import OVERSEES_TEAMS

bp = Blueprint("supervision_notes", __name__)


def _back(child_id: int):
    return redirect(url_for("caseload.child", child_id=child_id) + "#supervision")


@bp.route("/children/<int:child_id>/supervision", methods=["GET", "POST"])
@role_required(*OVERSEES_TEAMS)
def add(child_id: int):
    """Write down a supervision discussion about a child of the manager's team."""
    child = child_to_read_or_404(child_id)
    form = SupervisionNoteForm(data={"discussed_on": clock.today()})
    if form.validate_on_submit():
        due = form.due_on.data.isoformat() if form.due_on.data else None
        store.casework.add_supervision_note(
            get_db(),
            child_id,
            current_user.id,
            form.discussed_on.data.isoformat(),
            form.discussion.data,
            form.decisions.data or "",
            due,
        )
        audit.record(get_db(), "supervision_note_added", child_id=child_id)
        flash(_("The supervision discussion is saved on %(name)s's record.", name=child["display_name"]))
        return _back(child_id)
    page = render_template("supervision_notes/new.html", child=child, form=form)
    return page, 400 if form.errors else 200


@bp.post("/children/<int:child_id>/supervision/<int:note_id>/done")
@reads_children
def done(child_id: int, note_id: int):
    """Mark a discussion's decisions done: by a practitioner on the child's team or the team's manager."""
    child_to_read_or_404(child_id)
    if not (oversees_teams(current_user) or store.children.child_for(get_db(), current_user.id, child_id)):
        return _back(child_id)
    if store.casework.mark_supervision_decisions_done(get_db(), child_id, note_id):
        audit.record(get_db(), "supervision_decisions_done", child_id=child_id, note=note_id)
    return _back(child_id)
