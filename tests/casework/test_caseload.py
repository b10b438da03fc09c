"""The practitioner's caseload: children, their sessions, starting a session and reading it."""

import pytest

from dayinmylife import store
from dayinmylife.casework.ages import age_in_words, age_on, suggested_questionnaire
from tests.conftest import csrf_token


def test_the_caseload_lists_only_my_children(client, practitioners, signed_in, child_of):
    child_of(signed_in, "Leo")
    other = practitioners.create("alex@example.org", "Alex")
    child_of(other, "Mia")
    page = client.get("/")
    assert "Leo" in page.text and "Mia" not in page.text


def test_an_empty_caseload_says_how_to_begin(client, signed_in):
    assert "Add a child" in client.get("/").text


def test_adding_a_child_puts_them_on_my_caseload(client, practitioners, signed_in):
    response = practitioners.post(
        "/children/new", {"display_name": "  Leo  ", "date_of_birth": "2019-03-14", "case_reference": "C-17"}
    )
    assert response.status_code == 302
    page = client.get(response.location)
    assert "Leo" in page.text and "C-17" in page.text and "14 March 2019" in page.text


@pytest.mark.parametrize(
    "data, message",
    [
        ({"display_name": "", "date_of_birth": "2019-03-14"}, "Enter the child"),
        ({"display_name": "   ", "date_of_birth": "2019-03-14"}, "Enter the child"),
        ({"display_name": "Leo", "date_of_birth": "14/03/2019x"}, "as a real date"),
        ({"display_name": "Leo", "date_of_birth": "2999-01-01"}, "must be in the past"),
        ({"display_name": "L" * 81, "date_of_birth": "2019-03-14"}, "80 characters or fewer"),
    ],
)
def test_adding_a_child_with_bad_details_explains_what_to_fix(
    client, db, practitioners, signed_in, data, message
):
    response = practitioners.post("/children/new", data)
    assert response.status_code == 400
    assert message in response.text and "There is a problem" in response.text
    assert db["children"].count == 0


def test_a_childs_page_lists_their_sessions(client, db, signed_in, child_of, questionnaires):
    child_id = child_of(signed_in)
    store.sessions.start_session(
        db, child_id, questionnaires["primary"], signed_in, started_at="2026-02-03T10:00:00+00:00"
    )
    page = client.get(f"/children/{child_id}")
    assert "3 February 2026" in page.text and "Not finished" in page.text


def test_someone_elses_child_is_not_found(client, practitioners, signed_in, child_of):
    other = practitioners.create("alex@example.org", "Alex")
    mia = child_of(other, "Mia")
    assert client.get(f"/children/{mia}").status_code == 404
    assert client.get(f"/children/{mia}/sessions/new").status_code == 404
    assert client.get("/children/99999").status_code == 404


def test_starting_a_session_suggests_the_questionnaire_for_the_childs_age(client, signed_in, child_of):
    child_id = child_of(signed_in, "Jess", "2012-01-01")
    page = client.get(f"/children/{child_id}/sessions/new")
    assert '<option selected value="teenager">' in page.text


def test_starting_a_session_hands_the_device_over_in_child_mode(
    client, db, practitioners, signed_in, child_of
):
    child_id = child_of(signed_in)
    response = practitioners.post(f"/children/{child_id}/sessions/new", {"questionnaire": "preschool"})
    session = db.execute("SELECT * FROM sessions").fetchone()
    assert response.location == f"/day/{session['id']}/"
    assert (session["questionnaire_id"], session["questionnaire_version"]) == ("preschool", 1)
    assert client.get("/").status_code == 302  # locked to the questionnaire


def test_an_unknown_questionnaire_is_refused(client, db, practitioners, signed_in, child_of):
    child_id = child_of(signed_in)
    response = practitioners.post(f"/children/{child_id}/sessions/new", {"questionnaire": "adults"})
    assert response.status_code == 200 and "There is a problem" in response.text
    assert db["sessions"].count == 0


def test_a_session_reads_as_answers_by_part_with_school_day_beside_weekend(
    client, db, signed_in, child_of, questionnaires
):
    child_id = child_of(signed_in)
    primary = questionnaires["primary"]
    session_id = store.sessions.start_session(db, child_id, primary, signed_in)
    first_part = primary.parts[0]
    store.sessions.save_answer(db, session_id, "who_wakes_you", "school", "alarm")
    store.sessions.save_answer(db, session_id, first_part.weekend_question_id, "once", "yes")
    store.sessions.save_answer(db, session_id, "who_wakes_you", "weekend", None)
    words_question = next(q for q in primary.questions if q.type == "own_words")
    day = "once" if words_question.days == "once" else "school"
    store.sessions.save_answer(db, session_id, words_question.id, day, "Nobody is up when I go")
    page = client.get(f"/sessions/{session_id}")
    assert "An alarm" in page.text
    assert "The weekend is different." in page.text
    assert "Skipped" in page.text
    assert "“Nobody is up when I go”" in page.text


def test_someone_elses_session_is_not_found(client, db, practitioners, signed_in, child_of, questionnaires):
    other = practitioners.create("alex@example.org", "Alex")
    session_id = store.sessions.start_session(db, child_of(other, "Mia"), questionnaires["primary"], other)
    assert client.get(f"/sessions/{session_id}").status_code == 404
    token = csrf_token(client.get("/").text)
    assert client.post(f"/sessions/{session_id}/continue", data={"csrf_token": token}).status_code == 404


def test_carrying_on_an_unfinished_session_locks_the_device_again(
    client, db, practitioners, signed_in, child_of, questionnaires
):
    session_id = store.sessions.start_session(db, child_of(signed_in), questionnaires["primary"], signed_in)
    response = practitioners.post(f"/sessions/{session_id}/continue", token_from=f"/sessions/{session_id}")
    assert response.location == f"/day/{session_id}/"
    assert client.get(f"/sessions/{session_id}").status_code == 302


@pytest.mark.parametrize(
    "url", ["/", "/children/new", "/children/1", "/children/1/sessions/new", "/sessions/1"]
)
def test_practitioner_pages_need_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.location.startswith("/sign-in")


def test_ages_and_suggested_questionnaires(questionnaires):
    from datetime import date

    assert age_on("2019-03-14", date(2026, 3, 13)) == 6
    assert age_on("2019-03-14", date(2026, 3, 14)) == 7
    assert suggested_questionnaire(questionnaires, 0) == "baby"
    assert suggested_questionnaire(questionnaires, 3) == "preschool"
    assert suggested_questionnaire(questionnaires, 7) == "primary"
    assert suggested_questionnaire(questionnaires, 14) == "teenager"
    assert suggested_questionnaire(questionnaires, 18) == "teenager"


def test_a_babys_age_is_said_in_months():
    from datetime import date

    assert age_in_words("2026-03-01", date(2026, 11, 22)) == "8 months"
    assert age_in_words("2025-11-23", date(2026, 11, 22)) == "11 months"
    assert age_in_words("2024-11-22", date(2026, 11, 22)) == "2"
