"""Changing a consultation after it is made, by its lead: its title, dates and cap; closing it early,
reopening it; deleting it with everything pupils gave (after its title is typed). Each change is audited."""

from datetime import date, timedelta

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from dayinmylife import audit, clock, store
from dayinmylife.access import consultation_or_404, lead_required
from dayinmylife.consultations.codes import status_on
from dayinmylife.consultations.forms import ConsultationDetailsForm, DeleteConsultationForm
from dayinmylife.store.db import get_db
from dayinmylife.web.i18n import format_day

bp = Blueprint("consultation_changes", __name__, url_prefix="/consultations")

REOPEN_FOR = timedelta(weeks=2)


@bp.route("/<int:consultation_id>/change", methods=["GET", "POST"])
@lead_required
def change(consultation_id: int):
    """Change the title, the dates (to extend it, say) or the most answers to accept."""
    consultation = consultation_or_404(consultation_id)
    form = ConsultationDetailsForm(
        data={
            **consultation,
            "opens_on": date.fromisoformat(consultation["opens_on"]),
            "closes_on": date.fromisoformat(consultation["closes_on"]),
        }
    )
    if form.validate_on_submit():
        details = {
            "title": form.title.data.strip(),
            "opens_on": form.opens_on.data.isoformat(),
            "closes_on": form.closes_on.data.isoformat(),
            "max_responses": form.max_responses.data,
        }
        if changed := store.consultations.change_consultation(get_db(), consultation_id, details):
            audit.record(get_db(), "consultation_changed", consultation=consultation_id, fields=changed)
            flash(_("The consultation has been changed."))
        return _to_overview(consultation_id)
    page = render_template("consultations/change.html", consultation=consultation, form=form)
    return page, 400 if form.errors else 200


@bp.post("/<int:consultation_id>/close")
@lead_required
def close(consultation_id: int):
    """Close it now: pupils can no longer start or carry on answering."""
    consultation = consultation_or_404(consultation_id)
    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    store.consultations.change_consultation(
        get_db(),
        consultation_id,
        {"opens_on": min(consultation["opens_on"], yesterday), "closes_on": yesterday},
    )
    audit.record(get_db(), "consultation_closed", consultation=consultation_id)
    flash(_("The consultation is closed: pupils can no longer answer it."))
    return _to_overview(consultation_id)


@bp.post("/<int:consultation_id>/reopen")
@lead_required
def reopen(consultation_id: int):
    """Open a closed consultation again for two weeks from today (a later day can then be set)."""
    consultation = consultation_or_404(consultation_id)
    if status_on(consultation) == "closed":
        closes_on = clock.today() + REOPEN_FOR
        store.consultations.change_consultation(
            get_db(), consultation_id, {"closes_on": closes_on.isoformat()}
        )
        audit.record(get_db(), "consultation_reopened", consultation=consultation_id)
        flash(_("The consultation is open again until %(day)s.", day=format_day(closes_on.isoformat())))
    return _to_overview(consultation_id)


@bp.route("/<int:consultation_id>/delete", methods=["GET", "POST"])
@lead_required
def delete(consultation_id: int):
    """Delete the consultation and every pupil's answers to it, once its title is typed."""
    consultation = consultation_or_404(consultation_id)
    form = DeleteConsultationForm()
    if form.validate_on_submit():
        if " ".join((form.confirm_title.data or "").split()) == " ".join(consultation["title"].split()):
            store.consultations.delete_consultation(get_db(), consultation_id)
            audit.record(get_db(), "consultation_deleted", consultation=consultation_id)
            flash(_("The consultation and every answer to it have been deleted."))
            return redirect(url_for("consultations.index"))
        form.confirm_title.errors.append(
            _("Type the title exactly as it is shown to delete the consultation")
        )
    page = render_template("consultations/delete.html", consultation=consultation, form=form)
    return page, 400 if form.errors else 200


def _to_overview(consultation_id: int):
    return redirect(url_for("consultations.overview", consultation_id=consultation_id))
