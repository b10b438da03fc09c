"""Which language a page speaks.

A page of a child's session speaks the session's language. Any other page follows the chain: a choice made
in this browser, then the practitioner's saved preference, then the browser's languages, then English."""

from flask import g, has_request_context, request
from flask import session as cookie
from flask_login import current_user

from dayinmylife import store
from dayinmylife.answering import grants
from dayinmylife.store.db import get_db
from dayinmylife.vocabulary import DEFAULT_LANGUAGE, LANGUAGES, known

# Pages a device in child mode shows to the practitioner, in the practitioner's language.
_THE_ADULTS_PAGES = {"child_mode.unlock", "auth.sign_in", "auth.second_step"}


def select_locale() -> str:
    """Pick the page's language: the child's session's, else the chain of choice, preference and browser."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    return (
        _language_of_session_shown()
        or known(cookie.get("language"))
        or known(getattr(current_user, "language", None))
        or request.accept_languages.best_match(list(LANGUAGES))
        or DEFAULT_LANGUAGE
    )


def _language_of_session_shown() -> str | None:
    """A child's pages speak their session's language, whoever's device or browser shows them."""
    endpoint = request.endpoint or ""
    if endpoint.startswith("my_day."):
        session_id = (request.view_args or {}).get("session_id")
    elif endpoint not in _THE_ADULTS_PAGES:
        session_id = grants.locked_session()  # a locked device shows only the child's session
    else:
        session_id = None
    if session_id is None:
        return None
    shown = g.get("session_shown")  # the row this request's page already read (answering/my_day.py)
    if shown is not None and shown["id"] == session_id:
        return known(shown["language"])
    return known(store.sessions.session_language(get_db(), session_id))
