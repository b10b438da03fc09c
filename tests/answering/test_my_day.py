"""The child's session through the Flask test client: answering, skipping, resuming, refusing bad input."""

import html
import re

import pytest

from dayinmylife import store
from tests.conftest import csrf_token


@pytest.fixture
def session_id(practitioners, signed_in, child_of):
    """A primary session started by the signed-in practitioner (the device is now in child mode)."""
    child_id = child_of(signed_in)
    response = practitioners.post(f"/children/{child_id}/sessions/new", {"questionnaire": "primary"})
    return int(response.location.strip("/").split("/")[-1])


def answer(client, url, **fields):
    token = csrf_token(client.get(url).text)
    return client.post(url, data={**fields, "csrf_token": token})


def test_the_first_screen_is_short_offers_who_will_see_and_starts_the_first_question(client, session_id):
    page = client.get(f"/day/{session_id}/")
    assert "Tell us about your day" in page.text
    assert "skip" in page.text.lower()
    assert (
        "Who will see my answers?" in page.text.split("<details")[1]
    )  # one tap away, before the first question
    assert f'class="button button--go" href="/day/{session_id}/school-day/who_wakes_you"' in page.text
    assert (
        len(page.text.split('<p class="intro">')[1].split("</p>")[0].split()) < 40
    )  # short for a nine-year-old


def test_a_question_page_shows_the_question_its_pictures_and_the_always_offered_answers(client, session_id):
    page = client.get(f"/day/{session_id}/school-day/who_wakes_you")
    assert page.status_code == 200
    assert "<h1" in page.text and "Who wakes you up?" in page.text
    assert "On a school day" in page.text
    assert "I don&#39;t know" in page.text and "I&#39;d rather not say" in page.text
    assert "Skip this one" in page.text and "Continue" in page.text
    assert page.text.count('type="radio" name="answer"') == 6


def test_an_answer_is_saved_and_the_next_question_follows(client, db, session_id):
    response = answer(
        client, f"/day/{session_id}/school-day/who_wakes_you", answer="alarm", action="continue"
    )
    assert response.status_code == 302
    assert store.sessions.answers_of(db, session_id)[("who_wakes_you", "school")].value == "alarm"
    assert response.location != f"/day/{session_id}/school-day/who_wakes_you"


def test_saving_twice_replaces_the_answer_rather_than_duplicating_it(client, db, session_id):
    url = f"/day/{session_id}/school-day/who_wakes_you"
    answer(client, url, answer="alarm", action="continue")
    answer(client, url, answer="grown_up", action="continue")
    rows = db.execute(
        "SELECT value FROM answers WHERE session_id = ? AND question_id = 'who_wakes_you'", (session_id,)
    )
    assert [row["value"] for row in rows] == ['"grown_up"']


def test_going_back_shows_the_earlier_answer_chosen(client, session_id):
    url = f"/day/{session_id}/school-day/who_wakes_you"
    answer(client, url, answer="alarm", action="continue")
    assert 'value="alarm" checked' in client.get(url).text


def test_skipping_is_recorded_and_moves_on(client, db, session_id):
    response = answer(client, f"/day/{session_id}/school-day/who_wakes_you", action="skip")
    assert response.status_code == 302
    assert store.sessions.answers_of(db, session_id)[("who_wakes_you", "school")].skipped


def test_continue_without_an_answer_asks_for_one_and_saves_nothing(client, db, session_id):
    response = answer(client, f"/day/{session_id}/school-day/who_wakes_you", action="continue")
    assert response.status_code == 400
    assert "Choose an answer, or press" in response.text
    assert "Error:" in response.text.split("</title>")[0]
    assert store.sessions.answers_of(db, session_id) == {}


def test_an_answer_that_is_not_an_option_is_refused_and_the_saved_answer_kept(client, db, session_id):
    url = f"/day/{session_id}/school-day/who_wakes_you"
    answer(client, url, answer="alarm", action="continue")
    response = answer(client, url, answer="the-moon", action="continue")
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert store.sessions.answers_of(db, session_id)[("who_wakes_you", "school")].value == "alarm"


def test_dont_know_with_other_answers_is_refused(client, db, session_id, questionnaires):
    question = next(
        q for q in questionnaires["primary"].questions if q.type == "pick_many" and q.days == "both"
    )
    url = f"/day/{session_id}/school-day/{question.id}"
    response = answer(client, url, answer=[question.options[0].value, "dont_know"], action="continue")
    assert response.status_code == 400
    assert "one or the other" in response.text
    assert store.sessions.answers_of(db, session_id) == {}


def test_pick_several_saves_every_choice(client, db, session_id, questionnaires):
    question = next(
        q for q in questionnaires["primary"].questions if q.type == "pick_many" and q.days == "both"
    )
    chosen = [question.options[0].value, question.options[1].value]
    answer(client, f"/day/{session_id}/school-day/{question.id}", answer=chosen, action="continue")
    assert store.sessions.answers_of(db, session_id)[(question.id, "school")].value == chosen


def own_words_question(questionnaires):
    return next(q for q in questionnaires["primary"].questions if q.type == "own_words")


def test_own_words_are_kept_exactly_as_written(client, db, session_id, questionnaires):
    question = own_words_question(questionnaires)
    day = "any-day" if question.days == "once" else "school-day"
    words = "my mum <b>makes</b> toast 🍞\nsometimes"
    answer(client, f"/day/{session_id}/{day}/{question.id}", answer=words, action="continue")
    saved = store.sessions.answers_of(db, session_id)[
        (question.id, "once" if question.days == "once" else "school")
    ]
    assert saved.value == words


def test_own_words_over_two_thousand_characters_are_refused(client, db, session_id, questionnaires):
    question = own_words_question(questionnaires)
    day = "any-day" if question.days == "once" else "school-day"
    response = answer(client, f"/day/{session_id}/{day}/{question.id}", answer="a" * 2001, action="continue")
    assert response.status_code == 400
    assert "2000" in response.text
    assert store.sessions.answers_of(db, session_id) == {}


def test_the_weekend_questions_come_only_when_the_weekend_is_different(
    client, db, session_id, questionnaires
):
    part = questionnaires["primary"].parts[0]
    gate = f"/day/{session_id}/any-day/{part.weekend_question_id}"
    assert client.get(gate).status_code == 200
    weekend_url = f"/day/{session_id}/weekend/{part.questions[0].id}"
    response = answer(client, gate, answer="yes", action="continue")
    assert response.location == weekend_url
    response = answer(client, gate, answer="no", action="continue")
    assert "/weekend/" not in response.location


def test_coming_back_resumes_at_the_first_unanswered_question(client, session_id, questionnaires):
    answer(client, f"/day/{session_id}/school-day/who_wakes_you", answer="alarm", action="continue")
    second = questionnaires["primary"].parts[0].questions[1]
    response = client.get(f"/day/{session_id}/")
    assert response.status_code == 302
    assert response.location.endswith(f"/{second.id}")


def test_here_is_your_day_shows_answers_with_a_way_to_change_them(client, session_id):
    answer(client, f"/day/{session_id}/school-day/who_wakes_you", answer="alarm", action="continue")
    page = client.get(f"/day/{session_id}/review")
    assert "Here is your day" in page.text
    assert "An alarm" in page.text
    assert f"/day/{session_id}/school-day/who_wakes_you?change=1" in page.text


def test_changing_from_here_is_your_day_returns_there(client, session_id):
    url = f"/day/{session_id}/school-day/who_wakes_you?change=1"
    response = answer(client, url, answer="grown_up", action="continue")
    assert response.location == f"/day/{session_id}/review"


def test_finishing_thanks_the_child_and_says_how_to_get_help(client, db, session_id):
    response = answer(client, f"/day/{session_id}/review")  # the finish form lives on the review page
    response = client.post(
        f"/day/{session_id}/finish",
        data={"csrf_token": csrf_token(client.get(f"/day/{session_id}/review").text)},
    )
    assert response.location == f"/day/{session_id}/thanks"
    page = client.get(response.location)
    assert "Thank you" in page.text and "0800 1111" in page.text and "Sam Taylor" in page.text
    assert store.sessions.session_for(db, 1, session_id)["status"] == "finished"


def test_help_and_stop_are_on_every_question_page_and_say_the_answers_are_saved(client, session_id):
    page = client.get(f"/day/{session_id}/school-day/who_wakes_you")
    assert "Help" in page.text and "Stop" in page.text
    assert "0800 1111" in client.get(f"/day/{session_id}/help").text
    assert "saved" in client.get(f"/day/{session_id}/stop").text


def test_change_something_is_offered_only_once_there_is_an_answer_to_change(client, session_id):
    url = f"/day/{session_id}/school-day/who_wakes_you"
    assert "Change something" not in client.get(url).text
    answer(client, url, answer="alarm", action="continue")
    assert "Change something" in client.get(url).text


@pytest.mark.parametrize("page", ["help", "stop"])
def test_help_and_stop_go_back_to_the_very_question_the_child_left(client, session_id, page):
    answer(client, f"/day/{session_id}/school-day/who_wakes_you", answer="alarm", action="continue")
    second = client.get(f"/day/{session_id}/").location  # the question the child is on now
    question = client.get(second).text
    link = re.search(rf'href="(/day/{session_id}/{page}\?from=[^"]+)"', question).group(1)
    went_back = re.search(
        r'class="button button--go" href="([^"]+)"', client.get(link.replace("&amp;", "&")).text
    )
    assert went_back.group(1) == second


def test_finishing_early_says_how_many_questions_are_left_and_offers_to_carry_on(client, db, session_id):
    answer(client, f"/day/{session_id}/school-day/who_wakes_you", answer="alarm", action="continue")
    page = client.get(f"/day/{session_id}/review").text
    left = int(re.search(r"There are about (\d+) questions left", page).group(1))
    assert left > 20
    assert f'class="button button--go" href="/day/{session_id}/">Carry on answering<' in page
    assert "Finish now" in page and "That&#39;s my day – finish" not in page
    client.post(f"/day/{session_id}/finish", data={"csrf_token": csrf_token(page)})  # still allowed
    assert store.sessions.session_by_id(db, session_id)["status"] == "finished"


def test_help_returns_only_to_a_page_of_the_same_session(client, session_id):
    page = client.get(f"/day/{session_id}/help?from=https://evil.example/")
    assert f'class="button button--go" href="/day/{session_id}/"' in page.text


@pytest.mark.parametrize(
    "url",
    [
        "/day/{sid}/school-day/no_such_question",
        "/day/{sid}/weekend/no_such_question",
        "/day/{sid}/sometimes/who_wakes_you",
        "/day/{sid}/any-day/who_wakes_you",
        "/day/{sid}/school-day/waking_up.weekend_different",
    ],
)
def test_unknown_questions_and_days_are_not_found(client, session_id, url):
    assert client.get(url.format(sid=session_id)).status_code == 404


def test_a_form_without_its_security_token_is_refused_and_saves_nothing(client, db, session_id):
    response = client.post(f"/day/{session_id}/school-day/who_wakes_you", data={"answer": "alarm"})
    assert response.status_code == 400
    assert store.sessions.answers_of(db, session_id) == {}


def test_another_practitioners_session_is_not_found(
    client, db, practitioners, child_of, session_id, questionnaires
):
    other = practitioners.create("alex@example.org", "Alex")
    other_child = child_of(other, "Mia")
    other_session = store.sessions.start_session(db, other_child, questionnaires["primary"], other)
    # Leave child mode first, so the refusal comes from access rules rather than the lock.
    practitioners.post("/child-mode/unlock", {"password": "correct horse battery staple"})
    assert client.get(f"/day/{other_session}/").status_code == 404
    assert client.get(f"/day/{other_session}/school-day/who_wakes_you").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(app, session_id):
    fresh = app.test_client()
    response = fresh.get(f"/day/{session_id}/school-day/who_wakes_you")
    assert response.status_code == 302 and "/sign-in" in response.location


def test_the_baby_questionnaire_asks_whether_each_answer_was_seen_or_told(
    client, db, practitioners, signed_in, child_of, questionnaires
):
    baby = child_of(signed_in, "Amara", "2026-03-01")
    practitioners.post(f"/children/{baby}/sessions/new", {"questionnaire": "baby"})
    session_id = db.execute("SELECT MAX(id) FROM sessions").fetchone()[0]
    question = questionnaires["baby"].parts[0].questions[0]
    url = f"/day/{session_id}/{'any-day' if question.days == 'once' else 'school-day'}/{question.id}"
    page = client.get(url)
    assert "I saw it" in page.text and "I was told" in page.text
    value = question.options[0].value
    response = answer(client, url, answer=value, action="continue")
    assert response.status_code == 400 and "saw this or were told" in response.text
    answer(client, url, answer=value, source="observed", action="continue")
    day = "once" if question.days == "once" else "school"
    assert store.sessions.answers_of(db, session_id)[(question.id, day)].source == "observed"


def test_a_browser_given_a_session_answers_it_without_signing_in_and_nothing_else(
    app, db, questionnaires, practitioners, child_of
):
    user = practitioners.create()
    mine = store.sessions.start_session(
        db, child_of(user, "Jess", "2012-01-01"), questionnaires["teenager"], user
    )
    other = store.sessions.start_session(db, child_of(user, "Leo"), questionnaires["primary"], user)
    browser = app.test_client()
    with browser.session_transaction() as flask_session:
        flask_session["grants"] = {str(mine): {"consultation": 0}}  # what grants.let_pupil_answer() holds
    assert browser.get(f"/day/{mine}/").status_code == 200
    assert browser.get(f"/day/{other}/").status_code == 302  # to sign in
    assert browser.get(f"/sessions/{mine}").status_code == 302


def test_here_is_your_day_leaves_out_parts_not_reached_yet(client, session_id):
    answer(client, f"/day/{session_id}/school-day/who_wakes_you", answer="alarm", action="continue")
    page = client.get(f"/day/{session_id}/review").text
    assert 'id="part-waking_up"' in page
    assert 'id="part-bedtime"' not in page


def test_never_is_one_plain_no_not_a_green_cross(client, session_id):
    page = client.get(f"/day/{session_id}/school-day/clean_clothes").text
    never_card = page.split('name="answer" value="never"')[1].split("</label>")[0]
    assert '#cross-mark"/>' in never_card  # a red cross: colour and mark both say "no"
    assert "cross-mark-button" not in page  # the green square said "good" while its cross said "bad"


def test_a_parent_is_asked_about_the_child_by_name_and_the_child_is_asked_about_themselves(
    client, db, practitioners, signed_in, child_of, questionnaires
):
    leo = child_of(signed_in, name="Leo")
    wakes = questionnaires["primary"].questions_by_id["who_wakes_you"]
    pages = {}
    for account in ("parent_carer", "child"):
        started = practitioners.post(
            f"/children/{leo}/sessions/new", {"questionnaire": "primary", "account": account}
        )
        session_id = int(started.location.split("/day/")[1].split("/")[0])
        pages[account] = html.unescape(client.get(f"/day/{session_id}/school-day/who_wakes_you").text)
    parent, child = pages["parent_carer"], pages["child"]
    assert wakes.adult_prompt.replace("{name}", "Leo") in parent and "Who wakes you up?" not in parent
    assert wakes.option("myself").adult_label.replace("{name}", "Leo") in parent and "{name}" not in parent
    assert "Who wakes you up?" in child and "I wake up by myself" in child
