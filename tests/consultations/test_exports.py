"""A consultation's exports: the results and the anonymous answers as CSV, safe for spreadsheets and small groups."""

import csv
import io

import pytest

from dayinmylife.consultations.exports import csv_safe, group_labels
from dayinmylife.consultations.results import Group
from tests.consultations.helpers import breakfast, create_consultation, group_ids, pupils_answer

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
