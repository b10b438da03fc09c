"""Several accounts of the same weeks side by side: the child's, a parent's or carer's, the practitioner's."""

from flask import Blueprint, render_template, request

from dayinmylife import store
from dayinmylife.access import child_to_read_or_404, reads_children
from dayinmylife.casework.pairing import chosen_sessions
from dayinmylife.questionnaire.disagreements import ACCOUNTS, disagreements
from dayinmylife.questionnaire.shown import shown
from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.store.db import get_db

bp = Blueprint("accounts", __name__)


@bp.get("/children/<int:child_id>/accounts")
@reads_children
def side_by_side(child_id: int):
    """Put accounts of the same weeks side by side and call out where they disagree."""
    child = child_to_read_or_404(child_id)
    sessions = store.sessions.sessions_of_child(get_db(), child_id)
    chosen = chosen_sessions(sessions, {account: request.args.get(account, "") for account in ACCOUNTS})
    questionnaires = all_questionnaires()
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
