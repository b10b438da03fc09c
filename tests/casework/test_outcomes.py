"""Agreed outcomes and next-session dates on a child's page."""

import re

from dayinmylife import store


def add_outcome(practitioners, child_id, **data):
    url = f"/children/{child_id}/outcomes/new"
    fields = {
        "statement": "I have breakfast before school",
        "question": "had_breakfast",
        "day": "school",
        **data,
    }
    return practitioners.post(url, fields)


def test_agreeing_an_outcome_first_shows_the_answers_of_its_question(practitioners, leo):
    page = add_outcome(practitioners, leo, action="answers")
    assert page.status_code == 200
    assert 'name="met_when" value="yes"' in page.text and 'name="met_when" value="no"' in page.text


def test_an_outcome_is_saved_and_each_session_shows_whether_it_is_met(
    client, db, practitioners, leo, signed_in, questionnaires
):
    primary = questionnaires["primary"]
    before = store.sessions.start_session(db, leo, primary, signed_in, started_at="2026-03-01T10:00:00+00:00")
    store.sessions.save_answer(db, before, "had_breakfast", "school", "no")
    after = store.sessions.start_session(db, leo, primary, signed_in, started_at="2026-06-01T10:00:00+00:00")
    store.sessions.save_answer(db, after, "had_breakfast", "school", "yes")
    store.sessions.start_session(db, leo, primary, signed_in, started_at="2026-09-01T10:00:00+00:00")
    response = add_outcome(practitioners, leo, action="save", met_when="yes", review_on="2026-12-01")
    assert response.status_code == 302
    page = client.get(f"/children/{leo}")
    assert "“I have breakfast before school”" in page.text
    assert "Review by 1 December 2026" in page.text
    assert re.findall(r'class="outcome outcome--(\w+)"', page.text) == ["not_met", "met", "not_asked"]


def test_an_outcome_needs_at_least_one_answer_that_means_met(db, practitioners, leo):
    response = add_outcome(practitioners, leo, action="save")
    assert "Choose at least one answer" in response.text
    assert db["outcomes"].count == 0


def test_an_outcome_cannot_be_met_by_a_made_up_answer(db, practitioners, leo):
    response = add_outcome(practitioners, leo, action="save", met_when="pancakes")
    assert "Choose answers from the list" in response.text
    assert db["outcomes"].count == 0


def test_an_outcome_on_an_unknown_question_is_refused(db, practitioners, leo):
    response = add_outcome(practitioners, leo, action="save", question="flying", met_when="yes")
    assert "There is a problem" in response.text
    assert db["outcomes"].count == 0


def test_someone_elses_child_has_no_outcomes_page(client, practitioners, child_of, signed_in):
    other = practitioners.create("alex@example.org", "Alex")
    mia = child_of(other, "Mia")
    assert client.get(f"/children/{mia}/outcomes/new").status_code == 404
