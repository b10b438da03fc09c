"""No child is left without a practitioner: an administrator passes a caseload on, with every record."""

import html

import pytest

from dayinmylife import store

NEEDS = "Children who need a practitioner"


@pytest.fixture
def leo_and_mia(db, sam, child_of, questionnaires):
    """Sam's two children, Leo with a session; Mia also has Kim on her team."""
    leo, mia = child_of(sam, "Leo"), child_of(sam, "Mia")
    store.sessions.start_session(db, leo, questionnaires["primary"], sam)
    kim = store.users.create_user(db, "kim@example.org", "Kim Lee", "x")
    store.children.add_to_team(db, mia, kim)
    return leo, mia


@pytest.fixture
def alex(db):
    return store.users.create_user(db, "alex@example.org", "Alex Moss", "x")


def test_a_disabled_practitioners_children_are_listed_until_passed_on(
    client, db, administrator, sam, leo_and_mia
):
    assert NEEDS not in client.get("/admin/accounts").text  # Sam can still sign in
    store.users.update_account(db, sam, active=0)
    page = html.unescape(client.get("/admin/accounts").text)
    assert NEEDS in page and "Sam Taylor: 1 child" in page  # Mia still has Kim; Leo has nobody
    account = html.unescape(client.get(f"/admin/accounts/{sam}").text)
    assert "2 children have Sam Taylor on their team." in account
    assert "They need a practitioner who can sign in" in account and "Leo" not in account  # no names


def test_passing_a_caseload_on_keeps_every_record(
    client, db, practitioners, administrator, sam, alex, leo_and_mia
):
    leo, mia = leo_and_mia
    store.users.update_account(db, sam, active=0)
    sessions_before = store.sessions.sessions_of_child(db, leo)
    response = practitioners.post(f"/admin/accounts/{sam}/caseload", {"to": alex})
    assert response.status_code == 302
    page = html.unescape(client.get(response.location).text)
    assert "2 children are now on Alex Moss's caseload, with every record of theirs." in page
    assert {child["id"] for child in store.children.children_of(db, alex)} == {leo, mia}
    assert store.children.children_of(db, sam) == [] and store.children.caseload_size(db, sam) == 0
    assert {member["name"] for member in store.children.team_of_child(db, mia)} == {"Alex Moss", "Kim Lee"}
    assert store.sessions.sessions_of_child(db, leo) == sessions_before  # started by Sam, still Sam's
    moved = db.execute("SELECT child_id FROM audit_log WHERE event = 'caseload_passed_on'").fetchall()
    assert sorted(row[0] for row in moved) == sorted([leo, mia])
    assert NEEDS not in client.get("/admin/accounts").text


@pytest.mark.parametrize("taker", ["disabled", "lead", "themselves"])
def test_a_caseload_goes_only_to_an_active_practitioner(
    db, practitioners, administrator, sam, alex, leo_and_mia, taker
):
    lead = store.users.create_user(db, "jo@school.example", "Jo Head", "x", "consultation_lead")
    store.users.update_account(db, alex, active=0)
    to = {"disabled": alex, "lead": lead, "themselves": sam}[taker]
    response = practitioners.post(f"/admin/accounts/{sam}/caseload", {"to": to})
    assert response.status_code == 400 and "Not a valid choice" in response.text
    assert store.children.caseload_size(db, sam) == 2


def test_with_nobody_to_take_them_the_page_says_to_create_an_account(
    client, db, administrator, sam, leo_and_mia
):
    store.users.update_account(
        db, db.execute("SELECT id FROM users WHERE email = 'kim@example.org'").fetchone()[0], active=0
    )
    page = html.unescape(client.get(f"/admin/accounts/{sam}").text)
    assert "No other practitioner can take children on yet" in page
