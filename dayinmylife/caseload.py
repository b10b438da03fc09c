"""The practitioner's caseload: their children, each child's sessions, starting and reading a session."""

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from . import queries
from .child_mode import lock_to
from .db import get_db
from .forms import ChildForm, StartSessionForm
from .questionnaire.summary import day_summary

bp = Blueprint("caseload", __name__)


def age_on(date_of_birth: str, today: date | None = None) -> int:
    """Age in whole years."""
    born, today = date.fromisoformat(date_of_birth), today or date.today()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def age_in_words(date_of_birth: str, today: date | None = None) -> str:
    """Say a child's age as people do: in months under two, in years after."""
    born, today = date.fromisoformat(date_of_birth), today or date.today()
    months = (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)
    if months < 24:
        return ngettext("%(num)d month", "%(num)d months", months)
    return str(age_on(date_of_birth, today))


def suggested_questionnaire(questionnaires: dict, age: int) -> str:
    """The questionnaire whose age band covers this age (the oldest band past its end)."""
    for questionnaire in sorted(questionnaires.values(), key=lambda q: q.age_from):
        if questionnaire.age_from <= age <= questionnaire.age_to:
            return questionnaire.id
    return max(questionnaires.values(), key=lambda q: q.age_to).id


def _child_or_404(child_id: int) -> dict:
    child = queries.child_for(get_db(), current_user.id, child_id)
    if child is None:
        abort(404)
    return child


@bp.get("/")
@login_required
def index():
    """List the practitioner's children."""
    children = queries.children_of(get_db(), current_user.id)
    return render_template("caseload/index.html", children=children, age_in_words=age_in_words)


@bp.route("/children/new", methods=["GET", "POST"])
@login_required
def add_child():
    """Add a child to the practitioner's caseload."""
    form = ChildForm()
    if form.validate_on_submit():
        child_id = queries.create_child(
            get_db(),
            current_user.id,
            form.display_name.data,
            form.date_of_birth.data.isoformat(),
            form.case_reference.data,
        )
        flash(_("%(name)s has been added.", name=form.display_name.data.strip()))
        return redirect(url_for("caseload.child", child_id=child_id))
    return render_template("caseload/add_child.html", form=form), 400 if form.errors else 200


@bp.get("/children/<int:child_id>")
@login_required
def child(child_id: int):
    """Show a child and their sessions over time."""
    child = _child_or_404(child_id)
    sessions = queries.sessions_of_child(get_db(), child_id)
    return render_template(
        "caseload/child.html",
        child=child,
        age=age_in_words(child["date_of_birth"]),
        sessions=sessions,
        questionnaires=current_app.extensions["questionnaires"],
    )


@bp.route("/children/<int:child_id>/sessions/new", methods=["GET", "POST"])
@login_required
def start_session(child_id: int):
    """Start a session with the questionnaire for the child's age (changeable) and hand the device over."""
    child = _child_or_404(child_id)
    questionnaires = current_app.extensions["questionnaires"]
    form = StartSessionForm()
    form.questionnaire.choices = [
        (q.id, _(q.title) + f" ({q.age_from}–{q.age_to})") for q in questionnaires.values()
    ]
    if not form.is_submitted():
        form.questionnaire.data = suggested_questionnaire(questionnaires, age_on(child["date_of_birth"]))
    if form.validate_on_submit():
        questionnaire = questionnaires[form.questionnaire.data]
        session_id = queries.start_session(get_db(), child_id, questionnaire, current_user.id)
        if questionnaire.answered_by == "child":
            lock_to(session_id)
        return redirect(url_for("my_day.resume", session_id=session_id))
    return render_template(
        "caseload/start_session.html", child=child, form=form, questionnaires=questionnaires
    )


@bp.post("/sessions/<int:session_id>/continue")
@login_required
def continue_session(session_id: int):
    """Hand the device back to the child to carry on an unfinished session."""
    session = queries.session_for(get_db(), current_user.id, session_id)
    if session is None:
        abort(404)
    if current_app.extensions["questionnaires"][session["questionnaire_id"]].answered_by == "child":
        lock_to(session_id)
    return redirect(url_for("my_day.resume", session_id=session_id))


@bp.get("/sessions/<int:session_id>")
@login_required
def session_view(session_id: int):
    """Read a session's answers by part of the day, school day beside weekend, the child's words as written."""
    session = queries.session_for(get_db(), current_user.id, session_id)
    if session is None:
        abort(404)
    questionnaire = current_app.extensions["questionnaires"][session["questionnaire_id"]]
    answers = queries.answers_of(get_db(), session_id)
    return render_template(
        "caseload/session.html",
        session=session,
        questionnaire=questionnaire,
        summary=day_summary(questionnaire, answers),
        answer_count=len(answers),
    )
