"""A child's chronology: every session, outcome, message back, alert, supervision discussion, change of who works
with them and significant event on one timeline, with what persists and what keeps happening above it; the
significant events a practitioner adds; and the chronology as CSV for a case system. Every view is audited."""

from datetime import date

from flask import (
    Blueprint,
    Response,
    flash,
    get_template_attribute,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from dayinmylife import audit, clock, store
from dayinmylife.access import caseload_required, child_or_404, child_to_read_or_404, reads_children
from dayinmylife.alerts.shown import alerts_of_child
from dayinmylife.casework import timeline
from dayinmylife.casework.forms import SignificantEventForm
from dayinmylife.casework.pdf import case_file_name, download_headers, pdf_download
from dayinmylife.consultations.exports import as_csv
from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.store.db import get_db
from dayinmylife.supervision.child_sessions import child_sessions, findings_of_sessions
from dayinmylife.supervision.drift import concerns
from dayinmylife.vocabulary import CHRONOLOGY_KINDS

bp = Blueprint("chronology", __name__)


@bp.get("/children/<int:child_id>/chronology")
@reads_children
def chronology(child_id: int):
    """The child's timeline, newest first unless asked, of the kinds and period chosen."""
    child = child_to_read_or_404(child_id)
    audit.record(get_db(), "chronology_viewed", child_id=child_id)
    return render_template("chronology/index.html", **_page(child, SignificantEventForm(formdata=None)))


@bp.get("/children/<int:child_id>/chronology.pdf")
@reads_children
def chronology_pdf(child_id: int):
    """The timeline as shown (the same kinds, period and order) as a PDF for the case file."""
    child = child_to_read_or_404(child_id)
    page = _page(child, None)
    audit.record(get_db(), "record_downloaded", child_id=child_id, record="chronology")
    what = f"Day in my life chronology {clock.today().isoformat()}"
    return pdf_download(page.pop("child"), what, "chronology/index.html", **page)


@bp.post("/children/<int:child_id>/chronology/events")
@caseload_required
def add_event(child_id: int):
    """Add a significant event: when, what happened, the agency or source, and the impact on the child."""
    child = child_or_404(child_id)
    form = SignificantEventForm()
    if not form.validate_on_submit():
        return render_template("chronology/index.html", **_page(child, form)), 400
    source = (form.source.data or "").strip() or None
    what, impact = form.what.data.strip(), form.impact.data.strip()
    when = form.happened_on.data.isoformat()
    store.chronology.add_significant_event(get_db(), child_id, current_user.id, when, what, source, impact)
    audit.record(get_db(), "significant_event_added", child_id=child_id)
    flash(_("The event is in %(name)s's chronology.", name=child["display_name"]))
    return redirect(url_for("chronology.chronology", child_id=child_id))


@bp.get("/children/<int:child_id>/chronology.csv")
@reads_children
def chronology_csv(child_id: int):
    """The whole chronology, oldest first, as CSV for a case system's import."""
    child = child_to_read_or_404(child_id)
    audit.record(get_db(), "chronology_exported", child_id=child_id)
    said = get_template_attribute("chronology/_entry.html", "said")
    found, _events = _entries(child)
    rows = [[_("Date"), _("Kind"), _("What")]] + [
        [entry.day, str(CHRONOLOGY_KINDS[entry.kind]), Markup(said(entry)).striptags()] for entry in found
    ]
    name = case_file_name(child, f"Day in my life chronology {clock.today().isoformat()}", "csv")
    return Response(as_csv(rows), mimetype="text/csv", headers=download_headers(name))


def _page(child: dict, form: SignificantEventForm | None) -> dict:
    choice = _choice()
    found, events = _entries(child)
    return {
        "child": child,
        "entries": timeline.chosen(
            found, choice["kinds"], choice["since"], choice["until"], choice["newest_first"]
        ),
        "total": len(found),
        "choice": choice,
        "kinds": timeline.KINDS,
        "concerns": concerns(*child_sessions(child)),
        "repeats": timeline.repeated_events(events, clock.today()),
        "form": form,
    }


def _choice() -> dict:
    kinds = [kind for kind in request.args.getlist("kind") if kind in timeline.KINDS] or list(timeline.KINDS)
    return {
        "kinds": kinds,
        "since": _day(request.args.get("since")),
        "until": _day(request.args.get("until")),
        "newest_first": request.args.get("order") != "oldest",
    }


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _entries(child: dict) -> tuple[list[timeline.Entry], list[dict]]:
    db, loaded = get_db(), all_questionnaires()
    sessions = store.sessions.sessions_over_time(db, child["id"])
    found = findings_of_sessions(sessions, loaded)
    titles = {part.id: part.title for q in loaded.values() for part in q.parts}
    headlines = timeline.session_headlines([s for s in sessions if s["id"] in found], found, titles)
    events = store.chronology.significant_events_of_child(db, child["id"])
    outcomes = store.children.outcomes_of_child(db, child["id"])
    answers = store.sessions.answers_of_child(db, child["id"]) if outcomes else {}
    met = timeline.outcomes_at_sessions(sessions, outcomes, answers, loaded)
    entries = timeline.entries(
        [{**s, **headlines.get(s["id"], {}), **met.get(s["id"], {})} for s in sessions],
        outcomes,
        store.chronology.messages_of_child(db, child["id"]),
        alerts_of_child(child["id"]),
        store.casework.supervision_notes_of_child(db, child["id"]),
        store.chronology.care_team_changes(db, child["id"]),
        events,
        child["next_session_on"],
    )
    return entries, events
