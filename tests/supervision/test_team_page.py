"""A team manager: their team's children at a glance, each child read (never changed), a child moved."""

import html

from dayinmylife import store
from tests.conftest import PASSWORD_HASH, Practitioners


def test_the_team_page_shows_each_practitioners_children_and_never_another_teams(client, morgan, team):
    page = html.unescape(client.get("/team").text)
    assert "North" in page and "Sam" in page and "Alex" in page and "Show every child (2)" in page
    attention = page.split("Children who need attention</h3>", 1)[1]
    assert "Mia" in attention and "Leo" not in attention  # never seen; Leo's next session is planned
    every = html.unescape(client.get("/team?show=all").text).split(
        "Every child, what needs attention first", 1
    )[1]
    assert "Kai" not in every and every.index("Mia") < every.index("Leo")  # Kai is South's
    never = html.unescape(client.get(f"/team?show=never&practitioner={team['Sam']}").text)
    assert "Never seen" in never and "Mia" in never and "Leo" not in never.split("Never seen", 2)[-1]


def test_a_manager_reads_a_child_of_the_team_and_changes_nothing(client, db, morgan, team):
    page = html.unescape(client.get(f"/children/{team['Leo']}").text)
    assert "Leo" in page and "Start a session" not in page and "Correct these details" not in page
    assert "Erase this record" not in page and "Change the date" not in page and "Add an outcome" not in page
    session = html.unescape(client.get(f"/sessions/{team['session']}").text)
    assert (
        "Add note" not in session
        and "Save the message" not in session
        and "No message written back yet." in session
    )
    viewed = db.execute("SELECT actor FROM audit_log WHERE event = 'child_viewed'").fetchall()
    assert [row[0] for row in viewed] == ["morgan@example.org"]
    assert client.get(f"/children/{team['Kai']}").status_code == 404  # another team's child
    assert client.post(f"/children/{team['Leo']}/notes", data={}).status_code in (400, 404)


def test_a_manager_moves_a_child_to_another_practitioner_of_the_team(client, db, morgan, team):
    response = morgan.post(
        f"/team/children/{team['Mia']}/move",
        {"practitioner": team["Sam"], "to": team["Alex"]},
        token_from="/team",
    )
    assert response.status_code == 302 and response.location.endswith("#children-1")  # North's children
    assert "Mia is now on Alex's caseload." in html.unescape(client.get(response.location).text)
    assert [child["display_name"] for child in store.children.children_of(db, team["Alex"])] == ["Mia"]
    assert [child["display_name"] for child in store.children.children_of(db, team["Sam"])] == ["Leo"]
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE event = 'caseload_passed_on'").fetchone()[0] == 1


def test_a_child_never_goes_to_another_teams_practitioner(client, db, morgan, team):
    response = morgan.post(
        f"/team/children/{team['Mia']}/move",
        {"practitioner": team["Sam"], "to": team["Jo"]},
        token_from="/team",
    )
    assert response.status_code == 400
    assert [child["display_name"] for child in store.children.children_of(db, team["Sam"])] == ["Leo", "Mia"]


def test_a_disabled_practitioners_children_need_a_practitioner_first(client, db, morgan, team):
    store.users.update_account(db, team["Sam"], active=0)
    page = html.unescape(client.get("/team").text)
    children = page.split("Children who need attention</h3>", 1)[1]
    assert children.count("Needs a practitioner") == 2 and children.index("Leo") < children.index(
        "Move Leo to"
    )


def test_a_manager_of_no_team_is_told_so(client, db):
    store.users.create_user(db, "new@example.org", "New", PASSWORD_HASH, "manager")
    Practitioners(client, db).sign_in("new@example.org")
    assert "You do not manage a team yet." in client.get("/team").text


def test_a_prompt_that_keeps_coming_back_is_raised_for_supervision(client, db, morgan, team, questionnaires):
    for month in ("03", "06", "09"):
        session = store.sessions.start_session(
            db,
            team["Mia"],
            questionnaires["primary"],
            team["Sam"],
            started_at=f"2026-{month}-02T10:00:00+00:00",
        )
        store.sessions.save_answer(db, session, "had_breakfast", "school", "no")
        store.sessions.save_answer(db, session, "breakfast.weekend_different", "once", "no")
        store.sessions.finish_session(db, session)
    raised = "“Who makes sure there is food for breakfast? What gets in the way?” has been worth exploring in 3 sessions in a row, since March 2026."
    assert raised in html.unescape(client.get(f"/children/{team['Mia']}").text)
    page = html.unescape(client.get("/team?show=to_discuss").text)
    listed = page.split("To talk about in supervision</h3>", 1)[1]
    assert raised in listed and "Mia" in listed and "Leo" not in listed


def test_each_practitioners_sessions_this_quarter_against_what_is_expected(
    client, db, morgan, team, questionnaires
):
    store.users.set_app_setting(db, "sessions_expected_per_quarter", "15")
    page = html.unescape(client.get("/team").text)
    sam_row = page.split(">Sam</th>", 1)[1].split("</tr>", 1)[0]
    assert "1 of 15" in sam_row  # Leo's session, finished this quarter
    assert "0 of 15" in page.split(">Alex</th>", 1)[1].split("</tr>", 1)[0]
