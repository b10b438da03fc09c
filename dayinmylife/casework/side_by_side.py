"""Several accounts of the same weeks side by side: the child's, a parent's or carer's, the practitioner's."""

from datetime import date, timedelta

from flask import Blueprint, current_app, render_template, request

from dayinmylife import store
from dayinmylife.access import caseload_required, child_or_404
from dayinmylife.questionnaire.disagreements import ACCOUNTS, disagreements
from dayinmylife.questionnaire.shown import shown
from dayinmylife.store.db import get_db

bp = Blueprint("accounts", __name__)

SAME_PERIOD = timedelta(weeks=6)


def chosen_sessions(sessions: list[dict], asked: dict[str, str]) -> dict[str, dict]:
    """Pick a session per account: the one asked for, else the latest within six weeks of the newest, a
    finished one before an unfinished one (newest first in, finished sessions set the weeks if there are any)."""
    finished = [s for s in sessions if s["status"] == "finished"]
    newest = date.fromisoformat((finished or sessions)[0]["started_at"][:10]) if sessions else None
    chosen = {}
    for account in ACCOUNTS:
        theirs = [s for s in sessions if s["account"] == account]
        wanted = next((s for s in theirs if str(s["id"]) == asked.get(account)), None)
        recent = [s for s in theirs if abs(newest - date.fromisoformat(s["started_at"][:10])) <= SAME_PERIOD]
        recent.sort(key=lambda s: s["status"] != "finished")  # stable: newest first within each
        pick = wanted or (recent[0] if recent and asked.get(account) != "none" else None)
        if pick is not None:
            chosen[account] = pick
    return chosen


@bp.get("/children/<int:child_id>/accounts")
@caseload_required
def side_by_side(child_id: int):
    """Put accounts of the same weeks side by side and call out where they disagree."""
    child = child_or_404(child_id)
    sessions = store.sessions.sessions_of_child(get_db(), child_id)
    chosen = chosen_sessions(sessions, {account: request.args.get(account, "") for account in ACCOUNTS})
    questionnaires = current_app.extensions["questionnaires"]
    comparable = {a: s for a, s in chosen.items() if s["questionnaire_id"] in questionnaires}
    found, questionnaire = [], None
    if len(comparable) > 1:
        first = comparable.get("child") or next(iter(comparable.values()))
        questionnaire = questionnaires[first["questionnaire_id"]]
        answers = store.sessions.answers_of_sessions(get_db(), [s["id"] for s in comparable.values()])
        found = disagreements(questionnaire, {a: answers[s["id"]] for a, s in comparable.items()})
    return render_template(
        "accounts/side_by_side.html",
        child=child,
        sessions=sessions,
        chosen=chosen,
        disagreements=found,
        questionnaire=questionnaire,
        accounts=ACCOUNTS,
        shown=shown,
    )
