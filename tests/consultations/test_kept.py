"""Results counted ahead (consultations/kept.py): a consultation across more schools than its lead could wait for
is counted by `flask consultations count`, and its pages show what was counted, exactly as they would have
shown it counted while the lead waited, and never keep a hidden count."""

import json
import re
from datetime import timedelta

import pytest

from dayinmylife import clock, store
from dayinmylife.consultations import kept
from tests.conftest import Practitioners
from tests.consultations.helpers import breakfast, create_lead, pupils_answer
from tests.consultations.test_schools import _answered, _counts

LIVE = "Counted on"


@pytest.fixture
def consultation(db, lead, questionnaires):
    """The three schools of test_schools (29 pupils), and the addresses of its pages at each level."""
    consultation_id, schools = _answered(db, lead, questionnaires)
    hillside = schools["Hillside Primary"]
    results = f"/consultations/{consultation_id}/results"
    pages = (
        results,
        f"{results}?group={hillside['id']}",
        f"{results}?group={hillside['id']}&class={hillside['classes']['5A']}",
        f"{results}?group={schools['Brook Lane']['id']}",
        f"/consultations/{consultation_id}/results.csv",
        f"/consultations/{consultation_id}/results.csv?group={hillside['id']}",
    )
    return consultation_id, schools, pages


@pytest.fixture
def counted_ahead(monkeypatch):
    """Counted ahead from more than 2 schools (the three schools are then a country)."""
    monkeypatch.setattr(kept, "COUNTED_AHEAD_OVER", 2)


def count(app) -> str:
    answer = app.test_cli_runner().invoke(args=["consultations", "count"])
    assert answer.exit_code == 0, answer.output
    return answer.output


def read(client, page: str) -> tuple[int, str]:
    """A page read whole (a CSV is streamed: read before the next request) as `as_shown`."""
    response = client.get(page)
    return response.status_code, as_shown(response.get_data(as_text=True))


def as_shown(text: str) -> str:
    """A page without what differs from one request to the next, or says when it was counted."""
    text = re.sub(r'<p class="notice notice--info" id="counted-at">.*?</p>', "", text, flags=re.S)
    text = re.sub(r'(name="csrf_token" value|seconds-left)="[^"]+"', "", text)
    return re.sub(r"\s+", " ", text)


def test_counted_ahead_its_pages_say_what_they_would_have_said_counted_while_the_lead_waits(
    app, practitioners, consultation, monkeypatch
):
    _id, _schools, pages = consultation
    while_waiting = [read(practitioners.client, page)[1] for page in pages]
    monkeypatch.setattr(kept, "COUNTED_AHEAD_OVER", 2)
    waiting = practitioners.client.get(pages[0])
    assert waiting.status_code == 200 and "These results are being counted." in waiting.text
    assert "pupils answered" not in waiting.text and "Do you have breakfast?" not in waiting.text
    assert practitioners.client.get(pages[4]).status_code == 404  # nothing to download until counted

    assert count(app).splitlines()[-1] == "1 consultation(s) counted."
    assert [read(practitioners.client, page) for page in pages] == [(200, page) for page in while_waiting]
    whole = practitioners.client.get(pages[0]).text
    assert "29 pupils answered" in whole and LIVE in whole


def test_answers_since_the_count_are_in_the_next(
    app, db, practitioners, consultation, counted_ahead, questionnaires
):
    consultation_id, schools, pages = consultation
    count(app)
    brook = schools["Brook Lane"]["classes"]["5A"]
    pupils_answer(db, questionnaires["primary"], consultation_id, brook, [breakfast("yes")] * 5)
    page = practitioners.client.get(pages[0]).text
    assert "29 pupils answered" in page
    assert "answers given since then will be in the next count" in page
    assert "consultation(s) counted" in count(app)  # open: counted again every time
    assert "34 pupils answered" in practitioners.client.get(pages[0]).text


def test_a_count_after_it_closed_is_final_until_it_opens_again(
    app, db, practitioners, consultation, counted_ahead
):
    consultation_id, _schools, pages = consultation
    count(app)
    assert practitioners.post(f"/consultations/{consultation_id}/close").status_code == 302
    assert "1 consultation(s) counted." in count(app)  # counted once more after closing
    page = practitioners.client.get(pages[0]).text
    assert "after the consultation closed: these are its final results" in page
    assert count(app).strip() == "0 consultation(s) counted."
    assert practitioners.post(f"/consultations/{consultation_id}/reopen").status_code == 302
    assert "1 consultation(s) counted." in count(app)


def test_a_consultation_across_fewer_schools_or_not_open_yet_is_not_counted_ahead(app, db, consultation):
    consultation_id, _schools, _pages = consultation
    assert count(app).strip() == "0 consultation(s) counted."  # three schools: counted while its lead waits
    store.consultations.change_consultation(
        db, consultation_id, {"opens_on": (clock.today() + timedelta(days=1)).isoformat()}
    )
    kept.COUNTED_AHEAD_OVER, before = 2, kept.COUNTED_AHEAD_OVER
    try:
        assert count(app).strip() == "0 consultation(s) counted."  # nobody can have answered yet
    finally:
        kept.COUNTED_AHEAD_OVER = before


def test_what_is_kept_is_what_the_pages_show_and_never_a_hidden_count(app, db, consultation, counted_ahead):
    consultation_id, schools, _pages = consultation
    count(app)
    rows = db.execute(
        "SELECT column_key, shown FROM consultation_results_kept WHERE consultation_id = ?",
        (consultation_id,),
    ).fetchall()
    reported = {schools[name]["id"] for name in ("Hillside Primary", "Brook Lane", "Little Acorns")}
    assert {column for column, _shown in rows} == {0} | reported  # the whole, and each school shown
    cells = [
        cell for _column, shown in rows for _name, table in json.loads(shown)["tables"] for cell in table
    ]
    assert cells and all((count is None) == (status != "shown") for _row, status, count in cells)
    assert any(status != "shown" for _row, status, _count in cells)  # this consultation does hide some


def test_erasing_a_consultation_s_answers_forgets_its_results_as_counted(
    app, db, consultation, counted_ahead
):
    consultation_id, _schools, _pages = consultation
    count(app)
    store.consultations.erase_consultation_responses(db, consultation_id)
    assert store.kept_results.kept(db, consultation_id, ()) is None
    count(app)
    assert store.kept_results.kept(db, consultation_id, ()) is not None  # counted again: now nobody


def test_another_lead_cannot_see_results_counted_ahead(app, db, consultation, counted_ahead):
    _id, _schools, pages = consultation
    count(app)
    other = Practitioners(app.test_client(), db)
    create_lead(db, email="other@school.example")
    other.sign_in("other@school.example")
    assert {other.client.get(page).status_code for page in pages} == {404}


def test_a_school_s_classes_are_read_alone(db, consultation):
    consultation_id, schools, _pages = consultation
    hillside = schools["Hillside Primary"]
    sizes, rows = store.tallies.class_counts(db, consultation_id, hillside["id"])
    assert sizes == {hillside["classes"]["5A"]: 8, hillside["classes"]["5B"]: 6}
    every = store.tallies.consultation_answer_counts(db, consultation_id)
    classes = set(sizes)
    assert rows == [
        (*row[:3], {group: n for group, n in row[3].items() if group in classes})
        for row in every
        if classes & set(row[3])
    ]


def test_counted_ahead_a_class_page_shows_the_class(app, practitioners, consultation, counted_ahead):
    _id, _schools, pages = consultation
    count(app)
    school, class_page = (practitioners.client.get(page).text for page in pages[1:3])
    assert "Results: Hillside Primary, 5A" in class_page and _counts(class_page) != _counts(school)


def test_a_school_asked_for_that_is_no_school_shows_the_whole(
    app, practitioners, consultation, counted_ahead
):
    _id, _schools, pages = consultation
    count(app)
    whole = read(practitioners.client, pages[0])
    for asked in ("99999", "9" * 40, "x", "-1"):
        assert read(practitioners.client, f"{pages[0]}?group={asked}") == whole
