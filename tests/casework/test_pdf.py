"""A session's record as a PDF for the case file (WeasyPrint), opened with pypdf as a records system would:
the child and "page N of M" on every page, the app's fonts embedded, no script, nothing fetched from outside."""

import io
import subprocess
from pathlib import Path

import pypdf
import pytest

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
    fonts = {
        font.get_object()["/BaseFont"].split("+")[-1]
        for page in pdf.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }
    assert "Atkinson-Hyperlegible" in fonts  # the app's own type, embedded (a subset)
    catalog = pdf.trailer["/Root"]
    assert "/OpenAction" not in catalog and "/JavaScript" not in str(catalog.get("/Names", {}))
    events = [row[0] for row in db.execute("SELECT event FROM audit_log WHERE session_id = ?", (recorded,))]
    assert "record_downloaded" in events


def test_the_session_record_page_offers_the_pdf(client, recorded):
    assert f"/sessions/{recorded}/record.pdf" in client.get(f"/sessions/{recorded}/print").text


def test_a_record_reads_only_the_apps_static_files():
    assert (
        static_file(f"{BASE_URL}static/css/app.css?v=1", STATIC.resolve())
        == (STATIC / "css/app.css").resolve()
    )
    assert static_file((STATIC / "fonts/fonts.css").resolve().as_uri(), STATIC.resolve()) is not None
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
