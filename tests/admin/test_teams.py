"""Administrators set up teams: practitioners in one team each, and the managers who oversee them."""

import html

from dayinmylife import store
from tests.conftest import PASSWORD_HASH


def test_an_administrator_makes_a_team_and_fills_it(client, db, practitioners, administrator, sam):
    morgan = store.users.create_user(db, "morgan@example.org", "Morgan Reid", PASSWORD_HASH, "manager")
    made = practitioners.post("/admin/teams", {"name": "Family Support North"})
    assert made.status_code == 302
    team_page = made.location
    assert practitioners.post(team_page, {"member": sam}).status_code == 302
    assert practitioners.post(team_page, {"member": morgan}).status_code == 302
    page = html.unescape(client.get(team_page).text)
    assert "Sam Taylor" in page and "Morgan Reid" in page and "no manager yet" not in page
    assert [
        (m["name"], m["manages"]) for m in store.teams.members_of_team(db, int(team_page.rsplit("/", 1)[1]))
    ] == [
        ("Morgan Reid", 1),
        ("Sam Taylor", 0),
    ]
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE event = 'team_member_joined'").fetchone()[0] == 2


def test_a_practitioner_works_in_one_team_only(client, db, practitioners, administrator, sam):
    north, south = store.teams.create_team(db, "North"), store.teams.create_team(db, "South")
    store.teams.add_member(db, north, sam, manages=False)
    assert "Sam Taylor" not in html.unescape(client.get(f"/admin/teams/{south}").text)  # not offered
    refused = practitioners.post(f"/admin/teams/{south}", {"member": sam})
    assert refused.status_code == 400 and "Not a valid choice" in refused.text
    assert store.teams.team_of_practitioner(db, sam)["name"] == "North"


def test_two_teams_never_share_a_name(db, practitioners, administrator):
    store.teams.create_team(db, "North")
    refused = practitioners.post("/admin/teams", {"name": "north"})
    assert refused.status_code == 400 and "A team has that name already" in refused.text


def test_taking_someone_out_of_a_team_leaves_their_children_with_them(
    db, practitioners, administrator, sam, child_of
):
    team = store.teams.create_team(db, "North")
    store.teams.add_member(db, team, sam, manages=False)
    leo = child_of(sam, "Leo")
    practitioners.post(f"/admin/teams/{team}/members/{sam}/remove", token_from=f"/admin/teams/{team}")
    assert store.teams.members_of_team(db, team) == []
    assert [child["id"] for child in store.children.children_of(db, sam)] == [leo]


def test_an_administrator_sets_the_sessions_expected_each_quarter(client, db, practitioners, administrator):
    assert (
        practitioners.post(
            "/admin/teams/expected-sessions", {"sessions": "15"}, token_from="/admin/teams"
        ).status_code
        == 302
    )
    assert 'value="15"' in client.get("/admin/teams").text
    refused = practitioners.post(
        "/admin/teams/expected-sessions", {"sessions": "0"}, token_from="/admin/teams"
    )
    assert refused.status_code == 400 and "Enter a number from 1 to 200" in refused.text
    practitioners.post("/admin/teams/expected-sessions", {"sessions": ""}, token_from="/admin/teams")
    assert 'value="15"' not in client.get("/admin/teams").text  # none expected now
