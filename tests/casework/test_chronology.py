"""A child's chronology: one timeline of sessions, significant events, alerts, outcomes, messages back,
supervision and care-team changes, filtered and ordered as asked, with what persists and repeats above it."""

import html
import re
from datetime import date

from dayinmylife import store
from dayinmylife.casework import timeline
from dayinmylife.questionnaire.findings import Findings
from tests.conftest import csrf_token


def words(page) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.text)).split())


def findings(worth=(), weekend=None) -> Findings:
    return Findings(frozenset((area, "prompt") for area in worth), frozenset(), weekend or {}, {})


def test_entries_come_in_order_and_an_acknowledged_alert_is_two():
    alert = {"raised_at": "2026-03-09T13:00:00", "acknowledged_at": "2026-03-10T09:00:00"}
    found = timeline.entries(
        [{"started_at": "2026-03-09T13:00:00", "id": 1}],
        [{"created_at": "2026-01-02T10:00:00", "statement": "Breakfast"}],
        [],
        [alert],
        [{"discussed_on": "2026-04-01"}],
        [{"at": "2025-12-01T09:00:00", "event": "team_member_added"}],
        [{"happened_on": "2026-02-14", "what": "Missed dentist", "impact": "Toothache at school"}],
        "2027-01-15",
    )
    assert [entry.kind for entry in found] == [
        "care_team", "outcome", "event", "session", "alert", "alert", "supervision", "next_session",
    ]  # fmt: skip
    assert [entry.facts.get("acknowledgement") for entry in found if entry.kind == "alert"] == [False, True]
    newest = timeline.chosen(found, ["session", "event"], date(2026, 2, 1), date(2026, 12, 31), True)
    assert [entry.kind for entry in newest] == ["session", "event"]
    oldest = timeline.chosen(found, timeline.KINDS, None, date(2026, 1, 31), False)
    assert [entry.kind for entry in oldest] == ["care_team", "outcome"]


def test_the_same_event_more_than_once_in_a_year_is_a_repeat_however_it_is_written():
    events = [
        {"happened_on": "2026-03-02", "what": "Missed health appointment"},
        {"happened_on": "2026-06-10", "what": "missed  health appointment"},
        {"happened_on": "2026-10-01", "what": "Missed health appointment "},
        {"happened_on": "2025-01-05", "what": "Missed health appointment"},  # over a year ago
        {"happened_on": "2026-05-05", "what": "Moved house"},
    ]
    [repeat] = timeline.repeated_events(events, date(2026, 12, 4))
    assert (repeat.what, repeat.times, repeat.since) == ("Missed health appointment", 3, "2026-03-02")


def test_a_sessions_headline_compares_it_with_the_one_before_of_the_same_account():
    sessions = [
        {"id": 1, "account": "child"},
        {"id": 2, "account": "parent_carer"},
        {"id": 3, "account": "child"},
    ]
    found = {
        1: findings(["basic_care", "stability"], {"breakfast": "yes", "bedtime": "no"}),
        2: findings([]),
        3: findings(["basic_care", "emotional_warmth"]),
    }
    headlines = timeline.session_headlines(sessions, found, {"breakfast": "Breakfast"})
    assert headlines[1] == {"weekend": ["Breakfast"], "now_worth": [], "no_longer": []}
    assert headlines[2]["no_longer"] == []  # the parent's first: nothing to compare with
    assert headlines[3] == {"weekend": [], "now_worth": ["emotional_warmth"], "no_longer": ["stability"]}


def test_a_session_says_which_outcomes_agreed_by_then_it_shows_met_and_not_met(
    db, leo, signed_in, questionnaires
):
    primary = questionnaires["primary"]
    gate = primary.part_of(primary.questions_by_id["had_breakfast"]).weekend_question_id
    store.casework.add_outcome(
        db,
        leo,
        signed_in,
        "I have breakfast",
        "had_breakfast",
        "school",
        ["yes"],
        None,
        "2026-02-01T09:00:00",
    )
    store.casework.add_outcome(
        db,
        leo,
        signed_in,
        "Weekend breakfast",
        "had_breakfast",
        "weekend",
        ["yes"],
        None,
        "2026-05-01T09:00:00",
    )
    store.casework.add_outcome(
        db, leo, signed_in, "Bed by eight", "bedtime_time", "school", ["20:00"], None, "2026-02-01T09:00:00"
    )
    sessions = []
    for when, school, weekend in (("2026-03-09", "yes", "no"), ("2026-06-09", "no", "yes")):
        session = store.sessions.start_session(
            db, leo, primary, signed_in, started_at=f"{when}T10:00:00+00:00"
        )
        store.sessions.save_answer(db, session, "had_breakfast", "school", school)
        store.sessions.save_answer(db, session, gate, "once", "yes")
        store.sessions.save_answer(db, session, "had_breakfast", "weekend", weekend)
        store.sessions.finish_session(db, session)
        sessions.append(store.sessions.session_by_id(db, session))
    unfinished = store.sessions.start_session(
        db, leo, primary, signed_in, started_at="2026-07-01T10:00:00+00:00"
    )
    sessions.append(store.sessions.session_by_id(db, unfinished))
    statuses = timeline.outcomes_at_sessions(
        sessions,
        store.children.outcomes_of_child(db, leo),
        store.sessions.answers_of_child(db, leo),
        questionnaires,
    )
    march, june = (s["id"] for s in sessions[:2])
    # the weekend outcome was not agreed yet in March; bedtime was never asked: neither met nor not met
    assert statuses[march] == {"outcomes_met": ["I have breakfast"], "outcomes_not_met": []}
    assert statuses[june] == {"outcomes_met": ["Weekend breakfast"], "outcomes_not_met": ["I have breakfast"]}
    assert unfinished not in statuses


def test_a_practitioner_reads_the_chronology_and_adds_an_event_with_its_impact(
    client, db, leo, signed_in, questionnaires
):
    session = store.sessions.start_session(
        db, leo, questionnaires["primary"], signed_in, started_at="2026-03-09T10:00:00+00:00"
    )
    store.sessions.save_answer(
        db, session, "safe_at_home", "once", "no", alerting=("no",), at="2026-03-09T10:05:00+00:00"
    )
    store.sessions.finish_session(db, session)
    store.casework.add_outcome(
        db, leo, signed_in, "I have breakfast", "had_breakfast", "school", ["yes"], None
    )
    url = f"/children/{leo}/chronology"
    page = words(client.get(url))
    assert "Leo: chronology" in page and "Alert: “Do you feel safe at home?” — No" in page
    assert "Outcome agreed: “I have breakfast”." in page and "The child's own account" in page

    token = csrf_token(client.get(url).text)
    event = {
        "happened_on": "2026-05-05",
        "what": "Missed health appointment",
        "source": "GP",
        "csrf_token": token,
    }
    refused = client.post(f"{url}/events", data=event)
    assert refused.status_code == 400 and "Say what it meant for the child" in words(refused)
    future = client.post(f"{url}/events", data={**event, "happened_on": "2999-01-01", "impact": "x"})
    assert future.status_code == 400 and "The date cannot be in the future" in words(future)
    added = client.post(f"{url}/events", data={**event, "impact": "Toothache kept him off school."})
    assert added.status_code == 302
    page = words(client.get(url))
    assert "Missed health appointment (GP). Impact on the child: Toothache kept him off school." in page
    only_events = words(client.get(f"{url}?kind=event&order=oldest"))
    assert "Missed health appointment" in only_events and "Outcome agreed" not in only_events
    assert store.children.everything_about_child(db, leo)["significant_events"][0]["impact"].startswith(
        "Toothache"
    )
    events = [row[0] for row in db.execute("SELECT event FROM audit_log WHERE child_id = ?", (leo,))]
    assert "chronology_viewed" in events and "significant_event_added" in events


def test_the_chronology_downloads_as_csv_for_a_case_system_with_no_formulas(client, db, leo, signed_in):
    store.chronology.add_significant_event(
        db, leo, signed_in, "2026-05-05", "=HYPERLINK(1)", None, "None seen"
    )
    answer = client.get(f"/children/{leo}/chronology.csv")
    assert answer.headers["Cache-Control"] == "no-store"
    assert (
        "chronology" in answer.headers["Content-Disposition"]
        and "Leo" in answer.headers["Content-Disposition"]
    )
    lines = answer.text.lstrip("\ufeff").splitlines()
    assert lines[0] == "Date,Kind,What"
    assert lines[1].startswith("2026-05-05,Significant events,'=HYPERLINK(1). Impact on the child: None seen")
