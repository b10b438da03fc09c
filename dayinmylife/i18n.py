"""Languages: Flask-Babel with an explicit choice, then the browser's languages, then English."""

from datetime import date

from flask import request, session
from flask_babel import Babel, format_date, get_locale, gettext

# Each language in its own name.
LANGUAGES = {"en": "English"}

babel = Babel()


def select_locale() -> str:
    """Pick the language: the one chosen in this browser session, else the browser's, else English."""
    chosen = session.get("language")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES)) or "en"


def text_direction(locale: str) -> str:
    return "rtl" if locale in {"ar", "fa", "he", "ur"} else "ltr"


def format_day(iso_date: str) -> str:
    """Write a date as people read it, e.g. 3 March 2026, in the page's language."""
    return format_date(date.fromisoformat(iso_date[:10]), "d MMMM yyyy")


def init_app(app) -> None:
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="../translations")

    app.add_template_filter(format_day)
    # Questionnaire texts are data: translated, then escaped like any other value (Jinja's _() would not).
    app.add_template_global(gettext, "t")

    @app.context_processor
    def language_context():
        locale = str(get_locale())
        return {"page_language": locale, "page_direction": text_direction(locale)}
