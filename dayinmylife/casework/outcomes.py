"""From actions to outcomes: outcomes agreed for the child's experience, and whether each session shows them met."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from dayinmylife import audit, store
from dayinmylife.access import caseload_required, child_or_404
from dayinmylife.casework.ages import questionnaire_for_child
from dayinmylife.casework.forms import OutcomeForm
from dayinmylife.questionnaire.builtins import ALWAYS_OFFERED
from dayinmylife.store.db import get_db

bp = Blueprint("outcomes", __name__)


@bp.route("/children/<int:child_id>/outcomes/new", methods=["GET", "POST"])
@caseload_required
def add(child_id: int):
    """Agree an outcome: first its words and question, then the answers that would mean it is met."""
    child = child_or_404(child_id)
    questionnaire = questionnaire_for_child(child)
    form = OutcomeForm()
    form.question.choices = [
        SelectChoice(question.id, f"{_(questionnaire.part_of(question).title)}: {_(question.prompt)}")
        for question in questionnaire.questions
        if not question.free_text
    ]
    question = questionnaire.questions_by_id.get(form.question.data) if form.is_submitted() else None
    if question is not None:
        form.met_when.choices = [SelectChoice(option.value, _(option.label)) for option in question.options]
    saving = request.form.get("action") == "save"
    if saving and form.validate_on_submit() and _met_when_is_valid(form, question):
        day = "once" if question.days == "once" else form.day.data
        review_on = form.review_on.data.isoformat() if form.review_on.data else None
        store.casework.add_outcome(
            get_db(),
            child_id,
            current_user.id,
            form.statement.data,
            question.id,
            day,
            form.met_when.data,
            review_on,
        )
        audit.record(get_db(), "outcome_added", child_id=child_id)
        flash(_("The outcome has been added."))
        return redirect(url_for("caseload.child", child_id=child_id) + "#outcomes")
    return render_template(
        "outcomes/add.html", child=child, form=form, question=question, questionnaire=questionnaire
    )


def _met_when_is_valid(form: OutcomeForm, question) -> bool:
    offered = {option.value for option in question.options} - {option.value for option in ALWAYS_OFFERED}
    if not form.met_when.data:
        form.met_when.errors.append(_("Choose at least one answer that would mean the outcome is met"))
        return False
    if not set(form.met_when.data) <= offered:
        form.met_when.errors.append(_("Choose answers from the list"))
        return False
    return True
