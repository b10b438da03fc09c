"""The practitioner's view across sessions: the day picture, two sessions compared, all of them over time,
and the printable records, through the test client, including every refusal."""

import pytest

from dayinmylife import store


@pytest.fixture
def leo(db, signed_in, child_of, questionnaires):
    """A child with three finished sessions: no breakfast, then toast, then cereal; weekends without."""
    child_id = child_of(signed_in, "Leo")
    primary = questionnaires["primary"]
    sessions = []
    for month, food in (("02", None), ("05", "toast"), ("08", "cereal")):
        session_id = store.sessions.start_session(
            db, child_id, primary, signed_in, started_at=f"2026-{month}-03T10:00:00+00:00"
        )

        def answer(question, day, value, s=session_id):
            store.sessions.save_answer(db, s, question, day, value)

        answer("had_breakfast", "school", "yes" if food else "no")
        if food:
            answer("breakfast_food", "school", [food])
            answer("who_makes_breakfast", "school", "grown_up")
        answer("breakfast.weekend_different", "once", "yes" if food else "no")
        if food:
            answer("had_breakfast", "weekend", "no")
        answer("feeling_at_school", "once", {"02": "sad", "05": "okay", "08": "very_happy"}[month])
        answer("better_day", "once", "Breakfast <b>every</b> day")
        store.sessions.finish_session(db, session_id)
        sessions.append(session_id)
    return child_id, sessions


@pytest.fixture
def someone_elses(db, practitioners, child_of, questionnaires):
    other = practitioners.create("alex@example.org", "Alex")
    child_id = child_of(other, "Mia")
    session_id = store.sessions.start_session(db, child_id, questionnaires["primary"], other)
    return child_id, session_id


# The day as a picture


def test_the_session_page_shows_the_day_with_the_weekend_called_out(client, leo):
    _child, sessions = leo
    page = client.get(f"/sessions/{sessions[-1]}").text
    assert "At weekends:" in page and "Do you have breakfast?" in page
    assert "The weekend is different." in page
    assert "Cereal" in page


def test_the_childs_own_words_are_shown_as_written_and_escaped(client, leo):
    page = client.get(f"/sessions/{leo[1][0]}").text
    assert "“Breakfast &lt;b&gt;every&lt;/b&gt; day”" in page


def test_the_session_page_groups_prompts_by_area_and_says_they_are_not_a_verdict(client, leo):
    page = client.get(f"/sessions/{leo[1][0]}").text
    care = page.split('id="care-title"')[1]
    assert "not a score, a risk level or a verdict" in care
    assert "Basic care" in care and "Who makes sure there is food for breakfast?" in care
    assert care.index("Going well") < care.index("Worth exploring")


def test_an_unfinished_session_says_which_questions_have_no_answer(
    client, db, signed_in, child_of, questionnaires
):
    session_id = store.sessions.start_session(db, child_of(signed_in), questionnaires["primary"], signed_in)
    store.sessions.save_answer(db, session_id, "who_wakes_you", "school", "dont_know")
    page = client.get(f"/sessions/{session_id}").text
    assert "I don&#39;t know" in page
    assert "No answer: the session stopped before this question" in page


def test_the_printable_session_record_names_the_child_and_the_questionnaire_version(client, leo):
    page = client.get(f"/sessions/{leo[1][0]}/print").text
    assert "Record of a session" in page and "My day, version 1" in page
    assert "14 March 2019" in page  # the date of birth
    assert 'class="site-header"' not in page


# Two sessions compared


def test_comparing_defaults_to_the_latest_two_finished_sessions(client, db, leo, signed_in, questionnaires):
    child_id, sessions = leo
    store.sessions.start_session(
        db, child_id, questionnaires["primary"], signed_in, started_at="2026-09-01T10:00:00+00:00"
    )
    page = client.get(f"/children/{child_id}/compare").text
    assert "From 3 May 2026 to 3 August 2026." in page
    assert (
        f'<option value="{sessions[1]}" selected>' in page
        and f'<option value="{sessions[2]}" selected>' in page
    )


def test_comparing_two_chosen_sessions_shows_what_changed_first(client, leo):
    child_id, sessions = leo
    page = client.get(f"/children/{child_id}/compare?from={sessions[0]}&to={sessions[2]}").text
    summary = page.split('id="summary-title"')[1].split("</section>")[0]
    assert "Do you have breakfast?" in summary
    assert "No longer worth exploring: Basic care" in summary
    assert "Feelings up 3 steps" in summary
    assert "New" in page and "Stayed the same:" in page


def test_sessions_chosen_the_wrong_way_round_are_put_in_order(client, leo):
    child_id, sessions = leo
    page = client.get(f"/children/{child_id}/compare?from={sessions[2]}&to={sessions[0]}").text
    assert "From 3 February 2026 to 3 August 2026." in page


def test_comparing_with_the_session_before_a_given_one(client, leo):
    child_id, sessions = leo
    page = client.get(f"/children/{child_id}/compare?to={sessions[1]}").text
    assert "From 3 February 2026 to 3 May 2026." in page


@pytest.mark.parametrize("query", ["from=abc&to=1", "from=-1", "to=1.5", "from=%00"])
def test_malformed_choices_fall_back_to_the_latest_two_with_a_message(client, leo, query):
    response = client.get(f"/children/{leo[0]}/compare?{query}")
    assert response.status_code == 200
    assert "could not be read, so here are the latest two" in response.text
    assert "From 3 May 2026 to 3 August 2026." in response.text


def test_choosing_the_same_session_twice_asks_for_two(client, leo):
    child_id, sessions = leo
    response = client.get(f"/children/{child_id}/compare?from={sessions[0]}&to={sessions[0]}")
    assert response.status_code == 200 and "Choose two different sessions" in response.text


def test_a_child_with_one_session_cannot_be_compared_yet(client, db, signed_in, child_of, questionnaires):
    child_id = child_of(signed_in)
    store.sessions.start_session(db, child_id, questionnaires["primary"], signed_in)
    assert "needs at least two sessions" in client.get(f"/children/{child_id}/compare").text


def test_a_session_of_another_child_in_the_query_is_not_found(client, leo, someone_elses):
    child_id, sessions = leo
    _mia, theirs = someone_elses
    assert client.get(f"/children/{child_id}/compare?from={theirs}&to={sessions[0]}").status_code == 404
    assert client.get(f"/children/{child_id}/compare?from=99999999999").status_code == 404


def test_the_printable_comparison_has_the_record_header(client, leo):
    child_id, sessions = leo
    page = client.get(f"/children/{child_id}/compare/print?from={sessions[0]}&to={sessions[1]}").text
    assert "Two sessions compared" in page and "3 February 2026 – 3 May 2026" in page
    assert "print.js" in page


# All sessions over time


def test_the_history_shows_breakfast_over_months(client, leo):
    page = client.get(f"/children/{leo[0]}/history").text
    history = page.split('id="answers-title"')[1]
    assert "What do you have for breakfast?" in history
    assert history.index("Toast") < history.index("Cereal")


def test_the_feelings_chart_is_an_image_with_a_title_a_description_and_a_table(client, leo):
    page = client.get(f"/children/{leo[0]}/history").text
    assert 'role="img"' in page and "<title id=" in page and "<desc id=" in page
    assert "Sad in Feb 2026, Very happy in Aug 2026" in page
    table = page.split('class="table chart-table"')[1].split("</table>")[0]
    assert "Sad (2)" in table and "Okay (3)" in table and "Very happy (5)" in table
    assert "crying-face.svg" in page  # faces on the axis


def test_a_child_without_sessions_has_an_empty_history(client, signed_in, child_of):
    response = client.get(f"/children/{child_of(signed_in)}/history")
    assert response.status_code == 200 and "No sessions yet." in response.text


def test_the_childs_page_links_to_the_comparison_and_the_history(client, leo):
    page = client.get(f"/children/{leo[0]}").text
    assert f"/children/{leo[0]}/compare" in page and f"/children/{leo[0]}/history" in page


# Refusals


@pytest.mark.parametrize(
    "url",
    [
        "/children/{child}/compare",
        "/children/{child}/compare/print",
        "/children/{child}/history",
        "/children/{child}/history/print",
        "/sessions/{session}/print",
    ],
)
def test_another_practitioners_child_is_not_found(client, signed_in, someone_elses, url):
    child_id, session_id = someone_elses
    assert client.get(url.format(child=child_id, session=session_id)).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/children/1/compare",
        "/children/1/compare/print",
        "/children/1/history",
        "/children/1/history/print",
        "/sessions/1/print",
    ],
)
def test_the_pages_across_sessions_need_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.location.startswith("/sign-in")


def test_the_default_comparison_follows_the_childs_own_account_past_a_parents(
    client, db, leo, signed_in, questionnaires
):
    child_id, sessions = leo
    mums = store.sessions.start_session(
        db,
        child_id,
        questionnaires["primary"],
        signed_in,
        started_at="2026-09-01T10:00:00+00:00",
        account="parent_carer",
    )
    store.sessions.finish_session(db, mums)
    page = client.get(f"/children/{child_id}/compare").text
    assert "From 3 May 2026 to 3 August 2026." in page
    mixed = client.get(f"/children/{child_id}/compare?from={sessions[2]}&to={mums}").text
    assert "two different accounts" in mixed


def test_the_history_shows_one_account_at_a_time(client, db, leo, signed_in, questionnaires):
    child_id, _sessions = leo
    mums = store.sessions.start_session(
        db,
        child_id,
        questionnaires["primary"],
        signed_in,
        started_at="2026-09-01T10:00:00+00:00",
        account="parent_carer",
    )
    store.sessions.save_answer(db, mums, "had_breakfast", "school", "yes")
    assert (
        "3 sessions, from 3 February 2026 to 3 August 2026."
        in client.get(f"/children/{child_id}/history").text
    )
    page = client.get(f"/children/{child_id}/history?account=parent_carer").text
    assert "1 session, from 1 September 2026" in page and "Showing: A parent" in page
    assert "3 sessions" in client.get(f"/children/{child_id}/history?account=nonsense").text


def test_a_number_in_another_script_is_a_malformed_choice_not_a_crash(client, leo):
    response = client.get(f"/children/{leo[0]}/compare?from=%C2%B2")
    assert response.status_code == 200 and "could not be read" in response.text
