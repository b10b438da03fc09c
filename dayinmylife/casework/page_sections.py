"""The parts of a child's page and a session's page that other features supply: the care team, the agreed
outcomes session by session, and the teenager's own-phone links. Not views: the pages that show them, and
the features' own views, import these, never one another."""

from wtforms.fields.choices import SelectChoice

from dayinmylife import clock, store
from dayinmylife.casework.forms import TeamMemberForm
from dayinmylife.questionnaire.outcomes import Outcome, outcome_status
from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.store.db import get_db

# Children under 12 answer with their worker beside them: only teenagers answer alone on a phone.
OWN_PHONE_QUESTIONNAIRES = {"teenager"}


def may_send_link(session: dict) -> bool:
    """Tell whether this session can go to the young person's own phone."""
    return (
        session["status"] != "finished"
        and session["account"] == "child"
        and session["questionnaire_id"] in OWN_PHONE_QUESTIONNAIRES
    )


def own_phone_links(session: dict) -> dict:
    """What a session's page shows: its links so far, each with its state, and whether a new one may go."""
    now = clock.now_iso()
    links = [
        {**link, "state": _state(link, now)}
        for link in store.sessions.answer_links_of_session(get_db(), session["id"])
    ]
    return {"links": links, "may_send": may_send_link(session)}


def _state(link: dict, now: str) -> str:
    if link["revoked_at"]:
        return "revoked"
    if link["used_at"]:
        return "used"
    return "expired" if link["expires_at"] <= now else "waiting"


def team_section(child_id: int) -> dict:
    """What the child's page needs to show the team and its add form."""
    team = store.children.team_of_child(get_db(), child_id)
    active_members = sum(bool(member["active"]) for member in team)
    return {"team": team, "team_form": team_add_form(child_id), "active_members": active_members}


def team_add_form(child_id: int) -> TeamMemberForm:
    form = TeamMemberForm()
    form.practitioner.choices = [
        SelectChoice(p["id"], f"{p['name']} ({p['email']})")
        for p in store.children.practitioners_not_on_team(get_db(), child_id)
    ]
    return form


def outcome_history(child_id: int, sessions: list[dict]) -> list[dict]:
    """Each agreed outcome with its status in every session, oldest session first."""
    outcomes = store.children.outcomes_of_child(get_db(), child_id)
    if not outcomes:
        return []
    questionnaires = all_questionnaires()
    in_order = [session for session in reversed(sessions) if session["questionnaire_id"] in questionnaires]
    answers = store.sessions.answers_of_sessions(get_db(), [session["id"] for session in in_order])
    return [
        {
            "outcome": outcome,
            "statuses": [
                (
                    session,
                    outcome_status(
                        questionnaires[session["questionnaire_id"]],
                        answers[session["id"]],
                        Outcome.from_row(outcome),
                    ),
                )
                for session in in_order
            ],
        }
        for outcome in outcomes
    ]
