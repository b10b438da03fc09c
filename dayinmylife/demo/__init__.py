"""The demo: a practitioner and three children whose "day in my life" sessions span nine months, and their team.

Each child's story is a script per session: answers for a school day (or asked once) and, for parts of the
day that differ, the weekend. `seed` plays every script through the questionnaire flow, so the demo holds
exactly the answers the app itself would have asked for, and a script that names a question or an answer
the questionnaires no longer have fails loudly.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlite_utils import Database

from dayinmylife import clock, store
from dayinmylife.demo.caseloads import PRACTITIONERS
from dayinmylife.demo.casework import CHILDREN, DEFAULTS, SKIP, DemoChild, ScriptedSession
from dayinmylife.demo.consultation import LEAD_EMAIL, LEAD_NAME, seed_consultation
from dayinmylife.demo.county import seed_county_consultation
from dayinmylife.demo.events import seed_events
from dayinmylife.questionnaire import flow
from dayinmylife.questionnaire.answer_rules import possible_answer
from dayinmylife.questionnaire.model import (
    NOT_A_REAL_ANSWER,
    WEEKEND,
    Questionnaire,
)
from dayinmylife.signin.passwords import hash_password

DEMO_EMAIL = "demo@dayinmylife.example"
DEMO_PASSWORD = "sunrise-breakfast-bedtime"
ADMIN_EMAIL = "admin@dayinmylife.example"  # the demo administrator: accounts, the audit log, two-step for all
MANAGER_EMAIL = "manager@dayinmylife.example"  # the demo team manager: Sam's team
TEAM = "Family Support North"


class DemoScriptError(ValueError):
    """A demo script names a question or an answer that the questionnaire does not have."""


def seed(db: Database, questionnaires: dict[str, Questionnaire]) -> None:
    """Add Sam Taylor, a social worker, and four demo children whose sessions span nine months; two more
    practitioners of Sam's team with a year of caseloads, and its manager; a consultation lead with a school's
    consultation and one across three schools; and an administrator."""
    for child in (*CHILDREN, *(c for p in PRACTITIONERS for c, _outcomes in p.children)):
        check_script(questionnaires[child.questionnaire], child)  # first, so a broken one leaves no half demo
    today = clock.today()
    sam = store.users.create_user(db, DEMO_EMAIL, "Sam Taylor", sam_hash := hash_password(DEMO_PASSWORD))
    seeded = {child.name: seed_child(db, questionnaires, sam, child, today) for child in CHILDREN}
    seed_casework(db, sam, seeded["Leo"][1], today)
    seed_events(db, {name: child_id for name, (child_id, _sessions) in seeded.items()}, sam, today)
    lead = store.users.create_user(db, LEAD_EMAIL, LEAD_NAME, sam_hash, "consultation_lead")
    seed_consultation(db, questionnaires, lead)
    seed_county_consultation(db, questionnaires["primary"], lead)
    store.users.create_user(db, ADMIN_EMAIL, "Alex Morgan", sam_hash, "administrator")
    team = store.teams.create_team(db, TEAM)
    store.teams.add_member(db, team, sam, manages=False)
    manager = store.users.create_user(db, MANAGER_EMAIL, "Morgan Reid", sam_hash, "manager")
    store.teams.add_member(db, team, manager, manages=True)
    for practitioner in PRACTITIONERS:
        worker = store.users.create_user(db, practitioner.email, practitioner.name, sam_hash)
        store.teams.add_member(db, team, worker, manages=False)
        for child, outcomes in practitioner.children:
            child_id, sessions = seed_child(db, questionnaires, worker, child, today)
            agreed = _day_after(db, sessions[0])  # agreed with the child after their first session
            for statement, question_id, day, met_when in outcomes:
                review = (today + timedelta(days=60)).isoformat()
                store.casework.add_outcome(
                    db, child_id, worker, statement, question_id, day, list(met_when), review, agreed
                )


def seed_child(
    db: Database, questionnaires: dict[str, Questionnaire], practitioner: int, child: DemoChild, today: date
) -> tuple[int, list[int]]:
    """Add a child to a practitioner's caseload with every session of their story; their id and sessions'."""
    questionnaire = questionnaires[child.questionnaire]
    born = (today - timedelta(days=child.days_old)).isoformat()
    child_id = store.children.create_child(db, practitioner, child.name, born, child.case_reference)
    sessions = []
    for visit in child.visits:
        day = _weekday(today - timedelta(days=visit.days_ago))
        started = datetime.combine(day, time(child.session_hour), UTC)
        session_id = store.sessions.start_session(
            db,
            child_id,
            questionnaire,
            practitioner,
            started_at=_iso(started),
            account=visit.account,
            scan_every_ms=visit.scan_every_ms,
        )
        if play(db, session_id, questionnaire, visit, _iso(started)):
            store.sessions.finish_session(db, session_id, finished_at=_iso(started + timedelta(minutes=35)))
        sessions.append(session_id)
    _acknowledge_alerts(db, child_id, practitioner)
    return child_id, sessions


# What the practitioner did about each alert the demo's stories raise, a day after the session.
ALERT_ACTIONS = {
    "food_in_house": (
        "contacted_family",
        "Food bank parcel the same day; Mum agreed a weekly shop with family support.",
    ),
    "night_feelings": (
        "talked_with_child",
        "Scared of the dark and noises downstairs; a night light, and Mum checks in.",
    ),
}


def _acknowledge_alerts(db: Database, child_id: int, practitioner: int) -> None:
    for alert in store.alerts.alerts_of_child(db, child_id):
        action, note = ALERT_ACTIONS.get(alert["question_id"], ("talked_with_child", None))
        when = datetime.fromisoformat(alert["raised_at"]) + timedelta(days=1)
        store.alerts.acknowledge(db, child_id, alert["id"], practitioner, action, note, _iso(when))
    store.outbox.not_needed_for_acknowledged(db, clock.now_iso())  # acted on before any e-mail went


def seed_casework(db: Database, sam: int, leo_sessions: list[int], today: date) -> None:
    """Leo's outcomes, notes and "You said, we did", so the practitioner's pages show them at work."""
    first, second, *_, latest = leo_sessions
    leo = store.sessions.session_by_id(db, first)["child_id"]
    review, agreed = (today + timedelta(days=60)).isoformat(), _day_after(db, first)
    store.casework.add_outcome(
        db, leo, sam, "I have breakfast before school", "had_breakfast", "school", ["yes"], review, agreed
    )
    store.casework.add_outcome(
        db, leo, sam, "I have breakfast at weekends too", "had_breakfast", "weekend", ["yes"], review, agreed
    )
    store.casework.add_outcome(
        db,
        leo,
        sam,
        "I am in bed by eight on school nights",
        "bedtime_time",
        "school",
        ["19:00", "19:30", "20:00"],
        review,
        agreed,
    )
    store.casework.add_note(
        db, first, sam, "Kitchen cupboards almost empty at the visit. Mum says money runs out by Thursday."
    )
    store.casework.add_note(
        db, first, sam, "Mum's phone alarm; she was still in bed at 8:40.", "who_wakes_you", "school"
    )
    store.casework.set_message_to_child(
        db,
        first,
        sam,
        "You told me there is often no breakfast. Mum and I talked, and now there will be cereal at home.",
        _day_after(db, first),
    )
    store.casework.set_message_to_child(
        db,
        second,
        sam,
        "You said toast is better than nothing. We are working on weekends next, like you asked.",
        _day_after(db, second),
    )
    seen = store.sessions.session_by_id(db, second)["started_at"]
    store.casework.mark_messages_seen(
        db, [first], second, at=seen
    )  # Leo read the first at his second session
    store.casework.add_note(
        db, latest, sam, "Leo proud of his reading star. Weekends still the gap: Mum agrees to a plan."
    )
    store.casework.set_next_session(db, leo, (today + timedelta(days=75)).isoformat())


def _day_after(db: Database, session_id: int) -> str:
    started = datetime.fromisoformat(store.sessions.session_by_id(db, session_id)["started_at"])
    return _iso(started + timedelta(days=1))


def play(
    db: Database, session_id: int, questionnaire: Questionnaire, visit: ScriptedSession, at: str | None = None
) -> bool:
    """Answer each question the flow asks, in order, from the script; say whether the session was finished."""
    answered: dict[tuple[str, str], object] = {}
    while step := flow.first_unanswered(flow.steps(questionnaire, answered), set(answered)):
        if step.question.id == visit.stops_before:
            return False
        value = _scripted_answer(questionnaire, step, visit)
        source = _source(questionnaire, step, visit, value)
        alerting = step.question.alerting(value)
        shown_by = visit.shown_otherwise.get(step.question.id, visit.shown) if value is not None else ()
        store.sessions.save_answer(
            db, session_id, step.question.id, step.day, value, source, (), alerting, at, shown_by
        )
        answered[step.key] = value
    if visit.stops_before:
        raise DemoScriptError(f"the session never reached {visit.stops_before!r} to stop there")
    return True


def _scripted_answer(questionnaire: Questionnaire, step: flow.Step, visit: ScriptedSession):
    if step.is_weekend_question:
        return "yes" if any(question.id in visit.weekend for question in step.part.questions) else "no"
    if step.question.free_text and not visit.own_words:
        return SKIP
    scripts = ([visit.weekend] if step.day == WEEKEND else []) + [visit.answers, DEFAULTS[questionnaire.id]]
    for script in scripts:
        if step.question.id in script:
            return script[step.question.id]
    raise DemoScriptError(
        f"{questionnaire.id}: nothing answers {step.question.id!r}; add it to a script or to demo.DEFAULTS"
    )


def _source(questionnaire: Questionnaire, step: flow.Step, visit: ScriptedSession, value) -> str | None:
    # As in the app: only real answers say where they came from; a weekend is told, never seen on a visit.
    real = value is not None and value not in NOT_A_REAL_ANSWER
    if not (questionnaire.record_source and real) or step.is_weekend_question:
        return None
    return "observed" if step.day != WEEKEND and step.question.id in visit.observed else "reported"


def check_script(questionnaire: Questionnaire, child: DemoChild) -> None:
    """Raise DemoScriptError if a child's scripts name a question or an answer the questionnaire lacks."""
    _check_answers(questionnaire, DEFAULTS[questionnaire.id], "demo.DEFAULTS")
    for visit in child.visits:
        where = f"{child.name}'s session {visit.days_ago} days ago"
        _check_answers(questionnaire, visit.answers, where)
        _check_answers(questionnaire, visit.weekend, f"{where}, weekend", weekend=True)
        _check_answers(questionnaire, dict.fromkeys(visit.observed), f"{where}, observed")
        _check_answers(questionnaire, dict.fromkeys(visit.shown_otherwise), f"{where}, shown")
        if visit.stops_before:
            _check_answers(questionnaire, {visit.stops_before: None}, f"{where}, stops before")


def _check_answers(questionnaire: Questionnaire, script: dict, where: str, weekend: bool = False) -> None:
    for question_id, value in script.items():
        question = questionnaire.questions_by_id.get(question_id)
        if question is None:
            raise DemoScriptError(f"{where}: {questionnaire.id} has no question {question_id!r}")
        if weekend and question.days != "both":
            raise DemoScriptError(f"{where}: {question_id!r} is asked once, never about a weekend day")
        if not possible_answer(question, value):
            raise DemoScriptError(f"{where}: {value!r} is not an answer to {questionnaire.id}/{question_id}")


def _weekday(day: date) -> date:
    """Move a Saturday or Sunday back to the Friday: practitioners visit in the week."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
