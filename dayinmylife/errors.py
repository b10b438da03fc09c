"""Friendly error pages: bad input never shows a stack trace."""

from flask import render_template
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
}


def _page(code: int, message: str | None = None):
    title, text = MESSAGES[code]
    return render_template("errors/error.html", title=title, text=message or text, code=code), code


def init_app(app) -> None:
    for code in MESSAGES:
        app.register_error_handler(code, lambda error, code=code: _page(code))
    app.register_error_handler(
        CSRFError,
        lambda error: _page(
            400, _l("This page had been open too long or was sent twice. Go back, reload it and try again.")
        ),
    )
