"""The practitioner's view across sessions: two sessions side by side, all of them over time, and records
for the case file (a session, a comparison, a child's history) that print on clean A4 pages."""

from datetime import date

from flask import Blueprint, render_template, request
from flask_babel import format_date

from dayinmylife import audit, clock, store
from dayinmylife.access import child_to_read_or_404, reads_children, session_to_read_or_404
from dayinmylife.casework.pairing import account_of, chosen_pair
from dayinmylife.casework.pdf import pdf_download
from dayinmylife.questionnaire import compare, day_picture, over_time, reading
from dayinmylife.questionnaire.builtins import FACES
from dayinmylife.questionnaires import all_questionnaires, questionnaire_of
from dayinmylife.store.db import get_db
from dayinmylife.vocabulary import ACCOUNT_NAMES, CHILDS_OWN
from dayinmylife.web.i18n import format_day

bp = Blueprint("insights", __name__)


@bp.context_processor
def record_context() -> dict:
    return {"today": clock.today().isoformat()}


@bp.app_template_filter()
def month_and_year(iso_date: str) -> str:
    """Write a date as its month, e.g. Mar 2026, for the axis of a chart."""
    return format_date(date.fromisoformat(iso_date[:10]), "MMM yyyy")


@bp.get("/sessions/<int:session_id>/print")
@reads_children
def session_record(session_id: int):
    """Print a session as the day in pictures, with its header for the case file."""
    session = session_to_read_or_404(session_id)
    audit.record(
        get_db(), "record_printed", child_id=session["child_id"], session_id=session_id, record="session"
    )
    return render_template("insights/session_record.html", **_session_record(session), printing=True)


@bp.get("/sessions/<int:session_id>/record.pdf")
@reads_children
def session_record_pdf(session_id: int):
    """The session's record as a PDF for the case file, named as a case system files it."""
    session = session_to_read_or_404(session_id)
    record = _session_record(session)
    audit.record(
        get_db(), "record_downloaded", child_id=session["child_id"], session_id=session_id, record="session"
    )
    what = f"Day in my life {session['started_at'][:10]}"
    return pdf_download(record.pop("child"), what, "insights/session_record.html", **record)


def _session_record(session: dict) -> dict:
    questionnaire = questionnaire_of(session)
    answers = store.sessions.answers_of(get_db(), session["id"])
    return {
        "child": child_to_read_or_404(session["child_id"]),
        "session": session,
        "questionnaire": questionnaire,
        "picture": day_picture.day_picture(questionnaire, answers),
        "answer_count": len(answers),
        "notes": store.casework.notes_of_session(get_db(), session["id"]),
    }


@bp.get("/children/<int:child_id>/compare")
@reads_children
def compare_sessions(child_id: int):
    """Put two sessions side by side: what changed, what stayed the same, what is new."""
    page = _comparison_page(child_id)
    _record_view(child_id, "comparison", "child_viewed")
    return render_template("insights/compare.html", **page, printing=False)


@bp.get("/children/<int:child_id>/compare/print")
@reads_children
def comparison_record(child_id: int):
    """Print two sessions side by side as a record for the case file."""
    page = _comparison_page(child_id)
    _record_view(child_id, "comparison", "record_printed")
    return render_template("insights/compare.html", **page, printing=True)


@bp.get("/children/<int:child_id>/compare/record.pdf")
@reads_children
def comparison_record_pdf(child_id: int):
    """The comparison as a PDF for the case file."""
    page = _comparison_page(child_id)
    _record_view(child_id, "comparison", "record_downloaded")
    what = f"Day in my life compared {clock.today().isoformat()}"
    return pdf_download(page.pop("child"), what, "insights/compare.html", **page)


def _comparison_page(child_id: int) -> dict:
    child = child_to_read_or_404(child_id)
    sessions = store.sessions.sessions_over_time(get_db(), child_id)
    pair, problem = chosen_pair(sessions, request.args.get("from"), request.args.get("to"))
    return {
        "child": child,
        "sessions": sessions,
        "pair": pair,
        "problem": problem,
        "comparison": _comparison(*pair) if pair else None,
    }


def _record_view(child_id: int, record: str, event: str) -> None:
    """Audit a page about a child being read, printed or downloaded."""
    if event == "child_viewed":
        audit.record(get_db(), event, child_id=child_id, page=record)
    else:
        audit.record(get_db(), event, child_id=child_id, record=record)


def _comparison(earlier: dict, later: dict) -> compare.Comparison | None:
    """Compare two sessions by question id, each read with the questionnaire it used."""
    questionnaires = [all_questionnaires().get(session["questionnaire_id"]) for session in (earlier, later)]
    if None in questionnaires:
        return None
    answers = [store.sessions.answers_of(get_db(), session["id"]) for session in (earlier, later)]
    known = [
        reading.questions_in_version(questionnaire, session["questionnaire_version"], given)
        for questionnaire, session, given in zip(questionnaires, (earlier, later), answers, strict=True)
    ]
    return compare.session_changes(questionnaires[0], answers[0], questionnaires[1], answers[1], *known)


@bp.get("/children/<int:child_id>/history")
@reads_children
def history(child_id: int):
    """Show all a child's sessions over time: feelings as a chart and each answer's history."""
    page = _history_page(child_id)
    _record_view(child_id, "history", "child_viewed")
    return render_template("insights/history.html", **page, printing=False)


@bp.get("/children/<int:child_id>/history/print")
@reads_children
def history_record(child_id: int):
    """Print all a child's sessions over time as a record for the case file."""
    page = _history_page(child_id)
    _record_view(child_id, "history", "record_printed")
    return render_template("insights/history.html", **page, printing=True)


@bp.get("/children/<int:child_id>/history/record.pdf")
@reads_children
def history_record_pdf(child_id: int):
    """All a child's sessions over time as a PDF for the case file."""
    page = _history_page(child_id)
    _record_view(child_id, "history", "record_downloaded")
    what = f"Day in my life over time {clock.today().isoformat()}"
    return pdf_download(page.pop("child"), what, "insights/history.html", **page)


def _history_page(child_id: int) -> dict:
    child = child_to_read_or_404(child_id)
    sessions = store.sessions.sessions_over_time(get_db(), child_id)
    accounts = sorted({account_of(s) for s in sessions}, key=list(ACCOUNT_NAMES).index)
    account = request.args.get("account") if request.args.get("account") in accounts else None
    account = account or (CHILDS_OWN if CHILDS_OWN in accounts or not accounts else accounts[0])
    sessions = [s for s in sessions if account_of(s) == account]
    loaded = all_questionnaires()
    questionnaire = next(
        (loaded[s["questionnaire_id"]] for s in reversed(sessions) if s["questionnaire_id"] in loaded), None
    )
    shown = [s for s in sessions if questionnaire and s["questionnaire_id"] == questionnaire.id]
    answers = store.sessions.answers_of_child(get_db(), child_id) if shown else {}
    records = [
        reading.SessionAnswers(s["id"], s["started_at"], answers.get(s["id"], {}), s["questionnaire_version"])
        for s in shown
    ]
    readings = reading.read_sessions(questionnaire, records) if records else []
    return {
        "child": child,
        "sessions": shown,
        "left_out": len(sessions) - len(shown),
        "account": account,
        "accounts": accounts,
        "questionnaire": questionnaire,
        "feelings": over_time.feelings_over_time(questionnaire, records, readings) if records else [],
        "histories": over_time.histories(questionnaire, records, readings) if records else [],
        "faces": FACES[5],
        "dates": {s["id"]: format_day(s["started_at"]) for s in shown},  # formatted once, shown many times
        "supervision_notes": store.casework.supervision_notes_of_child(get_db(), child_id),
    }
