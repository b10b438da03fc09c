"""Friendly error pages: bad input never shows a stack trace, and a child is spoken to in a child's words."""

import sqlite3

from flask import current_app, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

MESSAGES = {
    400: (_l("Something was not right"), _l("The page could not use what was sent. Go back and try again.")),
    404: (_l("Page not found"), _l("There is no page here, or you do not have access to it.")),
    405: (_l("Page not found"), _l("There is no page here, or you do not have access to it.")),
    500: (
        _l("Sorry, something went wrong"),
        _l("Nothing you saved before has been lost. Try again in a moment."),
    ),
    503: (
        _l("Sorry, something went wrong"),
        _l("Nothing you saved before has been lost. Try again in a moment."),
    ),
}
FOR_A_CHILD = (
    _l("Sorry, that did not work"),
    _l("Everything you saved before is safe. Wait a moment, then try again."),
)


def _page(code: int, message: str | None = None):
    session_id = (request.view_args or {}).get("session_id")
    if code >= 500 and (request.endpoint or "").startswith("my_day.") and session_id is not None:
        title, text = FOR_A_CHILD
        back = url_for("my_day.resume", session_id=session_id)
        return render_template("errors/error.html", title=title, text=text, code=code, child=back), code
    title, text = MESSAGES[code]
    return render_template("errors/error.html", title=title, text=message or text, code=code), code


def _database_busy(error):
    # Locked too long, read-only or a full disk: say so plainly; the log has the detail.
    current_app.logger.exception("The database could not take a request")
    return _page(503)


def init_app(app) -> None:
    for code in MESSAGES:
        app.register_error_handler(code, lambda error, code=code: _page(code))
    app.register_error_handler(sqlite3.OperationalError, _database_busy)
    app.register_error_handler(
        CSRFError,
        lambda error: _page(
            400, _l("This page had been open too long or was sent twice. Go back, reload it and try again.")
        ),
    )
