"""The version for disabled children through the Flask test client: a picture at a time without JavaScript, a whole
sorting board sent at once where it runs, the practitioner's "how did the child show this?", and switch scanning's
pace set when the session starts."""

import io

import pypdf
import pytest

from dayinmylife import store
from tests.conftest import csrf_token


def start(practitioners, child_id, **fields):
    response = practitioners.post(
        f"/children/{child_id}/sessions/new", {"questionnaire": "disability", **fields}
    )
    assert response.status_code == 302
    return int(response.location.strip("/").split("/")[-1])


@pytest.fixture
def child_id(signed_in, child_of):
    return child_of(signed_in, "Kai", "2017-06-01")


@pytest.fixture
def session_id(practitioners, child_id):
    return start(practitioners, child_id)


def post(client, url, **fields):
    token = csrf_token(client.get(url).text)
    return client.post(url, data={**fields, "csrf_token": token})


def test_the_start_page_offers_the_version_for_disabled_children_but_never_chooses_it(
    practitioners, child_id
):
    page = practitioners.client.get(f"/children/{child_id}/sessions/new").text
    assert '<option value="disability">My day in pictures, ages 3 to 17</option>' in page
    assert '<option selected value="primary">' in page
    assert "Switch scanning" in page and "2 seconds on each choice" in page


def test_a_picture_to_sort_is_one_question_without_javascript(client, db, session_id):
    url = f"/day/{session_id}/any-day/sort_lessons"
    page = client.get(url).text
    assert "How are lessons?" in page and "Lessons" in page
    for word in ("Good", "Not sure", "Not good"):
        assert f'<span class="card__word">{word}</span>' in page
    assert '<template id="sorting-board"' in page  # the whole board, for where JavaScript runs
    response = post(client, url, answer="not_good", action="continue")
    assert response.status_code == 302 and response.location.endswith("/any-day/sort_school_lunch")
    assert store.sessions.answers_of(db, session_id)[("sort_lessons", "once")].value == "not_good"


def test_a_whole_board_sent_at_once_saves_each_picture_and_moves_past_the_board(client, db, session_id):
    url = f"/day/{session_id}/any-day/sort_lessons"
    fields = {
        "sort-sort_lessons": "good",
        "sort-sort_school_lunch": "not_good",
        "sort-sort_playtime": "not_sure",
    }
    response = post(client, url, board="school_things", action="continue", **fields)
    assert response.status_code == 302 and response.location.endswith("/any-day/weekend_different") is False
    assert "/tea_food" in response.location  # the part after school
    answers = store.sessions.answers_of(db, session_id)
    assert answers[("sort_lessons", "once")].value == "good"
    assert answers[("sort_school_lunch", "once")].value == "not_good"
    assert answers[("sort_playtime", "once")].value == "not_sure"
    assert answers[("sort_helpers", "once")].skipped  # left off the mats: skipped, never guessed


def test_a_board_comes_back_with_where_each_picture_was_put(client, session_id):
    url = f"/day/{session_id}/any-day/sort_lessons"
    post(client, url, board="school_things", action="continue", **{"sort-sort_playtime": "good"})
    page = client.get(url).text
    assert 'data-item="sort_playtime" data-place="good"' in page
    assert 'data-item="sort_lessons" data-place=""' in page


def test_a_board_with_a_place_that_is_no_mat_is_refused_and_nothing_is_saved(client, db, session_id):
    url = f"/day/{session_id}/any-day/sort_lessons"
    response = post(
        client, url, board="school_things", action="continue", **{"sort-sort_lessons": "brilliant"}
    )
    assert response.status_code == 400 and "not one of the mats" in response.text
    assert store.sessions.answers_of(db, session_id) == {}


def test_a_board_cannot_answer_questions_that_are_not_its_own(client, db, session_id):
    url = f"/day/{session_id}/any-day/sort_lessons"
    fields = {"sort-sort_lessons": "good", "sort-safe_at_home": "good", "sort-sort_food_at_home": "not_good"}
    post(client, url, board="school_things", action="continue", **fields)
    answers = store.sessions.answers_of(db, session_id)
    assert ("safe_at_home", "once") not in answers and ("sort_food_at_home", "once") not in answers


def test_skipping_a_board_skips_every_picture_on_it(client, db, session_id):
    url = f"/day/{session_id}/any-day/sort_food_at_home"
    post(client, url, board="home_things", action="skip", **{"sort-sort_food_at_home": "good"})
    answers = store.sessions.answers_of(db, session_id)
    assert all(answers[(q, "once")].skipped for q in ("sort_food_at_home", "sort_washing", "sort_bedtime"))


def test_the_practitioner_records_how_the_child_showed_an_answer(client, db, practitioners, session_id):
    url = f"/day/{session_id}/school-day/who_wakes_you"
    page = client.get(url).text
    assert "For the practitioner: how did the child show this?" in page and "Eye gaze" in page
    post(client, url, answer="grown_up", shown_by=["eye_gaze", "vocalised"], action="continue")
    assert store.sessions.answers_of(db, session_id)[("who_wakes_you", "school")].shown_by == (
        "eye_gaze",
        "vocalised",
    )
    assert 'value="eye_gaze" checked' in client.get(url).text
    board = f"/day/{session_id}/any-day/sort_lessons"
    post(client, board, board="school_things", shown_by="pointed", **{"sort-sort_lessons": "good"})
    assert store.sessions.answers_of(db, session_id)[("sort_lessons", "once")].shown_by == ("pointed",)


def test_a_way_of_showing_that_is_not_offered_is_refused(client, db, session_id):
    url = f"/day/{session_id}/school-day/who_wakes_you"
    response = post(client, url, answer="grown_up", shown_by="telepathy", action="continue")
    assert response.status_code == 400
    assert store.sessions.answers_of(db, session_id) == {}


def test_how_the_child_showed_it_is_on_the_session_page(client, db, practitioners, session_id):
    post(client, f"/day/{session_id}/school-day/who_wakes_you", answer="grown_up", shown_by="sign")
    store.sessions.finish_session(db, session_id)
    practitioners.sign_in()
    page = practitioners.client.get(f"/sessions/{session_id}").text
    assert "Shown by: Sign or symbol" in page


def test_the_record_for_the_case_file_says_how_the_child_showed_it(client, db, practitioners, session_id):
    post(client, f"/day/{session_id}/school-day/who_wakes_you", answer="grown_up", shown_by="eye_gaze")
    store.sessions.finish_session(db, session_id)
    practitioners.sign_in()
    record = practitioners.client.get(f"/sessions/{session_id}/record.pdf")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(record.data)).pages)
    assert "Shown by: Eye gaze" in " ".join(text.split())


def test_a_parents_account_is_not_asked_how_the_child_showed_it(practitioners, child_id):
    session_id = start(practitioners, child_id, account="parent_carer")
    page = practitioners.client.get(f"/day/{session_id}/school-day/who_wakes_you").text
    assert "Who wakes Kai up?" in page
    assert "how did the child show this?" not in page


def test_switch_scanning_is_set_for_the_childs_own_account_only(practitioners, db, child_id):
    scanning = start(practitioners, child_id, scan_every="2000")
    assert store.sessions.session_by_id(db, scanning)["scan_every_ms"] == 2000
    page = practitioners.client.get(f"/day/{scanning}/any-day/sort_lessons").text
    assert 'data-scan-every="2000"' in page and "large-targets" in page
    assert '<template id="sorting-board"' not in page  # scanning: one picture a page
    practitioners.sign_in()
    parents = start(practitioners, child_id, account="parent_carer", scan_every="2000")
    assert store.sessions.session_by_id(db, parents)["scan_every_ms"] is None


def test_a_pace_that_is_not_offered_is_refused(practitioners, child_id):
    response = practitioners.post(
        f"/children/{child_id}/sessions/new", {"questionnaire": "disability", "scan_every": "10"}
    )
    assert response.status_code == 200 and "Not a valid choice" in response.text
