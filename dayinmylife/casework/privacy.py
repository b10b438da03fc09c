"""A child's rights over their record: everything held about them (subject access), and erasure."""

import json

from flask import Blueprint, Response, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from dayinmylife import audit, clock, store
from dayinmylife.access import caseload_required, child_or_404
from dayinmylife.alerts.shown import alerts_of_child
from dayinmylife.casework.forms import EraseChildForm
from dayinmylife.casework.pdf import pdf_download
from dayinmylife.questionnaire.summary import day_summary
from dayinmylife.questionnaires import all_questionnaires, worded_for
from dayinmylife.store.db import get_db

bp = Blueprint("privacy", __name__)


@bp.get("/children/<int:child_id>/everything.json")
@caseload_required
def export_json(child_id: int):
    """Export everything held about a child as JSON (subject access)."""
    child_or_404(child_id)
    held = store.children.everything_about_child(get_db(), child_id)
    audit.record(get_db(), "child_exported", child_id=child_id, format="json")
    body = json.dumps(held, ensure_ascii=False, indent=2)
    filename = f"day-in-my-life-child-{child_id}.json"
    return Response(
        body, mimetype="application/json", headers={"Content-Disposition": f"attachment; filename={filename}"}
    )


@bp.get("/children/<int:child_id>/everything")
@caseload_required
def export_page(child_id: int):
    """Show everything held about a child as a readable, printable page (subject access)."""
    page = _everything(child_id)
    audit.record(get_db(), "child_exported", child_id=child_id, format="page")
    return render_template("privacy/everything.html", **page)


@bp.get("/children/<int:child_id>/everything.pdf")
@caseload_required
def export_pdf(child_id: int):
    """Everything held about a child as a PDF (subject access, or the case file)."""
    page = _everything(child_id)
    audit.record(get_db(), "child_exported", child_id=child_id, format="pdf")
    what = f"Day in my life everything held {clock.today().isoformat()}"
    return pdf_download(page.pop("child"), what, "privacy/everything.html", **page)


def _everything(child_id: int) -> dict:
    child = child_or_404(child_id)
    held = store.children.everything_about_child(get_db(), child_id)
    g.child_name = child["display_name"]
    questionnaires = {
        session["id"]: worded_for(all_questionnaires()[session["questionnaire_id"]], session["account"])
        for session in held["sessions"]
        if session["questionnaire_id"] in all_questionnaires()
    }
    answers = store.sessions.answers_of_sessions(get_db(), [session["id"] for session in held["sessions"]])
    sessions = [
        {
            **session,
            "questionnaire": questionnaires.get(session["id"]),
            "summary": day_summary(questionnaires[session["id"]], answers[session["id"]])
            if session["id"] in questionnaires
            else [],
        }
        for session in held["sessions"]
    ]
    return {"child": child, "held": held, "sessions": sessions, "alerts": alerts_of_child(child_id)}


@bp.route("/children/<int:child_id>/erase", methods=["GET", "POST"])
@caseload_required
def erase(child_id: int):
    """Erase a child's whole record after the practitioner types the child's name to confirm."""
    child = child_or_404(child_id)
    form = EraseChildForm()
    if form.validate_on_submit():
        if form.confirm_name.data.strip() == child["display_name"]:
            store.children.erase_child(get_db(), child_id)
            audit.record(get_db(), "child_erased", child_id=child_id)
            flash(_("The child's record has been erased. The audit log keeps only that it happened."))
            return redirect(url_for("caseload.index"))
        form.confirm_name.errors.append(_("Type the child's name exactly as it is shown to confirm"))
    return render_template("privacy/erase.html", child=child, form=form), 400 if form.errors else 200
