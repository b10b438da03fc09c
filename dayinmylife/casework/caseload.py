"""The practitioner's caseload: their children, each child's sessions, starting and reading a session."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from dayinmylife import audit, store
from dayinmylife.access import (
    caseload_required,
    child_or_404,
    child_to_read_or_404,
    holds_caseload,
    home_of,
    reads_children,
    session_or_404,
    session_to_read_or_404,
)
from dayinmylife.alerts.shown import alerts_of_child, open_alerts_for
from dayinmylife.answering import grants
from dayinmylife.casework.ages import age_in_words, age_on, suggested_questionnaire
from dayinmylife.casework.caseload_list import SHOWS, SORTS, Choice, attention, caseload_list
from dayinmylife.casework.forms import CORRECTABLE, ChildForm, NextSessionForm, StartSessionForm
from dayinmylife.casework.page_sections import outcome_history, own_phone_links, team_section
from dayinmylife.casework.schedule import next_session
from dayinmylife.questionnaire.day_picture import day_picture
from dayinmylife.questionnaire.summary import answered_in_order, day_summary
from dayinmylife.questionnaires import all_questionnaires, questionnaire_of
from dayinmylife.store.db import get_db
from dayinmylife.supervision.child_sessions import child_sessions
from dayinmylife.supervision.drift import concerns
from dayinmylife.supervision.notes_due import decisions_due
from dayinmylife.vocabulary import known
from dayinmylife.web.i18n import format_day

bp = Blueprint("caseload", __name__)
bp.add_app_template_global(holds_caseload)


@bp.get("/")
@login_required
def index():
    """List the practitioner's children; anyone else goes to their own first page."""
    if not holds_caseload(current_user):
        return redirect(url_for(home_of(current_user.role)))
    children = [
        {**child, "next": next_session(child["next_session_on"], child["last_session_at"])}
        for child in store.children.children_of(get_db(), current_user.id)
    ]
    choice = Choice.from_args(request.args)
    return render_template(
        "caseload/index.html",
        children=caseload_list(children, choice),
        total=len(children),
        overdue=sum(child["next"].status == "overdue" for child in children),
        decisions_due=decisions_due([child["id"] for child in children]),
        open_alerts=open_alerts_for(current_user.id),
        choice=choice,
        shows=SHOWS,
        sorts=SORTS,
        attention=attention,
        age_in_words=age_in_words,
    )


@bp.route("/children/new", methods=["GET", "POST"])
@caseload_required
def add_child():
    """Add a child to the practitioner's caseload."""
    form = ChildForm()
    same = None
    if form.validate_on_submit():
        same = store.children.same_child_on_caseload(
            get_db(), current_user.id, form.display_name.data, form.date_of_birth.data.isoformat()
        )
    if form.validate_on_submit() and (same is None or request.form.get("add_anyway")):
        child_id = store.children.create_child(
            get_db(),
            current_user.id,
            form.display_name.data,
            form.date_of_birth.data.isoformat(),
            form.case_reference.data,
        )
        audit.record(get_db(), "child_added", child_id=child_id)
        flash(_("%(name)s has been added.", name=form.display_name.data.strip()))
        return redirect(url_for("caseload.child", child_id=child_id))
    return render_template("caseload/add_child.html", form=form, same=same), 400 if form.errors else 200


@bp.get("/children/<int:child_id>")
@reads_children
def child(child_id: int):
    """Show a child and their sessions over time."""
    child = child_to_read_or_404(child_id)
    sessions = store.sessions.sessions_of_child(get_db(), child_id)
    audit.record(get_db(), "child_viewed", child_id=child_id)
    return render_template(
        "caseload/child.html",
        child=child,
        age=age_in_words(child["date_of_birth"]),
        sessions=sessions,
        questionnaires=all_questionnaires(),
        next_session=next_session(child["next_session_on"], sessions[0]["started_at"] if sessions else None),
        next_session_form=NextSessionForm(),
        outcome_history=outcome_history(child_id, sessions),
        corrections=store.children.corrections_of_child(get_db(), child_id),
        concerns=concerns(*child_sessions(child)),
        supervision_notes=store.casework.supervision_notes_of_child(get_db(), child_id),
        alerts=alerts_of_child(child_id),
        correctable=CORRECTABLE,
        **team_section(child_id),
    )


@bp.post("/children/<int:child_id>/next-session")
@caseload_required
def set_next_session(child_id: int):
    """Change when the child's next session is due (never before their last session)."""
    child = child_or_404(child_id)
    form = NextSessionForm()
    latest = store.sessions.latest_session_of_child(get_db(), child_id)
    last_day = latest["started_at"][:10] if latest else None
    if not form.validate_on_submit():
        flash(_("Enter the next session's date as a real date."))
    elif last_day and form.next_session_on.data.isoformat() < last_day:
        flash(_("The next session cannot be before the last one, on %(day)s.", day=format_day(last_day)))
    else:
        store.casework.set_next_session(get_db(), child["id"], form.next_session_on.data.isoformat())
        audit.record(get_db(), "next_session_set", child_id=child_id)
        day = format_day(form.next_session_on.data.isoformat())
        flash(_("The next session is now due by %(day)s.", day=day))
    return redirect(url_for("caseload.child", child_id=child_id) + "#next-session")


@bp.route("/children/<int:child_id>/sessions/new", methods=["GET", "POST"])
@caseload_required
def start_session(child_id: int):
    """Start a session with the questionnaire for the child's age (changeable) and hand the device over."""
    child = child_or_404(child_id)
    questionnaires = all_questionnaires()
    form = StartSessionForm()
    form.questionnaire.choices = [
        SelectChoice(
            q.id, _("%(title)s, ages %(start)d to %(end)d", title=_(q.title), start=q.age_from, end=q.age_to)
        )
        for q in questionnaires.values()
    ]
    if not form.is_submitted():
        form.questionnaire.data = suggested_questionnaire(questionnaires, age_on(child["date_of_birth"]))
        form.language.data = _child_language(child_id)
    if form.validate_on_submit():
        questionnaire = questionnaires[form.questionnaire.data]
        account = form.account.data or "child"
        session_id = store.sessions.start_session(
            get_db(),
            child_id,
            questionnaire,
            current_user.id,
            language=form.language.data,
            account=account,
            scan_every_ms=int(form.scan_every.data) if form.scan_every.data and account == "child" else None,
        )
        audit.record(get_db(), "session_started", child_id=child_id, session_id=session_id)
        if questionnaire.answered_by == "child" and account == "child":
            grants.lock_to(session_id)
        return redirect(url_for("my_day.resume", session_id=session_id))
    return render_template(
        "caseload/start_session.html", child=child, form=form, questionnaires=questionnaires
    )


def _child_language(child_id: int) -> str:
    """The language the child answered in last time, else the one this page is in."""
    latest = store.sessions.latest_session_of_child(get_db(), child_id)
    return (known(latest["language"]) if latest else None) or str(get_locale())


@bp.post("/sessions/<int:session_id>/continue")
@caseload_required
def continue_session(session_id: int):
    """Hand the device back to the child to carry on an unfinished session."""
    session = session_or_404(session_id)
    questionnaire = questionnaire_of(session)
    if questionnaire.answered_by == "child" and session["account"] == "child":
        grants.lock_to(session_id)
    return redirect(url_for("my_day.resume", session_id=session_id))


@bp.get("/sessions/<int:session_id>")
@reads_children
def session_view(session_id: int):
    """Read a session's answers by part of the day, school day beside weekend, the child's words as written."""
    session = session_to_read_or_404(session_id)
    audit.record(get_db(), "session_viewed", child_id=session["child_id"], session_id=session_id)
    questionnaire = questionnaire_of(session)
    answers = store.sessions.answers_of(get_db(), session_id)
    return render_template(
        "caseload/session.html",
        session=session,
        questionnaire=questionnaire,
        summary=day_summary(questionnaire, answers),
        picture=day_picture(questionnaire, answers),
        answer_count=len(answers),
        notes=store.casework.notes_of_session(get_db(), session_id),
        answers_to_note=answered_in_order(questionnaire, answers),
        message_to_child=store.casework.message_to_child(get_db(), session_id),
        own_phone=own_phone_links(session),
    )
