"""The demo a newcomer signs in to: Sam Taylor's three children and their sessions over nine months."""

import dataclasses
import io
from datetime import date, datetime, timedelta
from pathlib import Path

import pypdf
import pytest

from dayinmylife import create_app, store
from dayinmylife.casework.ages import age_in_words
from dayinmylife.consultations.results import build_results, groups_of
from dayinmylife.demo import (
    ADMIN_EMAIL,
    CHILDREN,
    DEMO_EMAIL,
    DEMO_PASSWORD,
    MANAGER_EMAIL,
    DemoScriptError,
    ScriptedSession,
    check_script,
    seed,
)
from dayinmylife.demo.consultation import LEAD_EMAIL, TITLE
from dayinmylife.demo.county import TITLE as COUNTY
from dayinmylife.questionnaire import builtins, flow
from dayinmylife.questionnaire.model import NOT_A_REAL_ANSWER, ONCE, SCHOOL, WEEKEND
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    migrate(path)
    app = create_app({"DATABASE": str(path), "SECRET_KEY": "test-" * 8, "TESTING": True})
    db = connect(path)
    seed(db, app.extensions["questionnaires"])
    db.conn.close()
    return app


@pytest.fixture
def demo_db(demo_app):
    database = connect(demo_app.config["DATABASE"])
    yield database
    database.conn.close()


@pytest.fixture
def questionnaires(demo_app):
    return demo_app.extensions["questionnaires"]


def sam(db):
    return store.users.user_by_email(db, DEMO_EMAIL)


def sessions_of(db, name):
    """A demo child's sessions, oldest first, each with its answers as plain values."""
    child = next(
        child for child in store.children.children_of(db, sam(db)["id"]) if child["display_name"] == name
    )
    sessions = list(reversed(store.sessions.sessions_of_child(db, child["id"])))
    return [
        (session, {key: answer.value for key, answer in store.sessions.answers_of(db, session["id"]).items()})
        for session in sessions
    ]


def all_sessions(db):
    return [session for name in ("Amara", "Leo", "Jess") for session in sessions_of(db, name)]


def days_ago(timestamp: str) -> int:
    return (date.today() - datetime.fromisoformat(timestamp).date()).days


def age_in_months(date_of_birth: str) -> int:
    born, today = date.fromisoformat(date_of_birth), date.today()
    return (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)


def test_sam_taylor_has_four_children_who_are_plainly_demo_people(demo_db):
    children = {
        child["display_name"]: child for child in store.children.children_of(demo_db, sam(demo_db)["id"])
    }
    assert sam(demo_db)["name"] == "Sam Taylor"
    assert set(children) == {"Amara", "Leo", "Jess", "Ellis"}
    assert all(child["case_reference"].startswith("DEMO-") for child in children.values())
    assert 7 <= age_in_months(children["Amara"]["date_of_birth"]) <= 9
    assert age_in_months(children["Leo"]["date_of_birth"]) // 12 == 7
    assert age_in_months(children["Jess"]["date_of_birth"]) // 12 == 14
    assert age_in_months(children["Ellis"]["date_of_birth"]) // 12 == 10


def test_sessions_are_spread_over_the_last_nine_months(demo_db):
    counts = {name: len(sessions_of(demo_db, name)) for name in ("Amara", "Leo", "Jess")}
    assert counts == {"Amara": 3, "Leo": 5, "Jess": 3}  # Leo's include his mum's account
    ages = [days_ago(session["started_at"]) for session, _ in all_sessions(demo_db)]
    assert 250 <= max(ages) <= 290
    assert min(ages) >= 1
    assert days_ago(sessions_of(demo_db, "Leo")[-1][0]["started_at"]) <= 14
    questionnaire_of = {
        name: {s["questionnaire_id"] for s, _ in sessions_of(demo_db, name)} for name in counts
    }
    assert questionnaire_of == {"Amara": {"baby"}, "Leo": {"primary"}, "Jess": {"teenager"}}


def test_leos_school_day_breakfast_changes_across_the_months(demo_db):
    leo = [answers for session, answers in sessions_of(demo_db, "Leo") if session["account"] == "child"]
    assert leo[0][("had_breakfast", SCHOOL)] == "no"
    assert ("breakfast_food", SCHOOL) not in leo[0]  # not asked when there is no breakfast
    assert leo[-1][("had_breakfast", SCHOOL)] == "yes"
    assert leo[-1][("who_makes_breakfast", SCHOOL)] == "grown_up"
    foods = [answers.get(("breakfast_food", SCHOOL)) for answers in leo]
    assert len({tuple(food or ()) for food in foods}) >= 3
    assert leo[0][("mornings_own_words", SCHOOL)] != leo[1][("mornings_own_words", SCHOOL)]


def test_leos_latest_session_says_breakfast_is_different_at_the_weekend(demo_db, questionnaires):
    session, answers = sessions_of(demo_db, "Leo")[-1]
    differs = flow.weekend_differs(questionnaires["primary"], answers)
    assert differs["breakfast"] == "yes" and differs["bedtime"] == "yes"
    assert answers[("had_breakfast", SCHOOL)] == "yes"
    assert answers[("had_breakfast", WEEKEND)] == "no"
    assert answers[("bedtime_time", WEEKEND)] > answers[("bedtime_time", SCHOOL)]


def test_only_jesss_latest_session_is_left_part_way_to_show_resuming(demo_db, questionnaires):
    in_progress = [(s, a) for s, a in all_sessions(demo_db) if s["status"] == "in_progress"]
    assert len(in_progress) == 1
    session, answers = in_progress[0]
    assert session == sessions_of(demo_db, "Jess")[-1][0]
    steps = flow.steps(questionnaires["teenager"], answers)
    assert flow.first_unanswered(steps, set(answers)) is not None
    assert 0.35 <= len(answers) / len(steps) <= 0.65


def test_finished_sessions_answer_exactly_what_the_flow_asks(demo_db, questionnaires):
    for session, answers in all_sessions(demo_db):
        steps = flow.steps(questionnaires[session["questionnaire_id"]], answers)
        assert set(answers) <= {step.key for step in steps}
        if session["status"] == "finished":
            assert set(answers) == {step.key for step in steps}
            assert session["finished_at"] > session["started_at"]


def test_every_stored_answer_is_one_its_question_offers(demo_db, questionnaires):
    for session, answers in all_sessions(demo_db):
        questionnaire = questionnaires[session["questionnaire_id"]]
        for (question_id, day), value in answers.items():
            question = questionnaire.questions_by_id.get(question_id)
            offered = {o.value for o in question.options} if question else {o.value for o in builtins.YES_NO}
            assert question_id.endswith(".weekend_different") or question is not None
            assert day in (SCHOOL, WEEKEND, ONCE)
            if value is None or value in NOT_A_REAL_ANSWER:
                continue
            if question and question.free_text:
                assert isinstance(value, str) and value.strip(), (question_id, value)
            elif question and question.multiple:
                assert isinstance(value, list) and set(value) <= offered | set(NOT_A_REAL_ANSWER), (
                    question_id,
                    value,
                )
            else:
                assert value in offered, (question_id, value)


def test_the_baby_sessions_say_what_was_seen_and_what_was_told(demo_db):
    sources = set()
    for session, _ in sessions_of(demo_db, "Amara"):
        for (question_id, _day), answer in store.sessions.answers_of(demo_db, session["id"]).items():
            real = not answer.skipped and answer.value not in NOT_A_REAL_ANSWER
            if real and not question_id.endswith(".weekend_different"):
                assert answer.source in ("observed", "reported"), question_id
                sources.add(answer.source)
            else:
                assert answer.source is None, question_id
    assert sources == {"observed", "reported"}


def test_silence_is_kept_as_skips_dont_knows_and_rather_not_says(demo_db):
    values = [value for _, answers in all_sessions(demo_db) for value in answers.values()]
    assert None in values
    assert "dont_know" in values and "rather_not_say" in values


def test_the_demo_password_signs_in(demo_app):
    assert len(DEMO_PASSWORD) >= 12
    demo_app.config["WTF_CSRF_ENABLED"] = False
    try:
        response = demo_app.test_client().post(
            "/sign-in", data={"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
        )
    finally:
        demo_app.config["WTF_CSRF_ENABLED"] = True
    assert response.status_code == 302
    assert response.location == "/"


def test_a_script_naming_a_question_or_answer_that_does_not_exist_fails_loudly(questionnaires):
    leo = next(child for child in CHILDREN if child.name == "Leo")
    for answers, message in (
        ({"favourite_dinosaur": "t_rex"}, "no question 'favourite_dinosaur'"),
        ({"had_breakfast": "pancakes"}, "'pancakes' is not an answer"),
    ):
        broken = dataclasses.replace(leo, visits=(ScriptedSession(30, answers),))
        with pytest.raises(DemoScriptError, match=message):
            check_script(questionnaires["primary"], broken)


def test_flask_demo_sets_up_an_empty_database_once_and_says_how_to_sign_in(tmp_path):
    app = create_app(
        {"DATABASE": str(tmp_path / "fresh.sqlite3"), "SECRET_KEY": "test-" * 8, "TESTING": True}
    )
    with app.app_context():  # as `flask` itself provides; the test runner does not
        first = app.test_cli_runner().invoke(args=["demo"])
        second = app.test_cli_runner().invoke(args=["demo"])
    assert first.exit_code == 0 and DEMO_PASSWORD in first.output and "four demo children" in first.output
    assert LEAD_EMAIL in first.output and ADMIN_EMAIL in first.output and MANAGER_EMAIL in first.output
    assert second.exit_code == 0 and "four demo children" not in second.output
    db = connect(tmp_path / "fresh.sqlite3")
    try:
        assert (
            db["children"].count == 20 and db["users"].count == 6
        )  # Sam Taylor, Priya Shah (lead), Alex (admin), Morgan (manager), Nadia Okafor and Tom Evans
    finally:
        db.conn.close()


def test_ellis_answers_my_day_in_pictures_with_his_mums_account_beside_his(demo_db):
    sessions = sessions_of(demo_db, "Ellis")
    assert [session["questionnaire_id"] for session, _ in sessions] == ["disability"] * 3
    assert [session["account"] for session, _ in sessions] == ["child", "parent_carer", "child"]
    latest, mums = sessions[-1][0], sessions[1][0]
    assert latest["scan_every_ms"] == 2000  # he uses a switch
    answers = store.sessions.answers_of(demo_db, latest["id"])
    assert answers[("sort_playtime", "once")].shown_by == ("behaviour", "vocalised")
    assert answers[("who_wakes_you", "school")].shown_by == ("eye_gaze", "vocalised")
    told = store.sessions.answers_of(demo_db, mums["id"])[("sort_playtime", "once")]
    assert told.value == "good" and told.shown_by == ()  # a parent's account is not the child showing


def test_leos_mum_gives_her_own_account_of_the_same_weeks(demo_db):
    accounts = [session["account"] for session, _ in sessions_of(demo_db, "Leo")]
    assert accounts[-2:] == ["parent_carer", "child"]


def test_leos_outcomes_show_school_mornings_met_and_weekends_not_yet(demo_db, questionnaires):
    from dayinmylife.questionnaire.outcomes import Outcome, outcome_status

    session, _ = sessions_of(demo_db, "Leo")[-1]
    outcomes = store.children.outcomes_of_child(demo_db, session["child_id"])
    answers = store.sessions.answers_of(demo_db, session["id"])
    statuses = {
        row["statement"]: outcome_status(
            questionnaires["primary"],
            answers,
            Outcome(row["statement"], row["question_id"], row["day"], tuple(row["met_when"])),
        )
        for row in outcomes
    }
    assert statuses == {
        "I have breakfast before school": "met",
        "I have breakfast at weekends too": "not_met",
        "I am in bed by eight on school nights": "met",
    }
    assert store.casework.notes_of_session(demo_db, sessions_of(demo_db, "Leo")[0][0]["id"])


# The school consultation: Priya Shah's Year 5 and 6


def demo_consultation(db) -> dict:
    lead = store.users.user_by_email(db, LEAD_EMAIL)
    return next(c for c in store.consultations.consultations_of(db, lead["id"]) if c["title"] == TITLE)


def test_priya_shah_leads_a_finished_consultation_of_over_a_hundred_pupils(demo_db):
    lead = store.users.user_by_email(demo_db, LEAD_EMAIL)
    assert lead["name"] == "Priya Shah" and lead["role"] == "consultation_lead"
    consultation = demo_consultation(demo_db)
    assert consultation["questionnaire_id"] == "primary"
    assert consultation["closes_on"] < date.today().isoformat()
    names = {g["id"]: g["name"] for g in store.consultations.consultation_groups(demo_db, consultation["id"])}
    counted = store.tallies.consultation_response_counts(demo_db, consultation["id"])
    pupils = {names[group_id]: count for group_id, count in counted.items()}
    assert {"5 Oak", "5 Ash", "6 Elm"} <= set(pupils) and sum(pupils.values()) > 100
    # Small, so its numbers are suppressed:
    assert 0 < pupils["Nurture group"] < consultation["min_group_size"]


def test_priya_shah_also_runs_an_open_consultation_across_three_schools_with_easy_codes(demo_db):
    lead = store.users.user_by_email(demo_db, LEAD_EMAIL)
    county = next(
        c for c in store.consultations.consultations_of(demo_db, lead["id"]) if c["title"] == COUNTY
    )
    assert county["opens_on"] <= date.today().isoformat() <= county["closes_on"]
    schools = {s["name"]: s for s in store.schools.schools_with_classes(demo_db, county["id"])}
    assert {name: school["join_code"] for name, school in schools.items()} == {
        "Hillside Primary": "HIL234",
        "Brook Lane": "BRK234",
        "Little Acorns": "ACN234",
    }
    counted = store.tallies.consultation_response_counts(demo_db, county["id"])
    classes = {c["name"]: c["id"] for c in store.schools.classes_of(demo_db, schools["Brook Lane"]["id"])}
    assert 0 < counted[classes["Year 6"]] < county["min_group_size"] <= counted[classes["Year 5"]]
    assert counted[schools["Little Acorns"]["id"]] >= county["min_group_size"]  # a school without classes


def test_the_demo_classes_answer_differently_and_weekends_differ_from_school_days(demo_db):
    consultation = demo_consultation(demo_db)
    groups = {
        g["name"]: g["id"] for g in store.consultations.consultation_groups(demo_db, consultation["id"])
    }
    rows = store.tallies.consultation_answer_counts(demo_db, consultation["id"])
    counts = {(question, day, value): per_group for question, day, value, per_group in rows}
    no_breakfast = counts[("had_breakfast", "school", '"no"')]
    assert no_breakfast.get(groups["5 Ash"], 0) > no_breakfast.get(groups["5 Oak"], 0)
    alarms = counts[("who_wakes_you", "school", '"alarm"')]
    assert alarms[groups["6 Elm"]] > alarms.get(groups["5 Oak"], 0)
    late = {"school": 0, "weekend": 0}
    for (question, day, value), per_group in counts.items():
        if question == "bedtime_time" and day in late and value in ('"22:00"', '"22:30"', '"23:00"'):
            late[day] += sum(per_group.values())
    assert late["weekend"] > late["school"]  # fewer pupils answer about the weekend, yet more stay up late


def test_the_demo_lead_signs_in_to_the_consultations_and_finds_small_numbers_suppressed(demo_app, demo_db):
    demo_app.config["WTF_CSRF_ENABLED"] = False
    try:
        client = demo_app.test_client()
        client.post("/sign-in", data={"email": LEAD_EMAIL, "password": DEMO_PASSWORD})
    finally:
        demo_app.config["WTF_CSRF_ENABLED"] = True
    assert client.get("/").location == "/consultations/"
    page = client.get(f"/consultations/{demo_consultation(demo_db)['id']}/results").text
    assert "fewer than 5" in page and "Not shown on its own" in page and "Nurture group" in page


def test_the_readme_gives_the_demo_childrens_ages_as_the_app_shows_them(demo_db):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for child in store.children.children_of(demo_db, sam(demo_db)["id"]):
        shown = age_in_words(child["date_of_birth"])
        assert f"{child['display_name']} ({shown})" in readme, (child["display_name"], shown)


def test_the_demo_has_an_administrator_who_signs_in_with_the_demo_password(demo_app):
    demo_app.config["WTF_CSRF_ENABLED"] = False
    client = demo_app.test_client()
    client.post("/sign-in", data={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD})
    accounts = client.get("/admin/accounts")
    demo_app.config["WTF_CSRF_ENABLED"] = True
    assert accounts.status_code == 200 and "Sam Taylor" in accounts.text


def test_the_demo_team_manager_sees_sams_children_on_the_team_page(demo_app):
    demo_app.config["WTF_CSRF_ENABLED"] = False
    client = demo_app.test_client()
    signed_in = client.post("/sign-in", data={"email": MANAGER_EMAIL, "password": DEMO_PASSWORD})
    demo_app.config["WTF_CSRF_ENABLED"] = True
    assert signed_in.location == "/team"
    page = client.get("/team?show=all").text
    assert "Family Support North" in page and all(
        name in page for name in ("Amara", "Leo", "Jess", "Sam Taylor")
    )


def test_two_more_practitioners_have_a_year_of_caseloads_some_drifting_some_improving(demo_app):
    demo_app.config["WTF_CSRF_ENABLED"] = False
    client = demo_app.test_client()
    client.post("/sign-in", data={"email": MANAGER_EMAIL, "password": DEMO_PASSWORD})
    demo_app.config["WTF_CSRF_ENABLED"] = True
    everyone = " ".join(client.get("/team?show=all").text.split())
    assert "Nadia Okafor" in everyone and "Tom Evans" in everyone
    assert all(name in everyone for name in ("Ava", "Noah", "Ruby", "Finley"))
    needing_attention = " ".join(client.get("/team").text.split())
    # Noah's weekend breakfasts stay worth exploring session after session; Ethan has not been seen for months.
    assert "Noah" in needing_attention and "Ethan" in needing_attention
    assert "Ava" not in needing_attention  # her days got better, session by session


def test_the_demo_impact_report_shows_a_quarter_of_believable_figures(demo_app):
    demo_app.config["WTF_CSRF_ENABLED"] = False
    client = demo_app.test_client()
    client.post("/sign-in", data={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD})
    demo_app.config["WTF_CSRF_ENABLED"] = True
    lines = client.get("/impact/report.csv").text.lstrip("\ufeff").splitlines()
    heard = next(line for line in lines if ",Children heard," in line).split(",")
    assert 12 <= int(heard[3]) <= 19
    improving = next(line for line in lines if "More outcomes met than at first" in line).split(",")
    assert improving[3].isdigit() and int(improving[3]) >= 5


def test_jesss_history_has_an_alert_her_worker_acted_on_the_next_day(demo_db):
    jess = next(
        c for c in store.children.children_of(demo_db, sam(demo_db)["id"]) if c["display_name"] == "Jess"
    )
    [alert] = store.alerts.alerts_of_child(demo_db, jess["id"])
    assert (alert["question_id"], alert["answer"], alert["action"]) == (
        "food_in_house",
        "never",
        "contacted_family",
    )
    raised, acknowledged = (datetime.fromisoformat(alert[key]) for key in ("raised_at", "acknowledged_at"))
    assert acknowledged - raised == timedelta(days=1) and alert["acknowledged_by_name"] == "Sam Taylor"
    open_alerts = demo_db.execute("SELECT COUNT(*) FROM alerts WHERE acknowledged_at IS NULL").fetchone()[0]
    assert open_alerts == 0  # the demo's stories are months old: every alert was acted on


def signed_in_as_sam(demo_app):
    demo_app.config["WTF_CSRF_ENABLED"] = False
    client = demo_app.test_client()
    client.post("/sign-in", data={"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
    demo_app.config["WTF_CSRF_ENABLED"] = True
    return client


def test_the_demo_childrens_chronologies_have_significant_events_across_the_year(demo_app, demo_db):
    client = signed_in_as_sam(demo_app)
    for child in store.children.children_of(demo_db, sam(demo_db)["id"]):
        events = store.chronology.significant_events_of_child(demo_db, child["id"])
        assert (
            len(events) >= 4 and events[0]["happened_on"] < (date.today() - timedelta(days=180)).isoformat()
        )
    leo = next(
        c for c in store.children.children_of(demo_db, sam(demo_db)["id"]) if c["display_name"] == "Leo"
    )
    page = " ".join(client.get(f"/children/{leo['id']}/chronology").text.split())
    assert "Missed dental appointment: 3 times since" in page  # what keeps happening, above the timeline
    assert "Two fillings now needed" in page and "Dental practice" in page
    assert "Outcomes met: “I have breakfast before school”" in page  # at the sessions since it was agreed


def test_a_whole_primary_session_is_a_pdf_of_at_most_three_pages(demo_app, demo_db):
    """Leo's latest session answers every part of the day: its record keeps the day picture on three pages."""
    client = signed_in_as_sam(demo_app)
    leo_latest, _answers = sessions_of(demo_db, "Leo")[-1]
    answer = client.get(f"/sessions/{leo_latest['id']}/record.pdf")
    assert answer.status_code == 200
    pages = pypdf.PdfReader(io.BytesIO(answer.data)).pages
    assert len(pages) <= 3
    assert "Leo's day" in pages[0].extract_text() and "Basic care" in " ".join(
        p.extract_text() for p in pages
    )


def test_a_babys_sessions_say_they_are_observation_with_what_the_carer_told(demo_app, demo_db):
    client = signed_in_as_sam(demo_app)
    amara, _answers = sessions_of(demo_db, "Amara")[-1]
    page = " ".join(client.get(f"/sessions/{amara['id']}").text.split())
    assert "Observation, with what the parent or carer told" in page and "The child's own account" not in page
    assert "A day in my life (baby), version 1" in page
    child = " ".join(client.get(f"/children/{amara['child_id']}").text.split())
    assert "Observation, with what the parent or carer told" in child


def test_the_demo_results_lead_with_the_weekend_of_every_part_of_the_day_for_the_whole_consultation(
    demo_app, demo_db, questionnaires
):
    """The whole consultation's counts are shown where saying less of a class's instead keeps every hidden count
    safe: every part's "yes" and "no". Getting ready too, though each class said "yes" 5 times, the minimum: one
    class's "yes" is "not shown" rather than "hidden" (docs/performance.md)."""
    consultation = demo_consultation(demo_db)
    groups = groups_of(
        store.consultations.consultation_groups(demo_db, consultation["id"]),
        store.tallies.consultation_response_counts(demo_db, consultation["id"]),
        consultation["min_group_size"],
    )
    rows = store.tallies.consultation_answer_counts(demo_db, consultation["id"])
    results = build_results(questionnaires["primary"], groups, rows, consultation["min_group_size"])
    weekend = [part.weekend_differs.table for part in results.parts if part.weekend_differs]
    assert len(weekend) == 8
    assert all(table.whole("yes").shown and table.whole("no").shown for table in weekend)
