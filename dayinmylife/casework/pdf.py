"""A printable record as a PDF for the case file, made on the server by WeasyPrint from the same page the
browser prints: every page headed with the child and numbered "page N of M" (static/css/record-pdf.css)."""

from __future__ import annotations

import logging
import re
import threading
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from flask import Response, current_app, render_template

from dayinmylife import clock

BASE_URL = "http://record.invalid/"  # a record's links to /static/… resolve here, then to files on disk
STATIC_PREFIX = "/static/"
# What base.html links, and a record's own; given to WeasyPrint parsed, so a record's page links none. A record's
# fonts are its own (one whole font for each family and weight: WeasyPrint mixes up the glyphs of the faces a
# browser gets, split by characters), so app.css is given without its @font-face rules.
STYLESHEETS = ("css/record-fonts.css", "css/app.css", "css/practitioner.css", "css/record-pdf.css")
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_RENDERING = threading.Lock()  # the fonts and pictures read once are shared: one record at a time


def pdf_download(child: dict, what: str, template: str, **context) -> Response:
    """A record page rendered for the case file (headed on every page, see base.html) and sent as a PDF named
    for a case system: "C-0042 Leo chronology 2026-12-04.pdf"."""
    html = render_template(
        template, child=child, pdf=True, printing=True, today=clock.today().isoformat(), **context
    )
    return Response(
        record_pdf(html),
        mimetype="application/pdf",
        headers=download_headers(case_file_name(child, what, "pdf")),
    )


def case_file_name(child: dict, what: str, extension: str) -> str:
    """A record's file name as a case system files it: case reference, child, what it is and when."""
    reference = child["case_reference"] or f"child {child['id']}"
    return safe_filename(f"{reference} {child['display_name']} {what}.{extension}")


def download_headers(filename: str) -> dict:
    """A download that is kept under its name and never stored by a browser's or proxy's cache."""
    return {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"}


def record_pdf(html: str) -> bytes:
    """The page as an A4 PDF (PDF/A-2b, for records systems; tagged, for screen readers), its fonts and pictures
    embedded."""
    from weasyprint import HTML  # imported when a PDF is asked for: it loads Pango, which pages never need

    with _RENDERING:
        if current_app.debug:
            _shared.cache_clear()  # a stylesheet being changed shows at once
        fetcher, fonts, stylesheets, pictures = _shared(Path(current_app.static_folder).resolve())
        return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
            stylesheets=stylesheets,
            font_config=fonts,
            cache=pictures,
            pdf_variant="pdf/a-2b",
            pdf_tags=True,
            presentational_hints=True,  # a picture's width and height, as a browser reads them
        )


@cache
def _shared(static: Path) -> tuple:
    """What every record shares, made once in a process: the fonts decoded (seconds each time otherwise), the
    stylesheets parsed and a cache of the pictures drawn."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    logging.getLogger("weasyprint").addFilter(_decorative_pictures)
    fetcher, fonts = _static_files_fetcher(static), FontConfiguration()
    stylesheets = []
    for name in STYLESHEETS:
        text = (static / name).read_text(encoding="utf-8")
        if name != "css/record-fonts.css":
            text = FONT_FACE.sub("", text)
        stylesheets.append(
            CSS(string=text, base_url=(static / name).as_uri(), url_fetcher=fetcher, font_config=fonts)
        )
    return fetcher, fonts, stylesheets, {}


def _decorative_pictures(record: logging.LogRecord) -> bool:
    """Our pictures are decorative (alt="", always beside their words); WeasyPrint, which cannot mark them as
    such in a tagged PDF, would log an error for each one."""
    return "has no required alt description" not in record.getMessage()


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
