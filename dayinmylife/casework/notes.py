"""Practitioner notes on a session or a single answer, and "You said, we did" written back to the child."""

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from dayinmylife import audit, store
from dayinmylife.access import caseload_required, session_or_404
from dayinmylife.casework.forms import MessageToChildForm, NoteForm
from dayinmylife.questionnaire.model import DAY_KINDS
from dayinmylife.questionnaires import questionnaire_of
from dayinmylife.store.db import get_db

bp = Blueprint("notes", __name__)


@bp.post("/sessions/<int:session_id>/notes")
@caseload_required
def add(session_id: int):
    """Add a note on the session, or on one answer (what was observed, context), kept apart from the answers."""
    session = session_or_404(session_id)
    form = NoteForm()
    question_id, _space, day = (form.about.data or "").partition(" ")
    questions = questionnaire_of(session).questions_by_id
    if question_id not in questions or day not in DAY_KINDS:
        question_id = day = None  # naming no answer of this session, or half of one: a note on the session
    if form.validate_on_submit():
        store.casework.add_note(get_db(), session["id"], current_user.id, form.text.data, question_id, day)
        audit.record(get_db(), "note_added", child_id=session["child_id"], session_id=session["id"])
        flash(_("Your note has been added."))
    else:
        flash(_("The note was not added: %(problem)s", problem=next(iter(form.errors.values()))[0]))
    anchor = f"#answer-{question_id}-{day}" if question_id else "#notes"
    return redirect(url_for("caseload.session_view", session_id=session_id) + anchor)


@bp.post("/sessions/<int:session_id>/message-to-child")
@caseload_required
def message_to_child(session_id: int):
    """Write "You said, we did": the child sees it when their next session starts."""
    session = session_or_404(session_id)
    form = MessageToChildForm()
    if form.validate_on_submit():
        store.casework.set_message_to_child(get_db(), session["id"], current_user.id, form.text.data)
        audit.record(
            get_db(), "message_to_child_written", child_id=session["child_id"], session_id=session["id"]
        )
        flash(
            _("Saved. %(name)s will see it at the start of their next session.", name=session["child_name"])
        )
    else:
        flash(_("The message was not saved: %(problem)s", problem=next(iter(form.errors.values()))[0]))
    return redirect(url_for("caseload.session_view", session_id=session_id) + "#you-said-we-did")
