"""Static files as a school network wants them: versioned names cached for a year, text compressed.

Every `url_for("static", ...)` gets `?v=<hash of the file's content>`, so a changed file has a new address and
browsers may keep each address for a year. CSS, JavaScript and SVG go out compressed (Brotli, else gzip) to
browsers that accept it.
Pages (HTML) are never compressed here: they carry a CSRF token next to reflected input (BREACH).
"""

import gzip
import hashlib
from functools import lru_cache
from pathlib import Path

import brotli
from flask import current_app, g, has_request_context, request, url_for
from markupsafe import Markup

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


def picture_tag(name: str, size: int = 64, class_: str = "pic") -> Markup:
    """An <img> of a vendored picture, built once per picture, size and class (a question page has ~25); or,
    where the page draws its pictures from sprites (web/sprites.py), the picture from its sprite.

    Decorative (alt="", or hidden from screen readers): a picture always stands beside its word.
    """
    sprite = g.get("sprites", {}).get(name) if has_request_context() else None
    tags = current_app.extensions.setdefault("picture_tags", {})
    if sprite is not None:
        # The sprite's address names its questionnaire, version and pictures.
        key = (sprite, name, size, class_)
        if key not in tags:
            # As short as it can be, as a page has twenty (issue 20): no focusable="false", which only Internet
            # Explorer needed (an svg without a tabindex takes no focus elsewhere), and <use/> closes itself.
            tags[key] = Markup(
                '<svg class="{}" width="{}" height="{}" aria-hidden="true"><use href="{}#{}"/></svg>'
            ).format(class_, size, size, sprite, name)
        return tags[key]
    key = (request.script_root if has_request_context() else "", name, size, class_)
    if key not in tags or current_app.debug:
        source = url_for("static", filename=f"pictures/{name}.svg")
        tags[key] = Markup('<img class="{}" src="{}" alt="" width="{}" height="{}">').format(
            class_, source, size, size
        )
    return tags[key]


@lru_cache(maxsize=512)
def _compressed(data: bytes, encoding: str) -> bytes:
    """Compress once per file and process, as hard as each format goes (a few hundred files at most)."""
    if encoding == "br":  # 10-15% smaller than gzip on our CSS and pictures
        return brotli.compress(data, quality=11)
    return gzip.compress(data, compresslevel=9, mtime=0)


def compressed_for(data: bytes, mimetype: str) -> tuple[bytes, str | None]:
    """A text body compressed as this browser accepts (Brotli, else gzip), with the encoding; or as it is."""
    encoding = next((name for name in ("br", "gzip") if name in request.accept_encodings), None)
    if mimetype not in COMPRESSIBLE or encoding is None:
        return data, None
    return _compressed(data, encoding), encoding


def cache_and_compress(response):
    """Cache versioned static files for a year; compress text ones for browsers that accept it."""
    if request.endpoint != "static" or response.status_code != 200:
        return response
    filename = (request.view_args or {}).get("filename", "")
    version = request.args.get("v")
    if version and version == static_version(filename):
        response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    if response.mimetype in COMPRESSIBLE and "Content-Range" not in response.headers:
        response.vary.add("Accept-Encoding")
        encoding = next((name for name in ("br", "gzip") if name in request.accept_encodings), None)
        if encoding:
            response.direct_passthrough = False
            plain = response.get_data()
            response.close()  # the file it was read from
            response.set_data(_compressed(plain, encoding))
            response.headers["Content-Encoding"] = encoding
            etag, weak = response.get_etag()
            if etag:  # the compressed body is another representation: another tag
                response.set_etag(f"{etag}-{encoding}", weak=weak)
    return response


def init_app(app) -> None:
    app.url_defaults(add_static_version)
    app.add_template_global(picture_tag)
    app.after_request(cache_and_compress)
