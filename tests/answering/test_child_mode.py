"""Child mode: until the practitioner unlocks it, the device shows that child's questionnaire and nothing else."""

import pytest

from dayinmylife import store
from tests.conftest import PASSWORD


@pytest.fixture
def locked(practitioners, signed_in, child_of):
    """A session started on this device, which is now in child mode."""
    response = practitioners.post(
        f"/children/{child_of(signed_in)}/sessions/new", {"questionnaire": "primary"}
    )
    return int(response.location.strip("/").split("/")[-1])


@pytest.mark.parametrize("url", ["/", "/children/1", "/children/new", "/sessions/1", "/settings", "/nowhere"])
def test_every_other_page_leads_back_to_the_questionnaire(client, locked, url):
    response = client.get(url)
    assert response.status_code == 302 and response.location == f"/day/{locked}/"


def test_another_session_of_the_same_practitioner_is_out_of_reach(
    client, db, signed_in, child_of, questionnaires, locked
):
    other = store.sessions.start_session(db, child_of(signed_in, "Mia"), questionnaires["primary"], signed_in)
    assert client.get(f"/day/{other}/").location == f"/day/{locked}/"


def test_the_child_cannot_sign_out(client, practitioners, locked):
    response = practitioners.post("/sign-out", token_from=f"/day/{locked}/school-day/who_wakes_you")
    assert response.location == f"/day/{locked}/"


def test_the_childs_own_pages_open(client, locked):
    for url in (f"/day/{locked}/", f"/day/{locked}/help", f"/day/{locked}/stop", f"/day/{locked}/review"):
        assert client.get(url).status_code == 200


def test_question_pages_have_no_menu_and_no_link_to_records(client, locked):
    page = client.get(f"/day/{locked}/school-day/who_wakes_you").text
    assert "My children" not in page and "Sign out" not in page and 'href="/"' not in page


def test_the_wrong_password_keeps_the_device_locked(client, practitioners, locked):
    response = practitioners.post("/child-mode/unlock", {"password": "guessing"})
    assert "That password is not right" in response.text
    assert client.get("/").status_code == 302


def test_the_practitioners_password_unlocks_and_shows_the_session(client, practitioners, locked):
    response = practitioners.post("/child-mode/unlock", {"password": PASSWORD})
    assert response.location == f"/sessions/{locked}"
    assert client.get("/").status_code == 200


def test_unlocking_keeps_every_saved_answer(client, db, practitioners, locked):
    store.sessions.save_answer(db, locked, "who_wakes_you", "school", "alarm")
    practitioners.post("/child-mode/unlock", {"password": PASSWORD})
    assert "An alarm" in client.get(f"/sessions/{locked}").text
