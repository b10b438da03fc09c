"""Security headers on every response, and the settings that must hold outside development."""

import logging
import math
import re
import unicodedata
from collections import Counter
from urllib.parse import unquote, urlsplit

from flask import current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"  # a year
MIN_SECRET_KEY_LENGTH = 32
MIN_SECRET_KEY_BITS = 128  # as much as a random 128-bit key: past guessing or brute force
# Keys copied from tutorials and examples: anyone could sign a session cookie with them.
KNOWN_DEFAULT_SECRET_KEYS = {"dev", "development", "secret", "secret-key", "changeme", "change-me", "default"}


def entropy_bits(key: str) -> float:
    """A generous estimate of a key's randomness: its length times the Shannon entropy of its characters.

    secrets.token_hex(32) scores about 240; "a" * 41 and 35 spaces score 0.
    """
    counts = Counter(key)
    return -len(key) * sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())


class InsecureConfiguration(RuntimeError):
    """The app was asked to start in production with a setting that would expose the records."""


def is_development(app) -> bool:
    """Tell whether the app runs for development or tests; anything else is treated as production."""
    return app.debug or app.testing or app.config.get("DAYINMYLIFE_ENV") == "development"


def check_secret_key(key: str | None) -> None:
    """Refuse a missing, default or short secret key: with it anyone could forge a signed-in session."""
    if (
        not key
        or key.strip().lower() in KNOWN_DEFAULT_SECRET_KEYS
        or len(key) < MIN_SECRET_KEY_LENGTH
        or entropy_bits(key) < MIN_SECRET_KEY_BITS
    ):
        raise InsecureConfiguration(
            "Day in my life will not start in production without a secret key of at least "
            f"{MIN_SECRET_KEY_LENGTH} random characters: set DAYINMYLIFE_SECRET_KEY, for example to the output "
            "of `python3 -c 'import secrets; print(secrets.token_hex(32))'`, or set DAYINMYLIFE_ENV=development "
            "on a development machine."
        )


def configure_for_production(app) -> None:
    """Check the secret key, lock the session cookie to this host over HTTPS, trust only configured proxies."""
    check_secret_key(app.config.get("SECRET_KEY"))
    app.config.update(
        SESSION_COOKIE_NAME="__Host-session",  # the browser refuses it unless Secure, path / and no domain
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_PATH="/",
        SESSION_COOKIE_DOMAIN=None,
    )
    if proxies := app.config.get("TRUSTED_PROXIES"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)


def set_security_headers(response):
    """Lock pages down: no inline script or style, no framing, no sniffing, nothing personal cached."""
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"  # frame-ancestors 'none' for browsers without CSP 2
    response.headers["X-XSS-Protection"] = "0"  # the old XSS auditors leak more than they block (OWASP)
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
    if not is_development(current_app):
        response.headers["Strict-Transport-Security"] = HSTS
    # Nothing but the static files may be kept by a browser or a proxy: pages, JSON, CSV, pictures of
    # codes all carry records or links. A view that chose its own caching (a QR code for a class) keeps it.
    if request.endpoint != "static" and (
        response.mimetype == "text/html" or "Cache-Control" not in response.headers
    ):
        response.headers["Cache-Control"] = "no-store"
    return response


class HideLinkTokens(logging.Filter):
    """Keep a young person's link out of the server's log: the token in its path opens their session."""

    TOKEN = re.compile(r"/link/[^\s\"?/]+")

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.TOKEN.sub("/link/[hidden]", str(record.msg))
        if isinstance(record.args, tuple):
            record.args = tuple(
                self.TOKEN.sub("/link/[hidden]", arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


def init_app(app) -> None:
    app.after_request(set_security_headers)
    server_log = logging.getLogger("werkzeug")  # the development server's log of every request
    if not any(isinstance(each, HideLinkTokens) for each in server_log.filters):
        server_log.addFilter(HideLinkTokens())


def safe_local_path(target: str | None) -> str | None:
    """The target if it is a path on this site and nothing else, or None.

    Browsers drop tabs and line breaks and read a backslash as a slash, so "/\t/evil.example" or
    "/%09/evil.example" would leave for another site: refuse control characters, whitespace and backslashes,
    raw or percent-encoded, and anything that names a scheme or a host.
    """
    if not target:
        return None
    decoded = target
    for _ in range(3):  # %25 hides a second layer of encoding
        decoded = unquote(decoded)
    for form in (target, decoded):
        if any(char.isspace() or unicodedata.category(char) == "Cc" or char == "\\" for char in form):
            return None
        if not form.startswith("/") or form.startswith("//"):
            return None
        parts = urlsplit(form)
        if parts.scheme or parts.netloc:
            return None
    return target
