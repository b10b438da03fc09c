"""School consultations, for the lead who runs them: create one, share its code, print the classroom sheet."""

import json
from datetime import timedelta

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from dayinmylife import audit, clock, store
from dayinmylife.access import consultation_or_404, lead_required
from dayinmylife.consultations.codes import (
    answers_deleted_on,
    join_url,
    make_join_code,
    spaced_code,
    status_on,
)
from dayinmylife.consultations.exports import as_csv
from dayinmylife.consultations.forms import ConsultationForm
from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.store.db import get_db
from dayinmylife.web import qr_codes

bp = Blueprint("consultations", __name__, url_prefix="/consultations")


def questionnaire_choices() -> list[tuple[str, str]]:
    """The questionnaires pupils can answer on their own: primary and teenager."""
    found = all_questionnaires().values()
    return [
        (q.id, _("%(title)s, ages %(start)d to %(end)d", title=_(q.title), start=q.age_from, end=q.age_to))
        for q in found
        if q.answered_by == "child" and q.age_from >= 5
    ]


@bp.get("/")
@lead_required
def index():
    """List the lead's consultations."""
    consultations = store.consultations.consultations_of(get_db(), current_user.id)
    return render_template("consultations/index.html", consultations=consultations, status_on=status_on)


@bp.route("/new", methods=["GET", "POST"])
@lead_required
def new():
    """Create a consultation: title, questionnaire, groups, dates and the smallest group reported."""
    form = ConsultationForm()
    form.questionnaire.choices = questionnaire_choices()
    if not form.is_submitted():
        form.questionnaire.data = "primary"
        form.opens_on.data = clock.today()
        form.closes_on.data = clock.today() + timedelta(weeks=2)
    if form.validate_on_submit():
        details = {
            "title": form.title.data.strip(),
            "questionnaire_id": form.questionnaire.data,
            "opens_on": form.opens_on.data.isoformat(),
            "closes_on": form.closes_on.data.isoformat(),
            "min_group_size": form.min_group_size.data,
            "max_responses": form.max_responses.data,
        }
        consultation_id = store.consultations.create_consultation(
            get_db(), current_user.id, details, form.group_names(), make_join_code, form.school_list()
        )
        audit.record(get_db(), "consultation_created", consultation=consultation_id)
        return redirect(url_for("consultations.overview", consultation_id=consultation_id))
    return render_template("consultations/new.html", form=form), 400 if form.errors else 200


SCHOOLS_LISTED = 100  # on a consultation's page; every school's code is in the list to download


@bp.get("/<int:consultation_id>")
@lead_required
def overview(consultation_id: int):
    """Show a consultation's code (or its schools' codes), its dates and groups, how many have answered, and where
    to go next."""
    consultation = consultation_or_404(consultation_id)
    groups = store.consultations.consultation_groups(get_db(), consultation_id)
    schools = store.schools.schools_with_classes(get_db(), consultation_id)
    answered = store.tallies.consultation_response_counts(get_db(), consultation_id)
    return render_template(
        "consultations/overview.html",
        consultation=consultation,
        groups=groups,
        schools=[{**school, "classes": json.loads(school["classes"])} for school in schools[:SCHOOLS_LISTED]],
        school_count=len(schools),
        answered=sum(answered.values()),
        limit_hits=store.consultations.consultation_limit_hits(get_db(), consultation_id),
        deleted_on=answers_deleted_on(consultation, current_app.config["CONSULTATION_RETENTION_DAYS"]),
        status=status_on(consultation),
        code=spaced_code(consultation["join_code"]),
        join_address=url_for("join.enter_code", _external=True),
        questionnaire=all_questionnaires().get(consultation["questionnaire_id"]),
    )


def _code_of(consultation: dict) -> tuple[str, dict | None]:
    """The code a sheet or QR code is for: the school's asked for (`?school=`), else the consultation's own (a
    consultation across schools has none that pupils can use)."""
    if not store.schools.across_schools(get_db(), consultation["id"]):
        return consultation["join_code"], None
    school = store.schools.school(get_db(), consultation["id"], request.args.get("school", type=int) or 0)
    if school is None:
        abort(404)
    return school["join_code"], school


@bp.get("/<int:consultation_id>/qr.svg")
@lead_required
def qr_code(consultation_id: int):
    """Serve the QR code that opens the join page with this consultation's (or school's) code filled in."""
    code, _school = _code_of(consultation_or_404(consultation_id))
    svg = qr_codes.svg_image(join_url(code), _("QR code to join"), scale=10)
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "private, max-age=3600"})


@bp.get("/<int:consultation_id>/sheet")
@lead_required
def classroom_sheet(consultation_id: int):
    """A page to print for the classroom: where to go, the code in large letters, and the QR code."""
    consultation = consultation_or_404(consultation_id)
    code, school = _code_of(consultation)
    return render_template(
        "consultations/sheet.html",
        consultation=consultation,
        school=school,
        status=status_on(consultation),
        code=spaced_code(code),
        join_address=url_for("join.enter_code", _external=True),
    )


@bp.get("/<int:consultation_id>/schools.csv")
@lead_required
def schools_csv(consultation_id: int):
    """Every school of a consultation across schools with its code, its classes and its classroom sheet's
    address: to send each school its own."""
    consultation_or_404(consultation_id)  # another lead's is not there
    schools = store.schools.schools_with_classes(get_db(), consultation_id)
    if not schools:
        abort(404)
    rows = [[_("School"), _("Code"), _("Classes"), _("Join address"), _("Classroom sheet")]] + [
        [
            school["name"],
            spaced_code(school["join_code"]),
            ", ".join(json.loads(school["classes"])),
            join_url(school["join_code"]),
            url_for(
                "consultations.classroom_sheet",
                consultation_id=consultation_id,
                school=school["id"],
                _external=True,
            ),
        ]
        for school in schools
    ]
    audit.record(get_db(), "consultation_exported", consultation=consultation_id, what="schools")
    return Response(
        "".join(as_csv(rows)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=consultation-{consultation_id}-schools.csv",
            "Cache-Control": "no-store",
        },
    )
