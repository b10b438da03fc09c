"""Safety alerts: an answer that tells the child's worker at once, shown to whoever works with or oversees the
child until someone says what was done; never raised by an anonymous consultation."""

import html
import re
from datetime import date, timedelta

import pytest

from dayinmylife import store
from dayinmylife.consultations.codes import make_join_code
from tests.conftest import PASSWORD_HASH, Practitioners, csrf_token


@pytest.fixture
def people(db):
    ids = {
        name: store.users.create_user(db, f"{name.lower()}@example.org", name, PASSWORD_HASH, role)
        for name, role in (
            ("Sam", "practitioner"),
            ("Jo", "practitioner"),
            ("Morgan", "manager"),
            ("Ravi", "manager"),
        )
    }
    north, south = store.teams.create_team(db, "North"), store.teams.create_team(db, "South")
    store.teams.add_member(db, north, ids["Sam"], manages=False)
    store.teams.add_member(db, north, ids["Morgan"], manages=True)
    store.teams.add_member(db, south, ids["Jo"], manages=False)
    store.teams.add_member(db, south, ids["Ravi"], manages=True)
    ids["Leo"] = store.children.create_child(db, ids["Sam"], "Leo", "2018-05-01", "C-1")
    return ids


@pytest.fixture
def sam(client, db, people):
    practitioner = Practitioners(client, db)
    practitioner.sign_in("sam@example.org")
    return practitioner


def visitor(app, db, email):
    person = Practitioners(app.test_client(), db)
    person.sign_in(email)
    return person


def start(sam, child_id, account="child") -> int:
    response = sam.post(
        f"/children/{child_id}/sessions/new", {"questionnaire": "primary", "account": account}
    )
    return int(response.location.strip("/").split("/")[-1])


def answer(client, url, **fields):
    return client.post(url, data={**fields, "csrf_token": csrf_token(client.get(url).text)})


def words(page) -> str:
    """The page's text as a reader reads it: no tags, one space between words."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.text)).split())


def test_a_child_saying_they_are_not_safe_at_home_tells_their_worker_and_manager_at_once(
    app, db, sam, people
):
    session = start(sam, people["Leo"])
    answer(sam.client, f"/day/{session}/any-day/safe_at_home", answer="no", action="continue")
    [alert] = store.alerts.alerts_of_child(db, people["Leo"])
    assert (alert["question_id"], alert["day"], alert["answer"]) == ("safe_at_home", "once", "no")
    assert alert["acknowledged_at"] is None
    morgan, jo, ravi = (visitor(app, db, f"{n}@example.org") for n in ("morgan", "jo", "ravi"))
    for page in (words(morgan.client.get("/team")),):
        assert "A child told us something that needs someone now" in page
        assert "Leo C-1 : “Do you feel safe at home?” — No ." in page
    for outsider in (jo.client.get("/"), ravi.client.get("/team")):
        assert "needs someone now" not in outsider.text  # another team's child is none of theirs
    # Saving the same answer again, or changing it, never loses or repeats the alert.
    answer(sam.client, f"/day/{session}/any-day/safe_at_home", answer="no", action="continue")
    answer(sam.client, f"/day/{session}/any-day/safe_at_home", answer="yes", action="continue")
    assert len(store.alerts.alerts_of_child(db, people["Leo"])) == 1


def test_an_alert_from_a_parents_account_reads_as_that_parent_was_asked_naming_each_child(
    app, db, sam, people
):
    mia = store.children.create_child(db, people["Sam"], "Mia", "2017-02-01", "C-2")
    for child in (people["Leo"], mia):
        session = start(sam, child, account="parent_carer")
        answer(sam.client, f"/day/{session}/any-day/safe_at_home", answer="no", action="continue")
    caseload = words(sam.client.get("/"))
    assert "“Does Leo feel safe at home?” — No" in caseload
    assert "“Does Mia feel safe at home?” — No" in caseload
    assert "Do you feel safe at home?" not in caseload
    assert "“Does Mia feel safe at home?” — No" in words(sam.client.get(f"/children/{mia}"))


def test_the_practitioner_says_what_was_done_and_the_alert_leaves_the_caseload(app, db, sam, people):
    session = start(sam, people["Leo"])
    answer(sam.client, f"/day/{session}/any-day/safe_at_home", answer="no", action="continue")
    practitioner = visitor(
        app, db, "sam@example.org"
    )  # the tablet is in child mode: Sam signs in on a laptop
    assert "needs someone now" in practitioner.client.get("/").text
    [alert] = store.alerts.alerts_of_child(db, people["Leo"])
    url = f"/children/{people['Leo']}/alerts/{alert['id']}/acknowledge"
    child_page = f"/children/{people['Leo']}"
    refused = practitioner.post(url, {"action": "no_action"}, token_from=child_page)
    assert refused.status_code == 302
    assert "Say why no action was needed." in words(practitioner.client.get(child_page))
    assert store.alerts.alerts_of_child(db, people["Leo"])[0]["acknowledged_at"] is None
    done = practitioner.post(
        url, {"action": "talked_with_child", "note": "Talked at school."}, token_from=child_page
    )
    assert done.location.endswith(f"{child_page}#alerts")
    page = words(practitioner.client.get(child_page))
    assert "Acknowledged by Sam" in page and "Talked with the child. Talked at school." in page
    assert "needs someone now" not in practitioner.client.get("/").text
    again = practitioner.post(url, {"action": "referral"}, token_from=child_page)
    assert again.status_code == 404  # acknowledged once, by one person
    events = [row[0] for row in db.execute("SELECT event FROM audit_log WHERE event = 'alert_acknowledged'")]
    assert events == ["alert_acknowledged"]


def test_only_whoever_works_with_or_oversees_the_child_can_acknowledge(app, db, sam, people):
    session = start(sam, people["Leo"])
    answer(sam.client, f"/day/{session}/any-day/safe_at_home", answer="no", action="continue")
    [alert] = store.alerts.alerts_of_child(db, people["Leo"])
    url = f"/children/{people['Leo']}/alerts/{alert['id']}/acknowledge"
    for email in ("jo@example.org", "ravi@example.org"):
        outsider = visitor(app, db, email)
        assert outsider.post(url, {"action": "referral"}, token_from="/settings").status_code == 404
    other_child = store.children.create_child(db, people["Jo"], "Kai", "2017-01-01", None)
    jo = visitor(app, db, "jo@example.org")
    wrong_child = f"/children/{other_child}/alerts/{alert['id']}/acknowledge"
    assert jo.post(wrong_child, {"action": "referral"}, token_from="/settings").status_code == 404
    morgan = visitor(app, db, "morgan@example.org")
    assert morgan.post(url, {"action": "strategy_discussion"}, token_from="/team").status_code == 302
    assert store.alerts.alerts_of_child(db, people["Leo"])[0]["acknowledged_by"] == people["Morgan"]


def test_an_answer_that_raises_no_alert_raises_none(db, sam, people):
    session = start(sam, people["Leo"])
    answer(sam.client, f"/day/{session}/any-day/safe_at_home", answer="yes", action="continue")
    answer(
        sam.client,
        f"/day/{session}/school-day/night_feelings",
        answer=["sleepy", "worried"],
        action="continue",
    )
    assert store.alerts.alerts_of_child(db, people["Leo"]) == []
    answer(
        sam.client,
        f"/day/{session}/school-day/night_feelings",
        answer=["sleepy", "scared"],
        action="continue",
    )
    [alert] = store.alerts.alerts_of_child(db, people["Leo"])
    assert (alert["question_id"], alert["answer"]) == ("night_feelings", "scared")


def pupils_session(db, questionnaires, lead) -> int:
    """A pupil's anonymous response to a school's consultation."""
    today = date.today()
    details = {
        "title": "Year 5",
        "questionnaire_id": "primary",
        "opens_on": (today - timedelta(days=1)).isoformat(),
        "closes_on": (today + timedelta(days=7)).isoformat(),
        "min_group_size": 5,
        "max_responses": 100,
    }
    consultation = store.consultations.create_consultation(db, lead, details, [], make_join_code)
    return store.consultations.start_consultation_response(
        db, store.consultations.consultation_by_id(db, consultation), questionnaires["primary"], None, "en"
    )


def test_an_anonymous_consultation_raises_no_alert_about_anyone(db, questionnaires, people):
    lead = store.users.create_user(db, "lead@example.org", "Lead", PASSWORD_HASH, "consultation_lead")
    session = pupils_session(db, questionnaires, lead)
    store.sessions.save_answer(db, session, "safe_at_home", "once", "no", alerting=("no",))
    assert db.execute("SELECT COUNT(*) FROM alerts").fetchone()[0] == 0


def test_the_child_is_told_before_and_after_that_some_answers_reach_their_worker_at_once(
    app, db, sam, people
):
    session = start(sam, people["Leo"])
    assert "tell Sam straight away" in words(sam.client.get(f"/day/{session}/"))
    answer(sam.client, f"/day/{session}/any-day/safe_at_home", answer="yes", action="continue")
    thanks = words(sam.client.get(f"/day/{session}/thanks"))
    assert "has been told straight away" not in thanks and "Childline" in thanks
    tablet = visitor(app, db, "sam@example.org")  # another device, for another child
    other = start(tablet, store.children.create_child(db, people["Sam"], "Mia", "2018-01-01", None))
    answer(tablet.client, f"/day/{other}/any-day/safe_at_home", answer="no", action="continue")
    thanks = words(tablet.client.get(f"/day/{other}/thanks"))
    assert "You told us something important. Sam has been told straight away" in thanks
    assert thanks.index("Childline") < thanks.index("Thank you!")  # where to get help comes first


def test_a_leads_comments_put_first_those_of_pupils_who_said_they_are_not_safe(client, db, questionnaires):
    lead = store.users.create_user(db, "lead@example.org", "Lead", PASSWORD_HASH, "consultation_lead")
    worried, settled = pupils_session(db, questionnaires, lead), None
    consultation = store.sessions.session_by_id(db, worried)["consultation_id"]
    settled = store.consultations.start_consultation_response(
        db, store.consultations.consultation_by_id(db, consultation), questionnaires["primary"], None, "en"
    )
    store.sessions.save_answer(db, worried, "better_day", "once", "Zebras at school.")
    store.sessions.save_answer(db, worried, "safe_at_home", "once", "no", alerting=("no",))
    store.sessions.save_answer(db, settled, "better_day", "once", "A dog.")
    store.sessions.save_answer(db, settled, "night_feelings", "school", ["sleepy"])
    Practitioners(client, db).sign_in("lead@example.org")
    page = words(client.get(f"/consultations/{consultation}/comments"))
    assert page.index("Zebras at school.") < page.index("A dog.")  # not the order of the words
    assert page.count("Read first:") == 1
    assert db.execute("SELECT COUNT(*) FROM alerts").fetchone()[0] == 0  # and no alert about anyone
