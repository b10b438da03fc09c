"""Who may open what: every route of the app, for every kind of visitor, against the answer it must give.

A new route fails `test_every_route_is_classified` until it is added to EXPECTED below.
"""

import json
import time
from datetime import date, timedelta

import pytest
from flask_wtf.csrf import generate_csrf

from dayinmylife import store
from dayinmylife.consultations.codes import make_join_code
from dayinmylife.store.db import connect, write_transaction
from tests.conftest import PASSWORD_HASH

ROLES = (
    "administrator",
    "practitioner",
    "consultation_lead",
    "signed_out",
    "child_mode",
    "pupil",
    "manager",  # of the team of the child's practitioner
    "other_manager",  # of another team
)
OK, SIGN_IN, NOT_FOUND, LOCKED = "ok", "sign-in", "404", "locked"

# route → the answer for each role, in the order of ROLES: administrator, practitioner, consultation lead,
# signed out, a device in child mode, a pupil answering, the child's team's manager, another team's manager
PRACTITIONERS_CHILD = (NOT_FOUND, OK, NOT_FOUND, SIGN_IN, LOCKED, SIGN_IN, NOT_FOUND, NOT_FOUND)
READ_CHILD = (
    NOT_FOUND,
    OK,
    NOT_FOUND,
    SIGN_IN,
    LOCKED,
    SIGN_IN,
    OK,
    NOT_FOUND,
)  # a manager reads their team's
CHILDS_OWN_PAGE = (NOT_FOUND, OK, NOT_FOUND, SIGN_IN, OK, OK, NOT_FOUND, NOT_FOUND)
LEADS = (NOT_FOUND, NOT_FOUND, OK, SIGN_IN, LOCKED, SIGN_IN, NOT_FOUND, NOT_FOUND)
SIGNED_IN = (OK, OK, OK, SIGN_IN, LOCKED, SIGN_IN, OK, OK)
ANYONE = (OK, OK, OK, OK, LOCKED, OK, OK, OK)
ADMINISTRATORS = (OK, NOT_FOUND, NOT_FOUND, SIGN_IN, LOCKED, SIGN_IN, NOT_FOUND, NOT_FOUND)
CASELOAD_ROLES = (NOT_FOUND, OK, NOT_FOUND, SIGN_IN, LOCKED, SIGN_IN, NOT_FOUND, NOT_FOUND)
MANAGERS = (NOT_FOUND, NOT_FOUND, NOT_FOUND, SIGN_IN, LOCKED, SIGN_IN, OK, OK)
# Administrators, and the one account here an administrator lets read the impact report: the team's manager.
IMPACT_READERS = (OK, NOT_FOUND, NOT_FOUND, SIGN_IN, LOCKED, SIGN_IN, OK, NOT_FOUND)
EXPECTED = {
    "caseload.index": SIGNED_IN,
    "admin.audit_log": ADMINISTRATORS,
    "account_admin.index": ADMINISTRATORS,
    "account_admin.create": ADMINISTRATORS,
    "account_admin.account": ADMINISTRATORS,
    "account_admin.change_role": ADMINISTRATORS,
    "account_admin.reset_password": ADMINISTRATORS,
    "account_admin.disable": ADMINISTRATORS,
    "account_admin.enable": ADMINISTRATORS,
    "account_admin.pass_on_caseload": ADMINISTRATORS,
    "account_admin.impact_report": ADMINISTRATORS,
    "impact.report": IMPACT_READERS,
    "impact.report_csv": IMPACT_READERS,
    "mail_admin.outbox": ADMINISTRATORS,
    "team_admin.index": ADMINISTRATORS,
    "team_admin.team": ADMINISTRATORS,
    "team_admin.remove": ADMINISTRATORS,
    "team_admin.expected_sessions": ADMINISTRATORS,
    "teams.index": MANAGERS,
    "supervision_notes.add": (NOT_FOUND, NOT_FOUND, NOT_FOUND, SIGN_IN, LOCKED, SIGN_IN, OK, NOT_FOUND),
    "supervision_notes.done": READ_CHILD,
    # Whoever works with the child or oversees them says what was done about an alert.
    "alerts.acknowledge": READ_CHILD,
    # The other team's manager does not oversee the child: not found, as for anyone else.
    "teams.move_child": (NOT_FOUND, NOT_FOUND, NOT_FOUND, SIGN_IN, LOCKED, SIGN_IN, OK, NOT_FOUND),
    "care_team.add": PRACTITIONERS_CHILD,
    "care_team.remove": PRACTITIONERS_CHILD,
    "corrections.edit_child": PRACTITIONERS_CHILD,
    "corrections.remove_session": PRACTITIONERS_CHILD,
    "child_mode.unlock": (OK, OK, OK, SIGN_IN, OK, SIGN_IN, OK, OK),
    "caseload.child": READ_CHILD,
    "accounts.side_by_side": READ_CHILD,
    "accounts.side_by_side_pdf": READ_CHILD,
    "insights.compare_sessions": READ_CHILD,
    "insights.comparison_record": READ_CHILD,
    "insights.comparison_record_pdf": READ_CHILD,
    "privacy.erase": PRACTITIONERS_CHILD,
    "privacy.export_page": PRACTITIONERS_CHILD,
    "privacy.export_json": PRACTITIONERS_CHILD,
    "privacy.export_pdf": PRACTITIONERS_CHILD,
    "insights.history": READ_CHILD,
    "chronology.chronology": READ_CHILD,
    "chronology.chronology_csv": READ_CHILD,
    "chronology.chronology_pdf": READ_CHILD,
    "chronology.add_event": PRACTITIONERS_CHILD,
    "insights.history_record": READ_CHILD,
    "insights.history_record_pdf": READ_CHILD,
    "caseload.set_next_session": PRACTITIONERS_CHILD,
    "outcomes.add": PRACTITIONERS_CHILD,
    "caseload.start_session": PRACTITIONERS_CHILD,
    "caseload.add_child": CASELOAD_ROLES,
    "consultations.index": (
        OK,
        NOT_FOUND,
        OK,
        SIGN_IN,
        LOCKED,
        SIGN_IN,
        NOT_FOUND,
        NOT_FOUND,
    ),  # an administrator may run them too
    "consultations.overview": LEADS,
    "consultation_changes.change": LEADS,
    "consultation_changes.close": LEADS,
    "consultation_changes.reopen": LEADS,
    "consultation_changes.delete": LEADS,
    "consultation_reports.answers_csv": LEADS,
    "consultation_reports.comments": LEADS,
    "consultations.qr_code": LEADS,
    "consultation_reports.results": LEADS,
    "consultation_reports.results_csv": LEADS,
    "consultations.classroom_sheet": LEADS,
    # The consultation here is one school's, which has no list of schools: test_schools.py downloads one.
    "consultations.schools_csv": (
        NOT_FOUND,
        NOT_FOUND,
        NOT_FOUND,
        SIGN_IN,
        LOCKED,
        SIGN_IN,
        NOT_FOUND,
        NOT_FOUND,
    ),
    "consultations.new": (OK, NOT_FOUND, OK, SIGN_IN, LOCKED, SIGN_IN, NOT_FOUND, NOT_FOUND),
    "my_day.resume": CHILDS_OWN_PAGE,
    "my_day.question": CHILDS_OWN_PAGE,
    "my_day.finish": CHILDS_OWN_PAGE,
    "my_day.help": CHILDS_OWN_PAGE,
    "my_day.choose_language": CHILDS_OWN_PAGE,
    "my_day.review": CHILDS_OWN_PAGE,
    "my_day.stop": CHILDS_OWN_PAGE,
    "my_day.thanks": CHILDS_OWN_PAGE,
    "my_day.sent": CHILDS_OWN_PAGE,
    "my_day.who_will_see": CHILDS_OWN_PAGE,
    "answer_links.create": PRACTITIONERS_CHILD,
    "answer_links.revoke": PRACTITIONERS_CHILD,
    "answer_links.show": PRACTITIONERS_CHILD,
    # A made-up token: everyone gets the one "ask your worker for a new link" page (see test_answer_links).
    "answer_links.welcome": (
        NOT_FOUND,
        NOT_FOUND,
        NOT_FOUND,
        NOT_FOUND,
        LOCKED,
        NOT_FOUND,
        NOT_FOUND,
        NOT_FOUND,
    ),
    "answer_links.use": (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, LOCKED, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "join.enter_code": ANYONE,
    "join.someone_else": ANYONE,
    "join.start": ANYONE,
    "session_limits.keep_alive": SIGNED_IN,
    "caseload.session_view": READ_CHILD,
    "caseload.continue_session": PRACTITIONERS_CHILD,
    "notes.message_to_child": PRACTITIONERS_CHILD,
    "notes.add": PRACTITIONERS_CHILD,
    "insights.session_record": READ_CHILD,
    "insights.session_record_pdf": READ_CHILD,
    "settings.index": SIGNED_IN,
    "settings.weekly_reminder": SIGNED_IN,
    # On a device in child mode, signing in afresh is how a locked-out practitioner takes it back.
    "auth.sign_in": (OK, OK, OK, OK, OK, OK, OK, OK),
    # The second step: signed in already goes on to the app; without a right password first, back to sign in.
    "auth.second_step": (OK, OK, OK, SIGN_IN, SIGN_IN, SIGN_IN, OK, OK),
    # Signing in with the organisation's account: not set up here (tests/signin/test_single_sign_on.py has it).
    "single_sign_on.start": (NOT_FOUND,) * 8,
    "single_sign_on.done": (NOT_FOUND,) * 8,
    "single_sign_on.signed_out": (SIGN_IN, SIGN_IN, SIGN_IN, SIGN_IN, LOCKED, SIGN_IN, SIGN_IN, SIGN_IN),
    "account_admin.organisation_sign_in": ADMINISTRATORS,
    "two_factor.set_up": SIGNED_IN,
    "two_factor.renew_recovery_codes": SIGNED_IN,
    "two_factor.turn_off": SIGNED_IN,
    # Only while the set-up page has a new secret in this session: none here.
    "two_factor.qr_code": (NOT_FOUND, NOT_FOUND, NOT_FOUND, SIGN_IN, LOCKED, SIGN_IN, NOT_FOUND, NOT_FOUND),
    "two_factor_admin.overview": ADMINISTRATORS,
    "two_factor_admin.reset": ADMINISTRATORS,
    "auth.sign_out": (
        SIGN_IN,
        SIGN_IN,
        SIGN_IN,
        SIGN_IN,
        LOCKED,
        SIGN_IN,
        SIGN_IN,
        SIGN_IN,
    ),  # done: back to signing in
    "static": (OK, OK, OK, OK, OK, OK, OK, OK),
    "sprite": (OK, OK, OK, OK, OK, OK, OK, OK),  # pictures only, as static files are
}


@pytest.fixture
def rows(app, db, questionnaires):
    """Real rows: a practitioner's child and session, a lead's consultation with a pupil's answers."""
    users = {
        role: store.users.create_user(db, f"{role}@example.org", role, PASSWORD_HASH, role)
        for role in ("administrator", "practitioner", "consultation_lead")
    }
    users["child_mode"] = store.users.create_user(db, "kim@example.org", "Kim Lee", PASSWORD_HASH)
    for manager in ("manager", "other_manager"):
        users[manager] = store.users.create_user(
            db, f"{manager}@example.org", manager, PASSWORD_HASH, "manager"
        )
    team, other_team = store.teams.create_team(db, "North"), store.teams.create_team(db, "South")
    store.teams.add_member(db, team, users["practitioner"], manages=False)
    store.teams.add_member(db, team, users["manager"], manages=True)
    store.teams.add_member(db, other_team, users["other_manager"], manages=True)
    store.users.set_reads_impact_report(db, users["manager"], True)
    child = store.children.create_child(db, users["practitioner"], "Leo", "2017-03-14", None)
    with write_transaction(db):  # Kim works with Leo too: the tablet in child mode is hers
        db.execute(
            "INSERT INTO child_practitioners (child_id, user_id) VALUES (?, ?)", (child, users["child_mode"])
        )
    session = store.sessions.start_session(db, child, questionnaires["primary"], users["practitioner"])
    store.sessions.save_answer(db, session, "safe_at_home", "once", "no", alerting=("no",))
    [alert] = store.alerts.alerts_of_child(db, child)
    note = store.casework.add_supervision_note(
        db, child, users["manager"], "2026-11-02", "Breakfast at weekends", "Ask school", "2026-12-01"
    )
    link = store.sessions.create_answer_link(
        db, session, users["practitioner"], "0" * 64, "2999-01-01T00:00:00Z"
    )
    today = date.today()
    details = {
        "title": "Year 5",
        "questionnaire_id": "primary",
        "opens_on": (today - timedelta(days=1)).isoformat(),
        "closes_on": (today + timedelta(days=7)).isoformat(),
        "min_group_size": 2,  # two pupils' answers: enough for every page, the anonymous answers too
        "max_responses": 2000,
    }
    consultation = store.consultations.create_consultation(
        db, users["consultation_lead"], details, [], make_join_code
    )
    for _pupil in range(2):
        response = store.consultations.start_consultation_response(
            db,
            store.consultations.consultation_by_id(db, consultation),
            questionnaires["primary"],
            None,
            "en",
        )
        store.sessions.save_answer(db, response, "had_breakfast", "school", "yes")
    return {
        "users": users,
        "team": team,
        "note": note,
        "alert": alert["id"],
        "child": child,
        "session": session,
        "consultation": consultation,
        "pupil": response,
        "link": link,
    }


def visitor(app, rows, role):
    """A browser of this kind: signed in as the role, locked in child mode, or answering as a pupil."""
    client = app.test_client()
    with client.session_transaction() as flask_session:
        if role in rows["users"]:  # as signing in leaves it (see auth.sign_in and session_limits.start)
            flask_session.update(_user_id=str(rows["users"][role]), _fresh=True, session_version=0)
            flask_session["signed_in_at"] = flask_session["last_seen"] = int(time.time())
        if role == "child_mode":
            flask_session["child_mode"] = rows["session"]
        if role == "pupil":
            flask_session["grants"] = {str(rows["pupil"]): {"consultation": rows["consultation"]}}
    return client


def path_values(rows, role) -> dict:
    """The value of each URL argument for this visitor; a pupil's session is their own consultation response."""
    return {
        "child_id": rows["child"],
        "user_id": rows["users"]["administrator"],  # their own account: the rules refuse to disable it
        "session_id": rows["pupil"] if role == "pupil" else rows["session"],
        "consultation_id": rows["consultation"],
        "day_slug": "school-day",
        "question_id": "who_wakes_you",
        "filename": "css/app.css",
        "questionnaire_id": "primary",
        "which": "every-question",
        "link_id": rows["link"],
        "team_id": rows["team"],
        "note_id": rows["note"],
        "alert_id": rows["alert"],
        "token": "not-a-real-token",
    }


def url_for_rule(rule, rows, role) -> str:
    """Fill a route's ids from the real rows."""
    values = path_values(rows, role)
    return rule.build({argument: values[argument] for argument in rule.arguments})[1]


def answer(response, rows, role, endpoint) -> str:
    """Read a response as the kind of answer it is."""
    location = response.headers.get("Location", "")
    if response.status_code == 404:
        return NOT_FOUND
    if response.status_code in (301, 302, 303) and location.startswith("/sign-in"):
        return SIGN_IN
    locked_out = role == "child_mode" and not endpoint.startswith("my_day.")
    if locked_out and response.status_code == 302 and location == f"/day/{rows['session']}/":
        return LOCKED
    assert response.status_code < 500, response.status_code
    return OK


def test_every_route_is_classified(app):
    unclassified = {rule.endpoint for rule in app.url_map.iter_rules()} - set(EXPECTED)
    assert not unclassified, f"classify this new route in EXPECTED: {sorted(unclassified)}"


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_each_route_gives_each_role_the_expected_answer(app, rows, endpoint):
    app.config["WTF_CSRF_ENABLED"] = False  # who may; CSRF has its own test below
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint]
    assert rules, f"{endpoint} is in EXPECTED but is no route any more"
    got, wanted = {}, dict(zip(ROLES, EXPECTED[endpoint], strict=True))
    for role in ROLES:
        for rule in rules:
            method = "GET" if "GET" in rule.methods else "POST"
            url = url_for_rule(rule, rows, role)
            with visitor(app, rows, role).open(url, method=method) as response:
                got[role] = answer(response, rows, role, endpoint)
    assert got == wanted


CHILDS_RECORD = {endpoint for endpoint, expected in EXPECTED.items() if expected == PRACTITIONERS_CHILD}


def on_the_childs_team(db, rows, role: str) -> None:
    """Put someone of this role on the child's care team (as a practitioner whose role changed would be)."""
    db.execute(
        "INSERT INTO child_practitioners (child_id, user_id) VALUES (?, ?)",
        (rows["child"], rows["users"][role]),
    )
    db.conn.commit()


@pytest.mark.parametrize("role", ["consultation_lead", "administrator", "manager"])
def test_only_a_caseload_role_opens_a_childs_record_even_on_the_childs_team(app, db, rows, role):
    """A lead, an administrator or a manager on the child's team (say, a practitioner whose role changed)
    changes nothing: a manager reads their team's children, and never changes their record."""
    app.config["WTF_CSRF_ENABLED"] = False
    on_the_childs_team(db, rows, role)
    records = ("children", "sessions", "answers", "notes", "outcomes", "child_practitioners", "answer_links")
    before = [db[table].count for table in records]
    for rule in (rule for rule in app.url_map.iter_rules() if rule.endpoint in CHILDS_RECORD):
        method = "GET" if "GET" in rule.methods else "POST"
        with visitor(app, rows, role).open(url_for_rule(rule, rows, role), method=method) as response:
            assert answer(response, rows, role, rule.endpoint) == NOT_FOUND, rule.endpoint
    assert [db[table].count for table in records] == before  # and nothing was changed on the way


def test_a_practitioner_whose_role_changes_loses_their_children_at_the_next_request(app, db, rows):
    practitioner = visitor(app, rows, "practitioner")
    assert practitioner.get(f"/children/{rows['child']}").status_code == 200
    db.execute("UPDATE users SET role = 'consultation_lead' WHERE id = ?", (rows["users"]["practitioner"],))
    db.conn.commit()
    for page in (f"/children/{rows['child']}", f"/children/{rows['child']}/everything.json"):
        assert practitioner.get(page).status_code == 404, page


def test_a_refused_look_at_a_childs_record_is_audited_with_the_child_asked_for(app, db, rows):
    lead = visitor(app, rows, "consultation_lead")
    assert lead.get(f"/children/{rows['child']}/everything.json").status_code == 404
    refused = db.execute(
        "SELECT actor_id, detail FROM audit_log WHERE event = 'access_refused' ORDER BY id DESC"
    ).fetchone()
    assert refused[0] == rows["users"]["consultation_lead"]
    assert json.loads(refused[1]) == {"what": "privacy.export_json", "asked": {"child_id": rows["child"]}}


@pytest.mark.parametrize("role", ["consultation_lead", "administrator"])
def test_a_lead_or_an_administrator_can_neither_add_a_child_nor_start_a_session(app, db, rows, role):
    app.config["WTF_CSRF_ENABLED"] = False
    on_the_childs_team(db, rows, role)
    children, sessions = db["children"].count, db["sessions"].count
    browser = visitor(app, rows, role)
    added = browser.post("/children/new", data={"display_name": "Mia", "date_of_birth": "2016-05-01"})
    started = browser.post(f"/children/{rows['child']}/sessions/new", data={"questionnaire": "primary"})
    assert added.status_code == 404 and started.status_code == 404
    assert (db["children"].count, db["sessions"].count) == (children, sessions)


@pytest.mark.parametrize(
    "role, home",
    [
        ("practitioner", None),
        ("consultation_lead", "/consultations"),
        ("administrator", "/admin/accounts"),
        ("manager", "/team"),
    ],
)
def test_each_role_starts_on_its_own_first_page(app, rows, role, home):
    response = visitor(app, rows, role).get("/")
    assert (response.status_code == 200) if home is None else response.location.startswith(home)


def test_a_pupil_cannot_open_a_childs_session(app, rows):
    with visitor(app, rows, "pupil").get(f"/day/{rows['session']}/") as response:
        assert answer(response, rows, "pupil", "my_day.resume") in (NOT_FOUND, SIGN_IN)


# What a browser would send to each form: enough that, were the token not checked, something would change.
PLAUSIBLE_FORM = {
    "email": "practitioner@example.org",
    "password": "correct horse battery staple",
    "display_name": "Mia",
    "date_of_birth": "2016-05-01",
    "questionnaire": "primary",
    "text": "Seen at home",
    "statement": "I have breakfast before school",
    "confirm_name": "Leo",
    "answer": "alarm",
    "language": "cy",
    "next_session_on": "2030-01-01",
    "title": "Year 6",
    "code": "ABCDEF",
}
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def everything_stored(app) -> str:
    database = connect(app.config["DATABASE"])
    try:
        return "\n".join(database.conn.iterdump())
    finally:
        database.conn.close()


def someone_allowed(endpoint: str) -> str:
    """A role the route lets in, so the only thing that refuses the request is the CSRF check."""
    allowed = [role for role, expected in zip(ROLES, EXPECTED[endpoint], strict=True) if expected == OK]
    preferred = ("practitioner", "consultation_lead", "administrator", "pupil", "signed_out")
    # Signing out lets nobody stay: it needs someone signed in.
    return next((role for role in preferred if role in allowed), "practitioner")


def token_of_another_session(app) -> str:
    with app.test_request_context():
        return generate_csrf()


def test_every_state_changing_route_refuses_a_missing_or_wrong_csrf_token(app, rows):
    before = everything_stored(app)
    routes = [(rule, method) for rule in app.url_map.iter_rules() for method in rule.methods & STATE_CHANGING]
    assert len(routes) >= 20  # every form of the app: sign-in, children, sessions, notes, answers, joining…
    problems = []
    for rule, method in routes:
        role = someone_allowed(rule.endpoint)
        url = url_for_rule(rule, rows, role)
        for token in (None, "not-a-token", token_of_another_session(app)):
            client = visitor(app, rows, role)
            client.get("/join/").close()  # a page with a form: the browser has a CSRF token of its own
            data = PLAUSIBLE_FORM | ({"csrf_token": token} if token else {})
            with client.open(url, method=method, data=data) as response:
                if response.status_code != 400:
                    problems.append(f"{method} {url} as {role} with token {token!r}: {response.status_code}")
    assert not problems
    assert everything_stored(app) == before, "a request refused for its CSRF token changed something"
