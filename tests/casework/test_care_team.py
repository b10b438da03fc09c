"""A child's care team: several practitioners may work with a child, and the team decides who."""

import html

import pytest

from dayinmylife import store
from tests.conftest import PASSWORD_HASH, Practitioners

# Every kind of page of a child's record: what an added practitioner sees and a removed one never does.
CHILDS_PAGES = (
    "/children/{child}",
    "/children/{child}/sessions/new",
    "/children/{child}/everything",
    "/children/{child}/everything.json",
    "/children/{child}/accounts",
    "/children/{child}/erase",
    "/sessions/{session}",
)


@pytest.fixture
def team(app, db, signed_in, child_of, questionnaires):
    """Sam (signed in) works with Leo; Kim is another practitioner, not on Leo's team yet."""
    kim = store.users.create_user(db, "kim@example.org", "Kim Lee", PASSWORD_HASH)
    child = child_of(signed_in)
    session = store.sessions.start_session(db, child, questionnaires["primary"], signed_in)
    kims_browser = Practitioners(app.test_client(), db)
    kims_browser.sign_in("kim@example.org")
    return {"sam": signed_in, "kim": kim, "child": child, "session": session, "kims_browser": kims_browser}


def pages(team) -> list[str]:
    return [url.format(child=team["child"], session=team["session"]) for url in CHILDS_PAGES]


def add(practitioners, team, user_id):
    url = f"/children/{team['child']}"
    return practitioners.post(f"{url}/team", {"practitioner": user_id}, token_from=url)


def remove(practitioners, team, user_id):
    url = f"/children/{team['child']}"
    return practitioners.post(f"{url}/team/remove", {"practitioner": user_id}, token_from=url)


def test_the_childs_page_shows_the_team_and_who_could_join(client, team):
    page = html.unescape(client.get(f"/children/{team['child']}").text)
    assert "<h2" in page and ">Team</h2>" in page
    assert "Sam Taylor" in page and "(you)" in page
    assert f'<option value="{team["kim"]}">Kim Lee (kim@example.org)</option>' in page


def test_an_added_practitioner_sees_the_child_everywhere(client, db, practitioners, team):
    kim = team["kims_browser"].client
    assert all(kim.get(url).status_code == 404 for url in pages(team))
    response = add(practitioners, team, team["kim"])
    assert response.location == f"/children/{team['child']}#team"
    assert "Kim Lee is now on the team" in html.unescape(client.get(response.location).text)
    assert "Leo" in kim.get("/").text
    assert [kim.get(url).status_code for url in pages(team)] == [200] * len(CHILDS_PAGES)


def test_a_removed_practitioner_gets_not_found_everywhere(client, db, practitioners, team):
    add(practitioners, team, team["kim"])
    response = remove(practitioners, team, team["kim"])
    assert "Kim Lee is no longer on the team" in html.unescape(client.get(response.location).text)
    kim = team["kims_browser"].client
    assert "Leo" not in kim.get("/").text
    assert [kim.get(url).status_code for url in pages(team)] == [404] * len(CHILDS_PAGES)
    assert client.get(f"/children/{team['child']}").status_code == 200  # Sam still works with Leo


def test_leaving_the_team_takes_you_back_to_your_caseload(client, db, practitioners, team):
    add(practitioners, team, team["kim"])
    response = remove(practitioners, team, team["sam"])
    assert response.location == "/"
    assert "no longer on the child's team" in html.unescape(client.get("/").text)
    assert client.get(f"/children/{team['child']}").status_code == 404
    assert team["kims_browser"].client.get(f"/children/{team['child']}").status_code == 200


def test_the_last_member_can_never_be_removed(client, db, practitioners, team):
    page = client.get(f"/children/{team['child']}").text
    assert "Leave the team" not in page  # no button that could only fail
    response = remove(practitioners, team, team["sam"])
    assert "Someone active must stay on the team" in html.unescape(client.get(response.location).text)
    assert client.get(f"/children/{team['child']}").status_code == 200


def test_a_disabled_member_does_not_count_as_someone_left(client, db, practitioners, team):
    add(practitioners, team, team["kim"])
    store.users.update_account(db, team["kim"], active=0)
    page = html.unescape(client.get(f"/children/{team['child']}").text)
    assert "Disabled" in page and "Leave the team" not in page
    remove(practitioners, team, team["sam"])
    assert client.get(f"/children/{team['child']}").status_code == 200
    remove(practitioners, team, team["kim"])  # the disabled account can go: Sam stays
    assert [m["name"] for m in store.children.team_of_child(db, team["child"])] == ["Sam Taylor"]


@pytest.mark.parametrize("who", ["lead", "administrator", "disabled", "nobody", "not a number", "member"])
def test_only_active_practitioners_not_yet_on_the_team_can_be_added(db, practitioners, team, who):
    roles = {"lead": "consultation_lead", "administrator": "administrator", "disabled": "practitioner"}
    user_id = {"nobody": 999, "not a number": "kim", "member": team["sam"]}.get(who)
    if who in roles:
        user_id = store.users.create_user(db, f"{who}@example.org", who, PASSWORD_HASH, roles[who])
        if who == "disabled":
            store.users.update_account(db, user_id, active=0)
    response = add(practitioners, team, user_id)
    assert response.status_code == 302
    assert "Choose a practitioner from the list" in html.unescape(
        practitioners.client.get(response.location).text
    )
    assert [m["id"] for m in store.children.team_of_child(db, team["child"])] == [team["sam"]]


def test_someone_not_on_the_team_is_not_removed(client, db, practitioners, team):
    response = remove(practitioners, team, team["kim"])
    assert "Choose someone on the team" in html.unescape(client.get(response.location).text)


def test_someone_off_the_team_cannot_change_it(db, team):
    kims_browser = team["kims_browser"]
    url = f"/children/{team['child']}"
    for action in ("team", "team/remove"):
        response = kims_browser.post(f"{url}/{action}", {"practitioner": team["kim"]}, token_from="/")
        assert response.status_code == 404
    assert [m["id"] for m in store.children.team_of_child(db, team["child"])] == [team["sam"]]


def test_team_changes_need_their_token_and_a_signed_in_practitioner(app, client, db, team):
    url = f"/children/{team['child']}"
    for action in ("team", "team/remove"):
        for token in ({}, {"csrf_token": "not-a-token"}):
            response = client.post(f"{url}/{action}", data={"practitioner": team["kim"]} | token)
            assert response.status_code == 400
        signed_out = app.test_client().post(f"{url}/{action}", data={"practitioner": team["kim"]})
        assert signed_out.status_code in (302, 400)
    assert [m["id"] for m in store.children.team_of_child(db, team["child"])] == [team["sam"]]


def test_team_changes_are_in_the_audit_log(db, practitioners, team):
    add(practitioners, team, team["kim"])
    remove(practitioners, team, team["kim"])
    rows = db.execute(
        "SELECT actor, event, child_id, detail FROM audit_log WHERE event LIKE 'team_member_%' ORDER BY id"
    ).fetchall()
    assert [tuple(row) for row in rows] == [
        ("sam@example.org", "team_member_added", team["child"], f'{{"account": {team["kim"]}}}'),
        ("sam@example.org", "team_member_removed", team["child"], f'{{"account": {team["kim"]}}}'),
    ]
