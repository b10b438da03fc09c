"""A consultation's lead changes it after it is made: title, dates, cap; closes it early, reopens it; deletes it."""

import pytest

from dayinmylife import store
from tests.conftest import Practitioners
from tests.consultations.helpers import (
    breakfast,
    create_consultation,
    create_lead,
    days,
    group_ids,
    pupils_answer,
)
from tests.consultations.test_join import join_as_pupil


@pytest.fixture
def consultation(db, practitioners):
    lead = create_lead(db)
    practitioners.sign_in("priya@school.example")
    return create_consultation(db, lead)


def audited(db, event) -> list[dict]:
    return [dict(row) for row in db.execute("SELECT * FROM audit_log WHERE event = ?", (event,))]


def test_the_lead_extends_and_renames_a_consultation(client, db, practitioners, consultation):
    form = client.get(f"/consultations/{consultation}/change").text
    assert 'value="Year 5: a day in my life"' in form
    response = practitioners.post(
        f"/consultations/{consultation}/change",
        {"title": "Year 5, autumn", "opens_on": days(-1), "closes_on": days(30), "max_responses": "500"},
    )
    assert response.location == f"/consultations/{consultation}"
    changed = store.consultations.consultation_by_id(db, consultation)
    assert (changed["title"], changed["closes_on"], changed["max_responses"]) == (
        "Year 5, autumn",
        days(30),
        500,
    )
    assert (
        '"fields": ["title", "closes_on", "max_responses"]'
        in audited(db, "consultation_changed")[0]["detail"]
    )


def test_a_change_that_makes_no_sense_is_refused(db, practitioners, consultation):
    response = practitioners.post(
        f"/consultations/{consultation}/change",
        {"title": "x", "opens_on": days(5), "closes_on": days(1), "max_responses": "500"},
    )
    assert response.status_code == 400 and "on or after the opening day" in response.text
    assert store.consultations.consultation_by_id(db, consultation)["title"] == "Year 5: a day in my life"


def test_closing_early_stops_pupils_joining_and_the_sheet_says_so(
    app, client, db, practitioners, consultation
):
    practitioners.post(f"/consultations/{consultation}/close", token_from=f"/consultations/{consultation}")
    row = store.consultations.consultation_by_id(db, consultation)
    assert row["closes_on"] == days(-1) and audited(db, "consultation_closed")
    assert "Closed" in client.get(f"/consultations/{consultation}").text
    sheet = client.get(f"/consultations/{consultation}/sheet").text
    assert "This survey closed on" in sheet and "Open until" not in sheet
    pupil = app.test_client()
    refused = pupil.get("/join/", query_string={"code": row["join_code"]})
    assert refused.status_code == 400 and "not open for answers" in refused.text


def test_reopening_opens_it_for_two_weeks(app, db, practitioners, consultation):
    practitioners.post(f"/consultations/{consultation}/close", token_from=f"/consultations/{consultation}")
    practitioners.post(f"/consultations/{consultation}/reopen", token_from=f"/consultations/{consultation}")
    assert store.consultations.consultation_by_id(db, consultation)["closes_on"] == days(14)
    assert audited(db, "consultation_reopened")
    join_as_pupil(
        app.test_client(), db, store.consultations.consultation_by_id(db, consultation)
    )  # pupils can join again


def test_deleting_needs_the_title_then_takes_every_answer_with_it(
    client, db, practitioners, consultation, questionnaires
):
    oak = group_ids(db, consultation)["5 Oak"]
    pupils_answer(db, questionnaires["primary"], consultation, oak, [breakfast("yes")] * 6)
    wrong = practitioners.post(f"/consultations/{consultation}/delete", {"confirm_title": "Year 5"})
    assert wrong.status_code == 400 and store.consultations.consultation_by_id(db, consultation) is not None
    gone = practitioners.post(
        f"/consultations/{consultation}/delete", {"confirm_title": " Year 5:  a day in my life "}
    )
    assert gone.location == "/consultations/"
    assert store.consultations.consultation_by_id(db, consultation) is None
    for table in ("sessions", "answers", "consultation_groups", "consultation_tallies"):
        assert db[table].count == 0, table
    assert audited(db, "consultation_deleted")[0]["detail"] == f'{{"consultation": {consultation}}}'


def test_another_lead_can_change_nothing(app, db, consultation):
    other = Practitioners(app.test_client(), db)
    create_lead(db, "sam@school.example", "Sam")
    other.sign_in("sam@school.example")
    for url in ("change", "close", "reopen", "delete"):
        assert (
            other.post(
                f"/consultations/{consultation}/{url}",
                {"confirm_title": "Year 5: a day in my life"},
                token_from="/consultations/",
            ).status_code
            == 404
        )
    assert store.consultations.consultation_by_id(db, consultation)["closes_on"] == days(7)
