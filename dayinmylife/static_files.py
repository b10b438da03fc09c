"""Static files as a school network wants them: versioned names cached for a year, text compressed.

Every `url_for("static", ...)` gets `?v=<hash of the file's content>`, so a changed file has a new address and
browsers may keep each address for a year. CSS, JavaScript and SVG go out gzipped to browsers that accept it.
Pages (HTML) are never compressed here: they carry a CSRF token next to reflected input (BREACH).
"""

import gzip
import hashlib
from functools import lru_cache
from pathlib import Path

from flask import current_app, request

ONE_YEAR = 31_536_000
COMPRESSIBLE = {"text/css", "text/javascript", "application/javascript", "image/svg+xml"}


@lru_cache(maxsize=2048)
def _cached_version(folder: str, filename: str) -> str | None:
    return _version_of(folder, filename)


def _version_of(folder: str, filename: str) -> str | None:
    path = (Path(folder) / filename).resolve()
    if not path.is_relative_to(Path(folder).resolve()) or not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def static_version(filename: str) -> str | None:
    """The content hash of a static file, or None if there is no such file.

    Worked out once per file and process (a page links a few dozen pictures); in debug mode, every time,
    so an edited file gets its new address at once.
    """
    folder = current_app.static_folder
    if not folder:
        return None
    if current_app.debug:
        return _version_of(folder, filename)
    return _cached_version(folder, filename)


def add_static_version(endpoint: str, values: dict) -> None:
    """Give every static address its file's content hash."""
    if endpoint == "static" and "v" not in values and "filename" in values:
        version = static_version(values["filename"])
        if version:
            values["v"] = version


@lru_cache(maxsize=512)
def _gzipped(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def cache_and_compress(response):
    """Cache versioned static files for a year; gzip text ones for browsers that accept it."""
    if request.endpoint != "static" or response.status_code != 200:
        return response
    filename = (request.view_args or {}).get("filename", "")
    version = request.args.get("v")
    if version and version == static_version(filename):
        response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    if response.mimetype in COMPRESSIBLE and "Content-Range" not in response.headers:
        response.vary.add("Accept-Encoding")
        if "gzip" in request.accept_encodings:
            response.direct_passthrough = False
            plain = response.get_data()
            response.close()  # the file it was read from
            response.set_data(_gzipped(plain))
            response.headers["Content-Encoding"] = "gzip"
            etag, weak = response.get_etag()
            if etag:  # the compressed body is another representation: another tag
                response.set_etag(f"{etag}-gzip", weak=weak)
    return response


def init_app(app) -> None:
    app.url_defaults(add_static_version)
    app.after_request(cache_and_compress)
