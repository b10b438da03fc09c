"""Before the first question: who will see the answers and why, in words for each age band (on the start
page, one tap away; and from Help)."""

import re

import pytest

from tests.conftest import csrf_token
from tests.consultations.test_join import consultation, join_as_pupil  # noqa: F401  (consultation is a fixture)

EXPLAINED = {
    "baby": "Sam Taylor and the team working with Amara will read these answers.",
    "preschool": "Please tell Amara, in words they understand, who will see their answers and why.",
    "primary": "Sam Taylor will read your answers. People who work with Sam Taylor may read them too.",
    "teenager": "Sam Taylor and the people in their team will read your answers.",
}
BIRTHDAYS = {
    "baby": "2025-09-01",
    "preschool": "2022-05-01",
    "primary": "2018-03-14",
    "teenager": "2011-06-02",
}


def start_session(practitioners, child_id, questionnaire, account="child") -> int:
    response = practitioners.post(
        f"/children/{child_id}/sessions/new", {"questionnaire": questionnaire, "account": account}
    )
    return int(re.search(r"/day/(\d+)/", response.location).group(1))


def explanation_then_first_question(client, session_id: int) -> tuple[str, str]:
    """The start page offers the explanation, folded, before its one button to the first question."""
    start_page = client.get(f"/day/{session_id}/").text
    folded = re.search(r'<details class="who-sees who-sees--folded">(.*?)</details>', start_page, re.S)
    assert folded and "<summary>" in folded.group(1)
    onward = re.findall(r'class="button button--go" href="([^"]+)">([^<]+)<', start_page)
    assert len(onward) == 1 and onward[0][1] == "Let's start"  # one button, no nudges
    assert start_page.index("who-sees--folded") < start_page.index(onward[0][0])
    question = client.get(onward[0][0])
    assert question.status_code == 200 and 'class="question__prompt"' in question.text
    return folded.group(1), question.text


@pytest.mark.parametrize("band", sorted(EXPLAINED))
def test_each_age_band_is_told_who_will_see_the_answers_before_the_first_question(
    client, practitioners, signed_in, child_of, band
):
    child_id = child_of(signed_in, name="Amara", date_of_birth=BIRTHDAYS[band])
    explanation, _ = explanation_then_first_question(client, start_session(practitioners, child_id, band))
    assert EXPLAINED[band] in explanation
    others = [
        words for other, words in EXPLAINED.items() if other != band and other not in ("baby", "preschool")
    ]
    assert not any(words in explanation for words in others)


def test_a_child_is_told_what_happens_if_something_worries_their_worker(
    client, practitioners, signed_in, child_of
):
    session_id = start_session(practitioners, child_of(signed_in), "primary")
    explanation = client.get(f"/day/{session_id}/who-will-see-my-answers").text
    assert "they will tell someone who can help" in explanation
    assert "You can ask Sam Taylor to show you what is kept about you." in explanation


def test_a_parents_account_of_a_childs_day_is_explained_to_the_parent(
    client, practitioners, signed_in, child_of
):
    session_id = start_session(
        practitioners, child_of(signed_in, name="Leo"), "primary", account="parent_carer"
    )
    explanation = client.get(f"/day/{session_id}/who-will-see-my-answers").text
    assert "Who will see these answers?" in explanation
    assert "Sam Taylor and the team working with Leo will read these answers." in explanation


def test_a_pupil_is_told_that_the_school_sees_only_everyones_answers_together(app, db, consultation):  # noqa: F811
    pupil = app.test_client()
    explanation, _ = explanation_then_first_question(pupil, join_as_pupil(pupil, db, consultation))
    assert "Your school sees only everyone's answers put together, never just yours." in explanation
    assert "0800 1111" in explanation
    assert "will read your answers" not in explanation


def test_a_child_coming_back_mid_session_goes_straight_to_their_next_question(
    client, practitioners, signed_in, child_of
):
    session_id = start_session(practitioners, child_of(signed_in), "primary")
    url = f"/day/{session_id}/school-day/who_wakes_you"
    client.post(
        url, data={"answer": "alarm", "action": "continue", "csrf_token": csrf_token(client.get(url).text)}
    )
    response = client.get(f"/day/{session_id}/")
    assert response.status_code == 302 and "who-will-see" not in response.location


def test_help_leads_to_the_explanation_and_back_to_where_the_child_was(
    client, practitioners, signed_in, child_of
):
    session_id = start_session(practitioners, child_of(signed_in), "primary")
    url = f"/day/{session_id}/school-day/who_wakes_you"
    client.post(
        url, data={"answer": "alarm", "action": "continue", "csrf_token": csrf_token(client.get(url).text)}
    )
    help_page = client.get(f"/day/{session_id}/help?from={url}").text
    link = re.search(r'href="(/day/\d+/who-will-see-my-answers[^"]*)">Who will see my answers\?<', help_page)
    explanation = client.get(link.group(1).replace("&amp;", "&")).text
    assert "Sam Taylor will read your answers." in explanation
    assert f'class="button button--go" href="{url}">Go back to where I was<' in explanation
