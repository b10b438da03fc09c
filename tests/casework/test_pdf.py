"""A session's record as a PDF for the case file (WeasyPrint), opened with pypdf as a records system would:
the child and "page N of M" on every page, the app's fonts embedded, no script, nothing fetched from outside."""

import io
import subprocess
from pathlib import Path

import pypdf
import pytest

from dayinmylife import clock as app_clock
from dayinmylife import store
from dayinmylife.casework.pdf import BASE_URL, static_file

STATIC = Path(__file__).resolve().parents[2] / "static"


@pytest.fixture
def recorded(db, questionnaires, signed_in):
    child = store.children.create_child(db, signed_in, "Leo", "2019-03-14", "C-0042")
    session = store.sessions.start_session(
        db, child, questionnaires["primary"], signed_in, started_at="2026-11-13T10:00:00+00:00"
    )
    for question, day, value in (
        ("who_wakes_you", "school", "alarm"),
        ("had_breakfast", "school", "no"),
        ("safe_at_home", "once", "yes"),
        ("better_day", "once", "A dog."),
    ):
        store.sessions.save_answer(db, session, question, day, value)
    store.sessions.finish_session(db, session)
    return session


def test_a_sessions_record_downloads_as_a_pdf_headed_on_every_page(client, db, recorded):
    answer = client.get(f"/sessions/{recorded}/record.pdf")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert (
        answer.headers["Content-Disposition"]
        == 'attachment; filename="C-0042 Leo Day in my life 2026-11-13.pdf"'
    )
    assert answer.headers["Cache-Control"] == "no-store"
    pdf = pypdf.PdfReader(io.BytesIO(answer.data))
    pages = len(pdf.pages)
    for number, page in enumerate(pdf.pages, start=1):
        text = page.extract_text()
        assert "Official – Sensitive" in text and f"page {number} of {pages}" in text
        assert "Leo" in text and "C-0042" in text and "born 14 March 2019" in text
    assert pdf.metadata["/Author"] == "Day in my life" and "A dog" not in str(pdf.metadata)
    assert "Atkinson-Hyperlegible" in embedded_fonts(pdf)  # the app's own type, embedded (a subset)
    catalog = pdf.trailer["/Root"]
    assert "/OpenAction" not in catalog and "/JavaScript" not in str(catalog.get("/Names", {}))
    events = [row[0] for row in db.execute("SELECT event FROM audit_log WHERE session_id = ?", (recorded,))]
    assert "record_downloaded" in events


def test_a_record_shows_welsh_and_polish_names_and_words_as_written(client, db, questionnaires, signed_in):
    """The letters of a name or a child's own words come from the fonts' accented parts (scripts/vendor_assets.py):
    a record keeps each one, in the child's font as in the practitioner's, bold or not."""
    child = store.children.create_child(db, signed_in, "Łucja Siân Zoë Ŵyn", "2019-03-14", "C-0043")
    session = store.sessions.start_session(
        db, child, questionnaires["primary"], signed_in, started_at="2026-11-13T10:00:00+00:00"
    )
    store.sessions.save_answer(db, session, "better_day", "once", "Gęś i ŵy, café")
    store.sessions.finish_session(db, session)
    text = "".join(pdf_pages(client.get(f"/sessions/{session}/record.pdf")))
    assert "Łucja Siân Zoë Ŵyn" in text and "Gęś i ŵy, café" in text


def test_the_session_record_page_offers_the_pdf(client, recorded):
    assert f"/sessions/{recorded}/record.pdf" in client.get(f"/sessions/{recorded}/print").text


def test_a_record_reads_only_the_apps_static_files():
    assert (
        static_file(f"{BASE_URL}static/css/app.css?v=1", STATIC.resolve())
        == (STATIC / "css/app.css").resolve()
    )
    assert static_file((STATIC / "fonts/andika-400.woff2").resolve().as_uri(), STATIC.resolve()) is not None
    for elsewhere in (
        f"{BASE_URL}static/../dayinmylife/config.py",
        "file:///etc/passwd",
        "https://example.org/static/css/app.css",
        f"{BASE_URL}children/1",
    ):
        assert static_file(elsewhere, STATIC.resolve()) is None


def test_the_first_two_pages_render_as_pictures_people_can_look_at(client, recorded, tmp_path):
    """As docs/screenshots/session-pdf-*.png show (scripts/screenshots.py): pdftoppm reads the file as any
    viewer would."""
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(client.get(f"/sessions/{recorded}/record.pdf").data)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", pdf, tmp_path / "page"], check=True)
    pictures = sorted(tmp_path.glob("page-*.png"))
    assert pictures and all(picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for picture in pictures)
    assert len(pypdf.PdfReader(pdf).pages) <= 3  # this short session: its record stays short


@pytest.fixture
def followed(db, questionnaires, signed_in, recorded):
    """Leo's record grown: a second session of his own, his mother's account of the same weeks, an event."""
    child = store.sessions.session_by_id(db, recorded)["child_id"]
    for when, account, breakfast in (
        ("2026-11-20T10:00:00+00:00", "child", "no"),
        ("2026-11-21T10:00:00+00:00", "parent_carer", "yes"),
    ):
        session = store.sessions.start_session(
            db, child, questionnaires["primary"], signed_in, started_at=when, account=account
        )
        store.sessions.save_answer(db, session, "had_breakfast", "school", breakfast)
        store.sessions.finish_session(db, session)
    store.chronology.add_significant_event(
        db,
        child,
        signed_in,
        "2026-11-16",
        "Missed dentist appointment",
        "Health visitor",
        "Toothache at school",
    )
    return child


def pdf_pages(answer) -> list[str]:
    """The text of each page of a PDF record, after checking what every record must be: a PDF with the app's
    fonts embedded, and nothing that runs."""
    assert answer.status_code == 200 and answer.mimetype == "application/pdf", answer.status_code
    pdf = pypdf.PdfReader(io.BytesIO(answer.data))
    assert "Atkinson-Hyperlegible" in embedded_fonts(pdf)
    catalog = pdf.trailer["/Root"]
    assert "/OpenAction" not in catalog and "/JavaScript" not in str(catalog.get("/Names", {}))
    return [page.extract_text() for page in pdf.pages]


def embedded_fonts(pdf: pypdf.PdfReader) -> set[str]:
    """The fonts a PDF carries, by name without the subset's prefix."""
    return {
        font.get_object()["/BaseFont"].split("+")[-1]
        for page in pdf.pages
        for font in page["/Resources"].get("/Font", {}).values()
        if "/FontDescriptor" in font.get_object() or "/DescendantFonts" in font.get_object()
    }


@pytest.mark.parametrize(
    ("url", "kind", "named", "shows", "at_most"),
    [
        ("/children/{child}/compare/record.pdf", "Two sessions compared", "compared", "What changed most", 2),
        ("/children/{child}/history/record.pdf", "All sessions over time", "over time", "Feelings over time", 2),
        ("/children/{child}/accounts/record.pdf", "Accounts side by side", "accounts side by side",
         "A parent's or carer's account", 1),
        ("/children/{child}/everything.pdf", "Everything held", "everything held", "Missed dentist", 4),
        ("/children/{child}/chronology.pdf", "Chronology", "chronology", "Toothache at school", 1),
    ],
)  # fmt: skip
def test_every_record_of_a_child_downloads_as_a_pdf_headed_on_every_page(
    client, db, followed, url, kind, named, shows, at_most
):
    answer = client.get(url.format(child=followed))
    pages = pdf_pages(answer)
    assert answer.headers["Content-Disposition"] == (
        f'attachment; filename="C-0042 Leo Day in my life {named} {app_clock.today().isoformat()}.pdf"'
    )
    for number, text in enumerate(pages, start=1):
        assert "Official – Sensitive" in text and f"page {number} of {len(pages)}" in text
        assert (
            "Leo · born 14 March 2019 · C-0042" in text
            and f"{kind} · printed " in text
            and "Sam Taylor" in text
        )
    whole = " ".join(pages)
    assert shows in whole
    assert "Add a significant event" not in whole and "Skip to the main content" not in whole  # no forms
    assert len(pages) <= at_most  # a short record stays short
    assert (
        db.execute(
            "SELECT count(*) FROM audit_log WHERE child_id = ? AND event IN ('record_downloaded', 'child_exported')",
            (followed,),
        ).fetchone()[0]
        == 1
    )


def test_the_chronology_pdf_is_the_timeline_as_chosen(client, followed):
    only_events = pdf_pages(client.get(f"/children/{followed}/chronology.pdf?kind=event&order=oldest"))
    whole = " ".join(only_events)
    assert "Missed dentist appointment" in whole and "Showing: Significant events." in whole
    assert "1 entry shown of" in whole and "Open the session" not in whole


def test_each_record_page_offers_its_pdf(client, followed, recorded):
    assert f"/sessions/{recorded}/record.pdf" in client.get(f"/sessions/{recorded}").text
    assert f"/children/{followed}/compare/record.pdf" in client.get(f"/children/{followed}/compare").text
    assert (
        f"/children/{followed}/history/record.pdf" in client.get(f"/children/{followed}/history/print").text
    )
    accounts = client.get(f"/children/{followed}/accounts").text
    assert (
        f"/children/{followed}/accounts/record.pdf?child=2&amp;parent_carer=3&amp;practitioner=none"
        in accounts
    )
    assert f"/children/{followed}/everything.pdf" in client.get(f"/children/{followed}/everything").text
    chronology = client.get(f"/children/{followed}/chronology?kind=event&since=2026-01-01").text
    assert f"/children/{followed}/chronology.pdf?kind=event&amp;since=2026-01-01" in chronology


def test_another_practitioners_child_has_no_pdf_to_give(client, practitioners, followed, recorded):
    practitioners.create("ana@example.org", "Ana Lopes")
    practitioners.post("/sign-out", token_from="/")
    practitioners.sign_in("ana@example.org")
    for url in (
        f"/sessions/{recorded}/record.pdf",
        f"/children/{followed}/chronology.pdf",
        f"/children/{followed}/everything.pdf",
        f"/children/{followed}/history/record.pdf",
    ):
        answer = client.get(url)
        assert answer.status_code == 404 and answer.mimetype != "application/pdf"


def test_a_childs_own_words_in_urdu_are_in_the_pdf_in_nastaliq(client, db, questionnaires, signed_in):
    child = store.children.create_child(db, signed_in, "Zara", "2016-05-02", "C-0077")
    session = store.sessions.start_session(db, child, questionnaires["primary"], signed_in, language="ur")
    store.sessions.save_answer(db, session, "better_day", "once", "ناشتہ ہر دن")
    store.sessions.finish_session(db, session)
    answer = client.get(f"/sessions/{session}/record.pdf")
    pdf = pypdf.PdfReader(io.BytesIO(answer.data))
    assert "Noto-Nastaliq-Urdu" in embedded_fonts(pdf)  # subset, like every font a record carries
