"""A printable record as a PDF for the case file, made on the server by WeasyPrint from the same page the
browser prints: every page headed with the child and numbered "page N of M" (static/css/record-pdf.css)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from flask import current_app

BASE_URL = "http://record.invalid/"  # a record's links to /static/… resolve here, then to files on disk
STATIC_PREFIX = "/static/"


def record_pdf(html: str) -> bytes:
    """The page as an A4 PDF (PDF/A-2b, for records systems), its fonts and pictures embedded."""
    from weasyprint import HTML  # imported when a PDF is asked for: it loads Pango, which pages never need

    fetcher = _static_files_fetcher(Path(current_app.static_folder).resolve())
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/a-2b")


def static_file(url: str, static: Path) -> Path | None:
    """The file of the app's static folder a record's link names, or None for anything else."""
    path = urlparse(url).path
    if url.startswith(BASE_URL) and path.startswith(STATIC_PREFIX):
        wanted = (static / path.removeprefix(STATIC_PREFIX)).resolve()
    elif url.startswith("file://"):  # what a stylesheet read from disk links to, relative to itself
        wanted = Path(path).resolve()
    else:
        return None
    return wanted if static in wanted.parents else None


def _static_files_fetcher(static: Path):
    """Only the app's own static files, read from disk: a record never fetches anything from the network."""
    from weasyprint.urls import URLFetcher

    class StaticFiles(URLFetcher):
        def fetch(self, url, headers=None):
            wanted = static_file(url, static)
            if wanted is None:
                raise ValueError(f"a record fetches only the app's static files, not {url}")
            return super().fetch(wanted.as_uri(), headers)

    return StaticFiles(allowed_protocols={"file"})


def safe_filename(filename: str) -> str:
    """A file name a browser keeps as it is: no quotes, slashes or control characters."""
    return "".join(c for c in filename if c.isprintable() and c not in '"\\/').strip()
