"""Pupils joining a consultation: the code, the group, the child's own pages, and what they may never open."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from dayinmylife import store
from dayinmylife.store.db import write_transaction
from tests.conftest import csrf_token
from tests.consultations.helpers import create_consultation, create_lead, group_ids

NOT_OPEN = "That code is not open for answers"


@pytest.fixture
def consultation(db):
    """An open consultation with two classes; returns the consultation row."""
    consultation_id = create_consultation(db, create_lead(db), groups=("5 Oak", "5 Ash"))
    return store.consultations.consultation_by_id(db, consultation_id)


@pytest.fixture
def pupil(app):
    """A pupil's own browser: nobody signed in."""
    return app.test_client()


def type_code(client, code: str):
    token = csrf_token(client.get("/join/").text)
    return client.post("/join/", data={"code": code, "csrf_token": token})


def start(client, group_id=None, action="start"):
    token = csrf_token(client.get("/join/start").text)
    data = {"action": action, "csrf_token": token}
    if group_id is not None:
        data["group"] = str(group_id)
    return client.post("/join/start", data=data)


def join_as_pupil(client, db, consultation, group="5 Oak") -> int:
    """Type the code, choose the group, start; return the session id of the pupil's response."""
    type_code(client, consultation["join_code"])
    response = start(client, group_ids(db, consultation["id"]).get(group))
    return int(re.search(r"/day/(\d+)/", response.location).group(1))


def answer(client, url: str, **fields):
    token = csrf_token(client.get(url).text)
    return client.post(url, data={**fields, "csrf_token": token})


def test_a_pupil_types_the_code_in_any_case_with_spaces_and_chooses_their_group(pupil, db, consultation):
    code = consultation["join_code"]
    response = type_code(pupil, f" {code[:3].lower()} {code[3:]} ")
    assert response.location == "/join/start"
    page = pupil.get("/join/start").text
    assert "Which is your group?" in page and "5 Oak" in page and "5 Ash" in page
    response = start(pupil, group_ids(db, consultation["id"])["5 Ash"])
    session_id = int(re.search(r"/day/(\d+)/$", response.location).group(1))
    row = store.sessions.session_by_id(db, session_id)
    assert row["consultation_id"] == consultation["id"]
    assert row["consultation_group_id"] == group_ids(db, consultation["id"])["5 Ash"]
    assert "Tell us about your day" in pupil.get(response.location).text


def test_the_qr_code_address_fills_in_the_code(pupil, consultation):
    assert pupil.get(f"/join/?code={consultation['join_code']}").location == "/join/start"


def test_a_pupil_must_choose_a_group_when_there_are_groups(pupil, db, consultation):
    type_code(pupil, consultation["join_code"])
    response = start(pupil)
    assert response.status_code == 400
    assert "Choose your group" in response.text
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0


def test_a_consultation_without_groups_starts_after_one_press(pupil, db):
    consultation = store.consultations.consultation_by_id(
        db, create_consultation(db, create_lead(db), groups=())
    )
    type_code(pupil, consultation["join_code"])
    assert "Ready?" in pupil.get("/join/start").text
    assert "/day/" in start(pupil).location


@pytest.mark.parametrize(
    "opens, closes", [(None, None), (-20, -2), (3, 10)], ids=["unknown", "closed", "not yet open"]
)
def test_unknown_closed_and_not_yet_open_codes_get_the_same_friendly_message(pupil, db, opens, closes):
    code = "XYZ234"
    if opens is not None:
        consultation_id = create_consultation(db, create_lead(db), opens=opens, closes=closes)
        code = store.consultations.consultation_by_id(db, consultation_id)["join_code"]
    response = type_code(pupil, code)
    assert response.status_code == 400
    assert NOT_OPEN in response.text and "Error:" in response.text.split("</title>")[0]
    assert pupil.get("/join/start").location == "/join/"
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0


@pytest.mark.parametrize("typed", ["", "   ", "<script>alert(1)</script>", "A" * 500, "🍞🍞🍞"])
def test_odd_things_typed_as_a_code_get_a_message_never_an_error(pupil, typed):
    response = type_code(pupil, typed)
    assert response.status_code == 400
    assert "<script>alert" not in response.text


def test_ten_wrong_codes_in_one_browser_make_it_wait_a_minute(pupil, app, consultation, clock):
    for _ in range(10):
        assert type_code(pupil, "WRONG2").status_code == 400
    waiting = type_code(pupil, consultation["join_code"])
    assert waiting.status_code == 429 and "Wait a minute" in waiting.text
    other_browser = app.test_client()  # the same school address, another browser: not held up
    assert type_code(other_browser, consultation["join_code"]).location == "/join/start"
    clock.at += 61
    assert type_code(pupil, consultation["join_code"]).location == "/join/start"


def test_nothing_about_the_pupil_or_their_device_is_stored(app, db, consultation):
    pupil = app.test_client()
    headers = {"User-Agent": "PupilTablet/1.0 (classroom-7)", "X-Forwarded-For": "203.0.113.9"}
    token = csrf_token(pupil.get("/join/", headers=headers).text)
    pupil.post(
        "/join/",
        data={"code": consultation["join_code"], "csrf_token": token},
        headers=headers,
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )
    session_id = int(
        re.search(r"/day/(\d+)/", start(pupil, group_ids(db, consultation["id"])["5 Oak"]).location).group(1)
    )
    row = store.sessions.session_by_id(db, session_id)
    assert row["child_id"] is None and row["started_by"] is None
    stored = " ".join(str(value) for value in row.values())
    assert "203.0.113" not in stored and "PupilTablet" not in stored
    columns = {column for table in ("sessions", "answers") for column in db[table].columns_dict}
    assert not columns & {"ip", "ip_address", "user_agent", "name", "email", "device"}


def test_the_start_page_tells_a_pupil_their_answers_are_anonymous(pupil, db, consultation):
    session_id = join_as_pupil(pupil, db, consultation)
    page = pupil.get(f"/day/{session_id}/").text
    assert "Do not write your name" in page and "Your worker will read" not in page


def test_help_and_stop_work_for_a_pupil_and_say_how_to_carry_on(pupil, db, consultation):
    session_id = join_as_pupil(pupil, db, consultation)
    question = pupil.get(f"/day/{session_id}/school-day/who_wakes_you").text
    assert "Help" in question and "Stop" in question
    help_page = pupil.get(f"/day/{session_id}/help").text
    assert "0800 1111" in help_page
    stop = pupil.get(f"/day/{session_id}/stop").text
    assert "You can close this page now" in stop and "answers are saved" in stop
    assert "open the join page again on this device" in stop
    assert "take the device back" not in stop and "give the device back" not in stop


def test_the_end_page_thanks_the_pupil_without_a_practitioner_and_says_how_to_get_help(
    pupil, db, consultation
):
    session_id = join_as_pupil(pupil, db, consultation)
    answer(pupil, f"/day/{session_id}/school-day/who_wakes_you", answer="alarm", action="continue")
    token = csrf_token(pupil.get(f"/day/{session_id}/review").text)
    response = pupil.post(f"/day/{session_id}/finish", data={"csrf_token": token})
    page = pupil.get(response.location).text
    assert "Thank you!" in page and "Nobody will know which answers are yours" in page
    assert "a grown-up you trust at school" in page
    assert "0800\u00a01111" in page
    assert "will read your answers" not in page and "take the device back" not in page
    assert store.sessions.session_by_id(db, session_id)["status"] == "finished"


def test_a_pupil_who_closes_the_tab_carries_on_from_the_same_device(pupil, db, consultation):
    session_id = join_as_pupil(pupil, db, consultation)
    answer(pupil, f"/day/{session_id}/school-day/who_wakes_you", answer="alarm", action="continue")
    type_code(pupil, consultation["join_code"])  # the tab was closed: back to the join page
    page = pupil.get("/join/start").text
    assert "Welcome back" in page and "Carry on with my answers" in page
    response = start(pupil, action="carry_on")
    assert response.location == f"/day/{session_id}/"
    assert pupil.get(response.location).location.endswith("/mornings_own_words")
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1


def test_someone_else_on_the_same_device_starts_their_own_answers(pupil, db, consultation):
    first = join_as_pupil(pupil, db, consultation)
    type_code(pupil, consultation["join_code"])
    second_location = start(pupil, group_ids(db, consultation["id"])["5 Ash"]).location
    second = int(re.search(r"/day/(\d+)/", second_location).group(1))
    assert second != first
    token = csrf_token(pupil.get(f"/day/{second}/stop").text)
    assert pupil.post("/join/someone-else", data={"csrf_token": token}).location == "/join/"
    assert pupil.get(f"/day/{second}/").status_code == 302  # forgotten here: sent to sign in
    assert pupil.get(f"/day/{second}/").location.startswith("/sign-in")


def test_a_pupil_cannot_open_another_pupils_answers(app, db, consultation):
    first, second = app.test_client(), app.test_client()
    theirs = join_as_pupil(first, db, consultation)
    answer(first, f"/day/{theirs}/school-day/who_wakes_you", answer="alarm", action="continue")
    join_as_pupil(second, db, consultation)
    for page in ("/", "/review", "/school-day/who_wakes_you", "/thanks"):
        response = second.get(f"/day/{theirs}{page}")
        assert response.status_code == 302 and response.location.startswith("/sign-in")


def test_a_pupil_cannot_open_the_results(pupil, db, consultation):
    join_as_pupil(pupil, db, consultation)
    for page in ("", "/results", "/comments", "/results.csv", "/anonymous-answers.csv"):
        response = pupil.get(f"/consultations/{consultation['id']}{page}")
        assert response.status_code == 302 and response.location.startswith("/sign-in")


def test_a_lead_cannot_open_one_pupils_answers(client, db, practitioners, consultation, app):
    session_id = join_as_pupil(app.test_client(), db, consultation)
    practitioners.sign_in("priya@school.example")
    assert client.get(f"/day/{session_id}/review").status_code == 404


def test_sent_answers_cannot_be_opened_again_on_that_device(pupil, db, consultation):
    session_id = join_as_pupil(pupil, db, consultation)
    token = csrf_token(pupil.get(f"/day/{session_id}/review").text)
    pupil.post(f"/day/{session_id}/finish", data={"csrf_token": token})
    for page in ("/", "/review", "/school-day/who_wakes_you"):
        assert pupil.get(f"/day/{session_id}{page}").location == f"/day/{session_id}/sent"
    sent = pupil.get(f"/day/{session_id}/sent").text
    assert "cannot be opened again" in sent and "Someone else's turn" in sent
    type_code(pupil, consultation["join_code"])
    assert "Welcome back" not in pupil.get("/join/start").text  # the next pupil starts afresh


def test_a_consultation_takes_no_more_answers_than_its_limit(app, db):
    consultation = store.consultations.consultation_by_id(
        db, create_consultation(db, create_lead(db), groups=(), max_responses=2)
    )
    for _ in range(2):
        pupil = app.test_client()
        type_code(pupil, consultation["join_code"])
        session_id = int(re.search(r"/day/(\d+)/", start(pupil).location).group(1))
        answer(pupil, f"/day/{session_id}/school-day/who_wakes_you", answer="alarm", action="continue")
    late = app.test_client()
    type_code(late, consultation["join_code"])
    response = start(late)
    assert response.status_code == 403 and "all the answers it can take" in response.text
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 2


def test_responses_with_no_answer_do_not_fill_a_consultation(app, db):
    consultation = store.consultations.consultation_by_id(
        db, create_consultation(db, create_lead(db), groups=(), max_responses=2)
    )
    for _ in range(3):  # anyone with the code could start empty responses: they take no place
        pupil = app.test_client()
        type_code(pupil, consultation["join_code"])
        assert "/day/" in start(pupil).location
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 3


def started(db, consultation, seconds_ago: int, count: int = 1, answered: bool = False) -> list[int]:
    """Responses started some seconds ago, with one answer each or none."""
    at = (datetime.now(UTC) - timedelta(seconds=seconds_ago)).isoformat(timespec="seconds")
    ids = []
    for _ in range(count):
        with write_transaction(db):
            ids.append(
                db.execute(
                    "INSERT INTO sessions (questionnaire_id, questionnaire_version, started_at, consultation_id)"
                    " VALUES ('primary', 1, ?, ?)",
                    (at, consultation["id"]),
                ).lastrowid
            )
        if answered:
            store.sessions.save_answer(db, ids[-1], "had_breakfast", "school", "yes")
    return ids


def test_responses_left_with_no_answer_for_a_day_are_deleted_when_someone_joins(pupil, db, consultation):
    [empty_old] = started(db, consultation, 25 * 3600)
    [answered_old] = started(db, consultation, 25 * 3600, answered=True)
    [empty_new] = started(db, consultation, 3600)
    join_as_pupil(pupil, db, consultation)
    remaining = {row[0] for row in db.execute("SELECT id FROM sessions")}
    assert empty_old not in remaining and {answered_old, empty_new} <= remaining


def test_a_whole_school_joins_in_one_minute_and_no_more_than_the_consultation_takes(
    app, client, db, practitioners, consultation
):
    assert consultation["max_responses"] == 2000
    started(db, consultation, 61, count=5)  # over a minute ago: not counted
    started(db, consultation, 10, count=1999)
    first = app.test_client()
    join_as_pupil(first, db, consultation)  # the 2,000th this minute
    second = app.test_client()
    type_code(second, consultation["join_code"])
    response = start(second, group_ids(db, consultation["id"])["5 Oak"])
    assert response.status_code == 429
    assert "Lots of people are joining right now. Wait a minute, then try again." in response.text
    for _ in range(5):  # a script knocking again and again: still one hit that minute
        assert start(second, group_ids(db, consultation["id"])["5 Oak"]).status_code == 429
    other = store.consultations.consultation_by_id(
        db, create_consultation(db, create_lead(db, "sam@school.example"))
    )
    join_as_pupil(app.test_client(), db, other)  # another school's consultation is not held up
    assert db.execute("SELECT COUNT(*) FROM consultation_limit_hits").fetchone()[0] == 1
    practitioners.sign_in("priya@school.example")
    page = client.get(f"/consultations/{consultation['id']}").text
    assert "Joining was held up 1 time because too many pupils joined in one minute" in page


def test_a_small_consultation_still_lets_120_pupils_a_minute_join(db, consultation):
    store.consultations.change_consultation(db, consultation["id"], {"max_responses": 30})
    small = store.consultations.consultation_by_id(db, consultation["id"])
    assert store.consultations.joins_a_minute(small) == 120


@pytest.mark.parametrize("url", ["/join/", "/join/start", "/join/someone-else"])
def test_every_join_form_needs_its_security_token(pupil, db, consultation, url):
    type_code(pupil, consultation["join_code"])
    response = pupil.post(url, data={"code": consultation["join_code"], "action": "start"})
    assert response.status_code == 400
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0


def test_an_answer_no_longer_asked_after_a_change_stops_counting_and_comes_back_with_the_change(
    pupil, db, consultation
):
    session_id = join_as_pupil(pupil, db, consultation)
    day = f"/day/{session_id}/school-day"
    answer(pupil, f"{day}/had_breakfast", answer="yes")
    answer(pupil, f"{day}/breakfast_food", answer=["toast", "fruit"])

    def counted():
        return {row[0] for row in store.tallies.consultation_answer_counts(db, consultation["id"])}

    answer(pupil, f"{day}/had_breakfast?change=1", answer="no")  # no breakfast: what it was is not asked
    assert counted() == {"had_breakfast"}
    assert store.tallies.consultation_answer_counts(
        db, consultation["id"]
    ) == store.tallies.consultation_answer_recount(db, consultation["id"])
    kept = store.sessions.answers_of(db, session_id)[("breakfast_food", "school")]
    assert kept.value == ["toast", "fruit"]

    answer(pupil, f"{day}/had_breakfast?change=1", answer="yes")
    assert counted() == {"had_breakfast", "breakfast_food"}
    assert store.tallies.consultation_answer_counts(
        db, consultation["id"]
    ) == store.tallies.consultation_answer_recount(db, consultation["id"])


def test_the_list_of_consultations_counts_only_pupils_who_answered(db, consultation):
    started(db, consultation, 60, count=3)
    started(db, consultation, 60, count=2, answered=True)
    [listed] = store.consultations.consultations_of(db, consultation["created_by"])
    assert listed["response_count"] == 2
