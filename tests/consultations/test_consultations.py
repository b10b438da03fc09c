"""School consultations for their lead: creating one, who may see it, its code, QR code and sheet, retention."""

import re
from datetime import timedelta

import pytest
import segno

from dayinmylife import clock, store
from dayinmylife.consultations.codes import JOIN_CODE_ALPHABET, make_join_code
from dayinmylife.store.db import write_transaction
from tests.consultations.helpers import (
    TODAY,
    breakfast,
    create_consultation,
    create_lead,
    days,
    pupils_answer,
)

# Creating a consultation


NEW = {
    "title": "Year 5 and 6",
    "questionnaire": "primary",
    "groups": "5 Oak\n5 Ash\n\n6 Elm  \n",
    "opens_on": days(0),
    "closes_on": days(14),
    "min_group_size": "5",
    "max_responses": "2000",
}


def test_a_lead_creates_a_consultation_with_groups_and_a_join_code(client, db, practitioners, lead):
    response = practitioners.post("/consultations/new", NEW)
    assert response.status_code == 302
    consultation = store.consultations.consultations_of(db, lead)[0]
    assert consultation["title"] == "Year 5 and 6" and consultation["min_group_size"] == 5
    assert [group["name"] for group in store.consultations.consultation_groups(db, consultation["id"])] == [
        "5 Oak",
        "5 Ash",
        "6 Elm",
    ]
    page = client.get(response.location).text
    code = consultation["join_code"]
    assert f"{code[:3]} {code[3:]}" in page
    assert "Print the classroom sheet" in page and "/join/" in page


def test_join_codes_are_six_letters_and_numbers_that_are_easy_to_read_aloud():
    for _ in range(300):
        code = make_join_code()
        assert len(code) == 6 and set(code) <= set(JOIN_CODE_ALPHABET)
    assert not set("0O1IL") & set(JOIN_CODE_ALPHABET)


def test_a_code_already_taken_is_never_given_twice(db):
    lead_id = create_lead(db)
    codes = iter(["AAAAAA", "AAAAAA", "BBBBBB"])
    details = {"title": "T", "questionnaire_id": "primary", "opens_on": days(0), "closes_on": days(1)}
    details |= {"min_group_size": 5, "max_responses": 10}
    first = store.consultations.create_consultation(db, lead_id, details, [], lambda: next(codes))
    second = store.consultations.create_consultation(db, lead_id, details, [], lambda: next(codes))
    assert store.consultations.consultation_by_id(db, first)["join_code"] == "AAAAAA"
    assert store.consultations.consultation_by_id(db, second)["join_code"] == "BBBBBB"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": ""}, "Enter a title"),
        ({"opens_on": "2026-02-30"}, "Enter a real date"),
        ({"closes_on": "next week"}, "Enter a real date"),
        ({"opens_on": days(10), "closes_on": days(2)}, "on or after the opening day"),
        ({"opens_on": days(-30), "closes_on": days(-1)}, "today or later"),
        ({"closes_on": days(800)}, "a year at most"),
        ({"min_group_size": "0"}, "from 3 to 50"),
        ({"min_group_size": "100000"}, "from 3 to 50"),
        ({"min_group_size": "five"}, "Not a valid integer"),
        ({"max_responses": "0"}, "from 1 to 1000000"),
        ({"groups": "\n".join(f"Class {n}" for n in range(50))}, "20 groups or fewer"),
        ({"groups": "5 Oak\n5 oak"}, "different name"),
        ({"groups": "x" * 41}, "40 characters"),
        ({"questionnaire": "baby"}, "Not a valid choice"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(db, practitioners, lead, change, message):
    response = practitioners.post("/consultations/new", {**NEW, **change})
    assert response.status_code == 400
    assert message in response.text
    assert "Error:" in response.text.split("</title>")[0]
    assert store.consultations.consultations_of(db, lead) == []


def test_every_consultation_form_needs_its_security_token(client, db, lead):
    response = client.post("/consultations/new", data=NEW)
    assert response.status_code == 400
    assert store.consultations.consultations_of(db, lead) == []


# Who may see what


LEAD_PAGES = ["", "/results", "/comments", "/results.csv", "/anonymous-answers.csv", "/qr.svg", "/sheet"]


@pytest.mark.parametrize("page", LEAD_PAGES)
def test_a_lead_cannot_open_another_leads_consultation(client, db, lead, page):
    other = create_lead(db, "alex@school.example", "Alex")
    theirs = create_consultation(db, other)
    assert client.get(f"/consultations/{theirs}{page}").status_code == 404


@pytest.mark.parametrize("page", ["/consultations/", "/consultations/new", "/consultations/1/results"])
def test_a_practitioner_without_the_lead_role_is_refused(client, db, practitioners, signed_in, page):
    create_consultation(db, create_lead(db))
    assert client.get(page).status_code == 404


@pytest.mark.parametrize(
    "page",
    [
        "/consultations/",
        "/consultations/1",
        "/consultations/1/results",
        "/consultations/1/anonymous-answers.csv",
    ],
)
def test_someone_signed_out_such_as_a_pupil_is_sent_to_sign_in(client, db, page):
    create_consultation(db, create_lead(db))
    response = client.get(page)
    assert response.status_code == 302 and response.location.startswith("/sign-in")


def test_a_lead_without_a_caseload_lands_on_their_consultations_with_a_link_to_them(client, lead):
    response = client.get("/")
    assert response.location == "/consultations/"
    page = client.get("/consultations/").text
    assert ">Consultations</a>" in page and "My children" not in page


def test_an_administrator_may_run_consultations_but_holds_no_caseload(client, db, practitioners):
    create_lead(db, "admin@school.example", "Ada Admin", role="administrator")
    practitioners.sign_in("admin@school.example")
    assert client.get("/consultations/").status_code == 200
    page = client.get("/", follow_redirects=True).text
    assert "My children" not in page and ">Consultations</a>" in page


def test_a_practitioner_sees_no_link_to_consultations(client, signed_in):
    assert ">Consultations</a>" not in client.get("/").text


def test_user_create_makes_a_consultation_lead(app, db):
    result = app.test_cli_runner().invoke(
        args=[
            "user",
            "create",
            "lead@example.org",
            "--name",
            "Lee",
            "--role",
            "consultation_lead",
            "--password",
            "a long enough password",
        ]
    )
    assert result.exit_code == 0, result.output
    assert store.users.user_by_email(db, "lead@example.org")["role"] == "consultation_lead"


# The code, the QR code and the classroom sheet


def test_the_qr_code_is_an_svg_of_the_join_address_with_the_code(client, db, lead):
    consultation_id = create_consultation(db, lead)
    code = store.consultations.consultation_by_id(db, consultation_id)["join_code"]
    response = client.get(f"/consultations/{consultation_id}/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    expected = segno.make(f"http://localhost/join/?code={code}", error="m")
    assert response.data.startswith(b"<svg")
    assert dark_modules(response.data.decode()) == dark_modules(expected.svg_inline(scale=10, border=4))


def dark_modules(svg: str) -> str:
    """The QR code's pattern: the path that draws its dark squares."""
    return re.search(r'<path[^>]*class="qrline"[^>]* d="([^"]+)"', svg).group(1)


def test_the_classroom_sheet_shows_the_address_the_code_and_the_qr_code(client, db, lead):
    consultation_id = create_consultation(db, lead)
    code = store.consultations.consultation_by_id(db, consultation_id)["join_code"]
    page = client.get(f"/consultations/{consultation_id}/sheet").text
    assert "http://localhost/join/" in page
    assert f"{code[:3]} {code[3:]}" in page
    assert f"/consultations/{consultation_id}/qr.svg" in page
    assert "You do not need to give your name" in page


def test_the_overview_counts_the_pupils_who_took_part(client, answered):
    page = client.get(f"/consultations/{answered}").text
    assert re.search(r"Pupils who have answered</dt><dd>17<", page)


# Retention


def test_retention_deletes_a_consultations_answers_a_year_after_it_closes(
    app, client, db, lead, questionnaires
):
    app.config["CONSULTATION_RETENTION_DAYS"] = 365
    expired = create_consultation(db, lead, title="Last year", opens=-400, closes=-366)
    kept = create_consultation(db, lead, title="This year", opens=-400, closes=-364)
    for consultation_id in (expired, kept):
        pupils_answer(db, questionnaires["primary"], consultation_id, None, [breakfast("yes")] * 5)
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["retention"])
    assert f"consultation {expired} (Last year): closed {days(-366)}, 5 responses" in listed.output
    assert "This year" not in listed.output
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 10
    applied = runner.invoke(args=["retention", "--apply"])
    assert "Deleted the answers of 1 consultation" in applied.output
    left = db.execute("SELECT consultation_id, COUNT(*) FROM sessions GROUP BY consultation_id").fetchall()
    assert [tuple(row) for row in left] == [(kept, 5)]
    assert store.tallies.consultation_answer_counts(db, expired) == []
    assert not db.execute(
        "SELECT 1 FROM consultation_tallies WHERE consultation_id = ?", (expired,)
    ).fetchone()
    assert (
        store.consultations.consultation_by_id(db, expired)["title"] == "Last year"
    )  # the consultation itself stays
    event = db.execute("SELECT detail FROM audit_log WHERE event = 'consultation_answers_expired'").fetchone()
    assert event and f'"consultation": {expired}' in event[0]
    page = client.get(f"/consultations/{kept}").text
    assert f"Pupils' answers will be deleted on {(TODAY + timedelta(days=1)).strftime('%-d %B %Y')}" in page


def test_retention_deletes_responses_left_with_no_answer_for_a_day(app, db, lead):
    consultation = store.consultations.consultation_by_id(db, create_consultation(db, lead))
    with write_transaction(db):
        for started_at in ("2020-01-01T00:00:00+00:00", clock.now_iso()):
            db.execute(
                "INSERT INTO sessions (questionnaire_id, questionnaire_version, started_at, consultation_id)"
                " VALUES ('primary', 1, ?, ?)",
                (started_at, consultation["id"]),
            )
    runner = app.test_cli_runner()
    assert "1 consultation response(s) with no answer for a day" in runner.invoke(args=["retention"]).output
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 2
    runner.invoke(args=["retention", "--apply"])
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1


def test_consultation_retention_is_a_year_unless_set(monkeypatch, tmp_path):
    from dayinmylife import create_app

    config = {"DATABASE": str(tmp_path / "db.sqlite3"), "SECRET_KEY": "x" * 40, "TESTING": True}
    assert create_app(config).config["CONSULTATION_RETENTION_DAYS"] == 365
    monkeypatch.setenv("DAYINMYLIFE_CONSULTATION_RETENTION_DAYS", "90")
    assert create_app(config).config["CONSULTATION_RETENTION_DAYS"] == 90
