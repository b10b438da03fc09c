"""Several accounts of the same weeks side by side: the child's, a parent's or carer's, the practitioner's."""

from flask import Blueprint, g, render_template, request

from dayinmylife import audit, clock, store
from dayinmylife.access import child_to_read_or_404, reads_children
from dayinmylife.casework.pairing import chosen_sessions
from dayinmylife.casework.pdf import pdf_download
from dayinmylife.questionnaire.disagreements import ACCOUNTS, disagreements
from dayinmylife.questionnaire.shown import shown
from dayinmylife.questionnaire.wording import for_adults
from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.store.db import get_db

bp = Blueprint("accounts", __name__)


@bp.get("/children/<int:child_id>/accounts")
@reads_children
def side_by_side(child_id: int):
    """Put accounts of the same weeks side by side and call out where they disagree."""
    return render_template("accounts/side_by_side.html", **_side_by_side(child_id))


@bp.get("/children/<int:child_id>/accounts/record.pdf")
@reads_children
def side_by_side_pdf(child_id: int):
    """The accounts chosen, side by side, as a PDF for the case file."""
    page = _side_by_side(child_id)
    audit.record(get_db(), "record_downloaded", child_id=child_id, record="accounts")
    what = f"Day in my life accounts side by side {clock.today().isoformat()}"
    return pdf_download(page.pop("child"), what, "accounts/side_by_side.html", **page)


def _side_by_side(child_id: int) -> dict:
    child = child_to_read_or_404(child_id)
    g.child_name = child["display_name"]
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
    return {
        "child": child,
        "sessions": sessions,
        "chosen": chosen,
        "chosen_ids": {
            account: chosen[account]["id"] if account in chosen else "none" for account in ACCOUNTS
        },
        "disagreements": found,
        "questionnaire": questionnaire,
        "accounts": ACCOUNTS,
        # Each account in its own words: the child's as the child was asked, an adult's about the child.
        "worded": {a: for_adults(questionnaire) if a != "child" else questionnaire for a in ACCOUNTS}
        if questionnaire
        else {},
        "shown": shown,
    }
