"""When a child's next session is due, and the practitioner setting it."""

from datetime import date

from dayinmylife import store
from dayinmylife.casework.schedule import add_months, next_session


def test_the_next_session_defaults_to_three_months_after_the_last():
    due = next_session(None, "2026-06-10T10:00:00+00:00", today=date(2026, 8, 1))
    assert (due.on, due.status) == (date(2026, 9, 10), "planned")
    assert next_session(None, "2026-06-10", today=date(2026, 9, 1)).status == "due_soon"
    assert next_session(None, "2026-06-10", today=date(2026, 9, 11)).status == "overdue"
    assert next_session("2026-12-24", "2026-06-10", today=date(2026, 9, 11)).status == "planned"
    assert next_session(None, None).status == "first"
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_the_caseload_shows_who_is_overdue(client, db, leo, signed_in, questionnaires):
    store.sessions.start_session(
        db, leo, questionnaires["primary"], signed_in, started_at="2025-01-01T10:00:00+00:00"
    )
    page = client.get("/")
    assert "Overdue" in page.text and "1 child is overdue a session." in page.text


def test_changing_the_next_session_date(client, db, practitioners, leo):
    response = practitioners.post(
        f"/children/{leo}/next-session", {"next_session_on": "2027-01-15"}, token_from=f"/children/{leo}"
    )
    assert response.status_code == 302
    assert "Due by 15 January 2027" in client.get(f"/children/{leo}").text


def test_a_next_session_date_that_is_not_a_date_changes_nothing(client, db, practitioners, leo):
    practitioners.post(
        f"/children/{leo}/next-session", {"next_session_on": "soon"}, token_from=f"/children/{leo}"
    )
    assert db.execute("SELECT next_session_on FROM children WHERE id = ?", (leo,)).fetchone()[0] is None
