"""School consultations for their lead: creating one, its code and QR code, the results, comments and exports."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
import segno

from dayinmylife import clock, store
from dayinmylife.consultations.codes import JOIN_CODE_ALPHABET, make_join_code
from dayinmylife.consultations.exports import csv_safe, group_labels
from dayinmylife.consultations.results import Group
from dayinmylife.store.db import connect, write_transaction
from dayinmylife.store.migrations import migrations
from tests.conftest import PASSWORD_HASH

TODAY = date.today()


def days(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


def create_lead(db, email="priya@school.example", name="Priya Shah", role="consultation_lead") -> int:
    return store.users.create_user(db, email, name, PASSWORD_HASH, role)


def create_consultation(db, lead_id, groups=("5 Oak", "5 Ash"), opens=-1, closes=7, **details) -> int:
    details = {
        "title": "Year 5: a day in my life",
        "questionnaire_id": "primary",
        "opens_on": days(opens),
        "closes_on": days(closes),
        "min_group_size": 5,
        "max_responses": 2000,
        **details,
    }
    return store.consultations.create_consultation(db, lead_id, details, list(groups), make_join_code)


@pytest.fixture
def lead(db, practitioners):
    """A signed-in consultation lead; returns their user id."""
    lead_id = create_lead(db)
    practitioners.sign_in("priya@school.example")
    return lead_id


def pupils_answer(db, questionnaire, consultation_id, group_id, answers_each: list[dict]):
    """Store finished responses, one per dict of {(question id, day): value}."""
    store.consultations.add_consultation_responses(
        db,
        consultation_id,
        questionnaire,
        [
            {
                "group_id": group_id,
                "started_at": "2026-03-02T10:00:00+00:00",
                "finished_at": "2026-03-02T10:12:00+00:00",
                "answers": answers,
            }
            for answers in answers_each
        ],
    )


def breakfast(school, weekend_differs="no", weekend=None) -> dict:
    answers = {("had_breakfast", "school"): school, ("breakfast.weekend_different", "once"): weekend_differs}
    if weekend is not None:
        answers[("had_breakfast", "weekend")] = weekend
    return answers


def group_ids(db, consultation_id) -> dict[str, int]:
    return {
        group["name"]: group["id"] for group in store.consultations.consultation_groups(db, consultation_id)
    }


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
        ({"max_responses": "0"}, "from 1 to 20000"),
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


# Results


@pytest.fixture
def answered(db, lead, questionnaires):
    """A consultation with 5 Oak (8 pupils), 5 Ash (6) and a nurture group of 3 answering about breakfast."""
    consultation_id = create_consultation(db, lead, groups=("5 Oak", "5 Ash", "Nurture"))
    ids = group_ids(db, consultation_id)
    primary = questionnaires["primary"]
    pupils_answer(
        db,
        primary,
        consultation_id,
        ids["5 Oak"],
        [breakfast("yes")] * 6 + [breakfast("no", "yes", "no")] * 2,
    )
    pupils_answer(
        db, primary, consultation_id, ids["5 Ash"], [breakfast("yes", "yes", "no")] * 5 + [breakfast("no")]
    )
    pupils_answer(db, primary, consultation_id, ids["Nurture"], [breakfast("no")] * 3)
    return consultation_id


def table_after(page: str, heading: str) -> str:
    return page.split(heading, 1)[1].split("</table>", 1)[0]


def test_results_show_counts_and_percentages_school_day_beside_weekend(client, answered):
    page = client.get(f"/consultations/{answered}/results").text
    assert "17 pupils answered" in page
    breakfast_table = table_after(page, "Do you have breakfast?")
    assert "On a school day" in breakfast_table and "At the weekend" in breakfast_table
    yes_row = breakfast_table.split(">Yes</th>", 1)[1].split("</tr>", 1)[0]
    assert re.findall(r"<td[^>]*>([^<]*)</td>", yes_row)[:2] == ["11", "65%"]
    assert 'role="img"' in page and "<title id=" in page and "<desc id=" in page


def test_a_count_under_the_minimum_is_shown_as_fewer_than_it_never_as_the_number(client, db, answered):
    page = client.get(f"/consultations/{answered}/results?group={group_ids(db, answered)['5 Oak']}").text
    breakfast_table = table_after(page, "Do you have breakfast?")
    no_row = breakfast_table.split(">No</th>", 1)[1].split("</tr>", 1)[0]
    assert "fewer than 5" in no_row
    assert not re.search(r">\s*2\s*<", no_row)


def first_count(page: str, question: str, answer: str) -> str:
    row = table_after(page, question).split(f">{answer}</th>", 1)[1].split("</tr>", 1)[0]
    return re.findall(r"<td[^>]*>([^<]*)</td>", row)[0]


def test_a_group_too_small_is_not_reported_and_cannot_be_worked_out_from_the_whole(client, db, answered):
    ids = group_ids(db, answered)
    whole = client.get(f"/consultations/{answered}/results").text
    assert "Not shown on its own" in whole and "Nurture" in whole
    assert f"group={ids['Nurture']}" not in whole
    # 8 in Oak, 6 in Ash, 17 in all: one class's number is hidden too, else 17 - 8 - 6 = the nurture group's 3
    assert '5 Oak <span class="muted">(8)</span>' in whole or '5 Ash <span class="muted">(6)</span>' in whole
    assert not ("(8)</span>" in whole and "(6)</span>" in whole)
    assert client.get(f"/consultations/{answered}/results?group={ids['Nurture']}").text.count(
        "<h1>Results</h1>"
    )
    pages = [whole] + [
        client.get(f"/consultations/{answered}/results?group={ids[name]}").text for name in ("5 Oak", "5 Ash")
    ]
    for answer in ("Yes", "No"):
        whole_count, oak, ash = (first_count(page, "Do you have breakfast?", answer) for page in pages)
        assert not (whole_count.isdigit() and oak.isdigit() and ash.isdigit()), answer  # whole - Oak - Ash
    # Nobody at all: a 0 is under the minimum too, so it reads "fewer than 5" like any small count.
    assert first_count(whole, "Who wakes you up?", "An alarm") == "fewer than 5"


def test_a_follow_up_everyone_in_a_class_answered_does_not_say_that_none_of_them_went_without(
    client, db, lead, questionnaires
):
    """ "Who gets your breakfast?" is asked of everyone who did not say "no" to breakfast. All 20 of 5 Oak
    answered it, so if the page showed both that 20 and 5 Oak's 20 pupils, anyone could tell that no one in
    5 Oak goes without breakfast, though the page says only "fewer than 5"."""
    consultation_id = create_consultation(db, lead, groups=("5 Oak", "5 Ash"))
    ids = group_ids(db, consultation_id)

    def fed(by):
        return {**breakfast("yes"), ("who_makes_breakfast", "school"): by}

    oak = [fed("grown_up")] * 8 + [fed("myself")] * 6 + [fed("brother_or_sister")] * 6
    primary = questionnaires["primary"]
    pupils_answer(db, primary, consultation_id, ids["5 Oak"], oak)
    pupils_answer(db, primary, consultation_id, ids["5 Ash"], [fed("grown_up")] * 7 + [breakfast("no")] * 3)
    page = client.get(f"/consultations/{consultation_id}/results?group={ids['5 Oak']}").text
    assert first_count(page, "Do you have breakfast?", "No") == "fewer than 5"
    oak_pupils_shown = '5 Oak <span class="muted">(20)</span>' in page
    who_answered = first_count(page, "Who gets your breakfast?", "Pupils who answered").strip()
    assert not (oak_pupils_shown and who_answered == "20")


def test_results_for_one_group_are_that_groups_alone(client, db, answered):
    oak = group_ids(db, answered)["5 Oak"]
    page = client.get(f"/consultations/{answered}/results?group={oak}").text
    assert "<h1>Results: 5 Oak</h1>" in page
    assert 'aria-current="page">5 Oak' in page


def test_an_unknown_group_shows_the_whole_consultation(client, answered):
    page = client.get(f"/consultations/{answered}/results?group=999999").text
    assert "<h1>Results</h1>" in page


def test_results_wait_until_enough_pupils_have_answered(client, db, lead, questionnaires):
    consultation_id = create_consultation(db, lead, groups=())
    pupils_answer(db, questionnaires["primary"], consultation_id, None, [breakfast("yes")] * 3)
    page = client.get(f"/consultations/{consultation_id}/results").text
    assert "Fewer than 5 pupils have answered so far" in page
    assert "Do you have breakfast?" not in page


def test_results_of_a_consultation_nobody_has_joined_yet(client, db, lead):
    consultation_id = create_consultation(db, lead)
    assert client.get(f"/consultations/{consultation_id}/results").status_code == 200


# Pupils' own words


def test_own_words_are_listed_with_what_to_do_if_a_child_may_be_at_risk(client, db, answered, questionnaires):
    ids = group_ids(db, answered)
    words = {("better_day", "once"): "If there was food for tea."}
    pupils_answer(db, questionnaires["primary"], answered, ids["5 Oak"], [words])
    pupils_answer(
        db, questionnaires["primary"], answered, ids["Nurture"], [{("better_day", "once"): "More play."}]
    )
    page = client.get(f"/consultations/{answered}/comments").text
    assert "If a comment suggests a child may be at risk" in page
    assert "designated safeguarding lead the same day" in page
    assert "If there was food for tea." in page and "More play." in page
    # One group too small to report: a label on the others would name it, so no comment is labelled.
    assert "Group:" not in page and "Nurture" not in page


def test_own_words_of_small_groups_share_one_label_in_an_order_that_says_nothing_of_when(
    client, db, lead, questionnaires
):
    consultation_id = create_consultation(db, lead, groups=("5 Oak", "Nurture", "Elm"))
    ids = group_ids(db, consultation_id)
    primary = questionnaires["primary"]
    pupils_answer(db, primary, consultation_id, ids["5 Oak"], [{("better_day", "once"): "Zebras."}] * 5)
    pupils_answer(db, primary, consultation_id, ids["Nurture"], [{("better_day", "once"): "More play."}] * 3)
    pupils_answer(db, primary, consultation_id, ids["Elm"], [{("better_day", "once"): "A dog."}] * 2)
    page = client.get(f"/consultations/{consultation_id}/comments").text
    assert "Group: 5 Oak" in page and "Group: Other groups together" in page
    assert "Nurture" not in page and "Elm" not in page
    assert page.index("A dog.") < page.index("More play.") < page.index("Zebras.")
    assert "2 March 2026" in page and "10:12" not in page and "UTC" not in page


# Exports


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_the_results_export_holds_what_the_page_shows_and_no_small_number(client, answered):
    response = client.get(f"/consultations/{answered}/results.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0][:4] == ["Part of the day", "Question", "Day", "Answer"]
    assert "Nurture: pupils" not in rows[0]
    no_school = next(
        row
        for row in rows
        if row[1] == "Do you have breakfast?" and row[2] == "school day" and row[3] == "No"
    )
    assert no_school[6] == no_school[8] == "fewer than 5"  # 5 Oak and 5 Ash: so the whole gives nothing away
    numbers = [int(cell) for row in rows[1:] for cell in row[4::2] if cell.isdigit()]
    assert numbers and all(number == 0 or number >= 5 for number in numbers)


def test_every_export_is_in_the_audit_log(client, db, answered):
    client.get(f"/consultations/{answered}/results.csv")
    client.get(f"/consultations/{answered}/anonymous-answers.csv")
    events = db.execute(
        "SELECT event, actor, detail FROM audit_log WHERE event = 'consultation_exported'"
    ).fetchall()
    assert [(row[1], row[2]) for row in events] == [
        ("priya@school.example", f'{{"consultation": {answered}, "what": "results"}}'),
        ("priya@school.example", f'{{"consultation": {answered}, "what": "anonymous-answers"}}'),
    ]


def test_the_anonymous_answers_export_has_a_row_per_pupil_and_nothing_to_trace_them(client, db, answered):
    rows = read_csv(client.get(f"/consultations/{answered}/anonymous-answers.csv"))
    header, body = rows[0], rows[1:]
    assert len(body) == 17
    numbers = [int(row[0]) for row in body]
    session_ids = {row[0] for row in db.execute("SELECT id FROM sessions")}
    assert len(set(numbers)) == 17 and not set(numbers) & session_ids and all(n >= 100000 for n in numbers)
    # The nurture group alone is too small: a blank beside 5 Oak and 5 Ash would be its 3 pupils' rows.
    assert "Group (only where reported)" not in header
    assert not {"5 Oak", "5 Ash", "Nurture"} & {cell for row in body for cell in row}
    column = header.index("Do you have breakfast? (school day)")
    assert sorted(row[column] for row in body).count("No") == 6


def test_a_pupils_words_that_look_like_a_formula_never_run_in_a_spreadsheet(
    client, db, answered, questionnaires
):
    ids = group_ids(db, answered)
    pupils_answer(
        db,
        questionnaires["primary"],
        answered,
        ids["5 Oak"],
        [{("better_day", "once"): '=HYPERLINK("http://x.example","hi")'}]
        + [{("better_day", "once"): "Toast."}] * 9,
    )
    rows = read_csv(client.get(f"/consultations/{answered}/anonymous-answers.csv"))
    column = rows[0].index("In your own words, what would make your day better? (any day)")
    written = [row[column] for row in rows[1:] if row[column] != "Toast." and row[column]]
    assert written == ['\'=HYPERLINK("http://x.example","hi")']


def test_the_anonymous_answers_wait_until_the_results_show_something(client, db, lead, questionnaires):
    consultation_id = create_consultation(db, lead, groups=())
    pupils_answer(db, questionnaires["primary"], consultation_id, None, [breakfast("yes")] * 4)
    assert "anonymous-answers.csv" not in client.get(f"/consultations/{consultation_id}/results").text
    assert client.get(f"/consultations/{consultation_id}/anonymous-answers.csv").status_code == 404
    pupils_answer(db, questionnaires["primary"], consultation_id, None, [breakfast("yes")])
    page = client.get(f"/consultations/{consultation_id}/results").text
    assert "anonymous-answers.csv" in page
    assert "no names, times or dates" in page and "at least 10 pupils wrote" in page
    assert client.get(f"/consultations/{consultation_id}/anonymous-answers.csv").status_code == 200


def test_groups_too_small_to_report_share_one_label_in_the_anonymous_answers(
    client, db, lead, questionnaires
):
    consultation_id = create_consultation(db, lead, groups=("5 Oak", "5 Ash", "Nurture", "Elm"))
    ids = group_ids(db, consultation_id)
    for name, pupils in (("5 Oak", 8), ("5 Ash", 6), ("Nurture", 3), ("Elm", 2)):
        pupils_answer(db, questionnaires["primary"], consultation_id, ids[name], [breakfast("yes")] * pupils)
    rows = read_csv(client.get(f"/consultations/{consultation_id}/anonymous-answers.csv"))
    assert rows[0][1] == "Group (only where reported)"
    labels = [row[1] for row in rows[1:]]
    assert {label: labels.count(label) for label in labels} == {
        "5 Oak": 8,
        "5 Ash": 6,
        "Other groups together": 5,
    }


@pytest.mark.parametrize(
    "small, labelled",
    [
        ({"Nurture": 3, "Elm": 2}, True),  # together 5: enough to share a label
        ({"Nurture": 2, "Elm": 2}, False),  # together 4: a label would point at 4 pupils
        ({"Nurture": 4}, False),  # one group: its label, or a blank, would name it
        ({}, True),
    ],
)
def test_a_group_column_only_when_no_small_group_can_be_read_from_it(small, labelled):
    groups = [Group(1, "5 Oak", 8, True), Group(2, "5 Ash", 6, True)]
    groups += [Group(3 + n, name, size, False) for n, (name, size) in enumerate(small.items())]
    labels = group_labels(tuple(groups), 5)
    assert (labels is not None) == labelled
    if labels:
        assert not set(small) & set(labels.values())


def test_a_consultation_without_groups_has_no_group_column():
    assert group_labels((Group(None, "", 12, True),), 5) is None


def test_own_words_are_exported_only_where_at_least_10_pupils_wrote(client, db, answered, questionnaires):
    oak = group_ids(db, answered)["5 Oak"]
    pupils_answer(db, questionnaires["primary"], answered, oak, [{("better_day", "once"): "Toast."}] * 9)
    question = "In your own words, what would make your day better? (any day)"
    assert question not in read_csv(client.get(f"/consultations/{answered}/anonymous-answers.csv"))[0]
    pupils_answer(db, questionnaires["primary"], answered, oak, [{("better_day", "once"): "Jam."}])
    assert question in read_csv(client.get(f"/consultations/{answered}/anonymous-answers.csv"))[0]


@pytest.mark.parametrize(
    "text, safe",
    [
        ("=1+2", "'=1+2"),
        ("+44 7700", "'+44 7700"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Toast", "Toast"),
        (12, "12"),
        (None, ""),
    ],
)
def test_cells_are_made_safe_for_spreadsheets(text, safe):
    assert csv_safe(text) == safe


# The database: the rebuilt sessions table and the tallies


def test_making_sessions_ready_for_consultations_keeps_every_answer_of_the_previous_schema(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = connect(path)
    migrations.apply(db, stop_before="m003_consultations")
    with write_transaction(db):
        db.execute(
            "INSERT INTO users (email, name, password_hash, created_at) VALUES ('s@x', 'Sam', 'h', 'now')"
        )
        db.execute(
            "INSERT INTO children (display_name, date_of_birth, created_at) VALUES ('Leo', '2019-01-01', 'now')"
        )
        for n in range(3):
            db.execute(
                "INSERT INTO sessions (child_id, questionnaire_id, questionnaire_version, started_by, started_at) VALUES (1, 'primary', 1, 1, ?)",
                (f"2026-0{n + 1}-01",),
            )
            for question in ("who_wakes_you", "had_breakfast", "better_day"):
                db.execute(
                    "INSERT INTO answers (session_id, question_id, day, value, saved_at) VALUES (?, ?, 'school', '\"yes\"', 'now')",
                    (n + 1, question),
                )
        db.execute("INSERT INTO notes (session_id, text, created_at) VALUES (2, 'kept', 'now')")
    columns = "session_id, question_id, day, value, skipped, source, saved_at"
    before = [tuple(row) for row in db.execute(f"SELECT {columns} FROM answers ORDER BY 1, 2, 3")]
    migrations.apply(db)
    assert [tuple(row) for row in db.execute(f"SELECT {columns} FROM answers ORDER BY 1, 2, 3")] == before
    assert len(before) == 9
    assert db.execute("SELECT text FROM notes").fetchone()[0] == "kept"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    indexes = {
        row[0]
        for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions'")
    }
    assert {"sessions_by_child", "sessions_by_consultation"} <= indexes
    with write_transaction(db):  # the cascade still works after the rebuild
        db.execute("DELETE FROM children")
    assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0
    db.conn.close()


def test_a_session_is_a_childs_or_a_consultation_response_never_both_nor_neither(db):
    with pytest.raises(Exception, match="CHECK"), write_transaction(db):
        db.execute(
            "INSERT INTO sessions (questionnaire_id, questionnaire_version, started_at) VALUES ('primary', 1, 'now')"
        )


def test_the_tallies_always_equal_a_fresh_count_of_the_answers(db, questionnaires):
    lead_id = create_lead(db)
    consultation_id = create_consultation(db, lead_id)
    consultation = store.consultations.consultation_by_id(db, consultation_id)
    oak = group_ids(db, consultation_id)["5 Oak"]
    first = store.consultations.start_consultation_response(
        db, consultation, questionnaires["primary"], oak, "en"
    )
    second = store.consultations.start_consultation_response(
        db, consultation, questionnaires["primary"], None, "en"
    )
    store.sessions.save_answer(db, first, "had_breakfast", "school", "yes")
    store.sessions.save_answer(db, second, "had_breakfast", "school", "yes")
    store.sessions.save_answer(db, second, "breakfast_food", "school", ["toast", "fruit"])
    store.sessions.save_answer(db, first, "had_breakfast", "school", "no")  # changed
    store.sessions.save_answer(db, first, "who_wakes_you", "school", None)  # skipped
    assert store.consultations.consultation_answer_counts(
        db, consultation_id
    ) == store.consultations.consultation_answer_recount(db, consultation_id)
    with write_transaction(db):
        db.execute("DELETE FROM sessions WHERE id = ?", (second,))
    counts = store.consultations.consultation_answer_counts(db, consultation_id)
    assert counts == store.consultations.consultation_answer_recount(db, consultation_id)
    assert ("had_breakfast", "school", '"no"', {oak: 1}) in counts and len(counts) == 2


def test_the_tallies_count_what_was_answered_before_they_existed(tmp_path, questionnaires):
    db = connect(tmp_path / "before.sqlite3")
    migrations.apply(db, stop_before="m007_consultation_tallies")
    lead_id = create_lead(db)
    consultation_id = create_consultation(db, lead_id)
    pupils_answer(
        db,
        questionnaires["primary"],
        consultation_id,
        group_ids(db, consultation_id)["5 Ash"],
        [breakfast("yes")] * 4,
    )
    migrations.apply(db)
    assert store.consultations.consultation_answer_counts(
        db, consultation_id
    ) == store.consultations.consultation_answer_recount(db, consultation_id)
    assert (
        "had_breakfast",
        "school",
        '"yes"',
        {group_ids(db, consultation_id)["5 Ash"]: 4},
    ) in store.consultations.consultation_answer_counts(db, consultation_id)
    db.conn.close()


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
    assert store.consultations.consultation_answer_counts(db, expired) == []
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
