"""Languages: the catalogs, and the helpers templates use to speak the page's language (which language that is,
web/page_language.py decides)."""

from datetime import date, datetime
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import g
from flask_babel import Babel, format_date, format_datetime, get_locale, gettext

from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.vocabulary import (
    ACCOUNT_NAMES,
    CHILDS_OWN,
    LANGUAGES,
    OBSERVED_WITH_CARER,
    RIGHT_TO_LEFT,
    known,
)

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"

babel = Babel()


def text_direction(locale: str) -> str:
    return "rtl" if locale.split("_")[0] in RIGHT_TO_LEFT else "ltr"


def format_day(iso_date: str) -> str:
    """Write a date as people read it, e.g. 3 March 2026, in the page's language."""
    return format_date(date.fromisoformat(iso_date[:10]), "d MMMM yyyy")


def format_month(iso_date: str) -> str:
    """Write a date's month as people read it, e.g. March 2026, in the page's language."""
    return format_date(date.fromisoformat(iso_date[:10]), "MMMM yyyy")


def format_moment(iso_moment: str) -> str:
    """Write a moment as people read it, e.g. 3 March 2026, 14:05, in the page's language and the council's
    time zone (DAYINMYLIFE_TIMEZONE)."""
    return format_datetime(datetime.fromisoformat(iso_moment), "d MMMM yyyy, HH:mm")


def written_in(language: str | None) -> str:
    """Say which language a child's own words were written in, when it is not the page's language."""
    if known(language) is None or language == str(get_locale()):
        return ""
    return gettext("(written in %(language)s)", language=LANGUAGES[language])


def compile_catalogs(directory: Path = TRANSLATIONS) -> list[Path]:
    """Compile each catalog whose .mo file is missing or older than its .po file; return those written."""
    written = []
    for po in sorted(directory.glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        with mo.open("wb") as target:
            write_mo(target, catalog)
        written.append(mo)
    return written


def questionnaire_title(questionnaire_id: str) -> str:
    """A questionnaire's title in the page's language (its id only if its file is gone)."""
    questionnaire = all_questionnaires().get(questionnaire_id)
    return gettext(questionnaire.title) if questionnaire else questionnaire_id


def account_name(account: str | None, questionnaire_id: str | None = None) -> str:
    """Whose account a session is, as people read it: a baby's "own account" is what the practitioner saw, with
    what the parent or carer told (a questionnaire answered by an adult)."""
    account = account or CHILDS_OWN
    questionnaire = all_questionnaires().get(questionnaire_id) if questionnaire_id else None
    if account == CHILDS_OWN and questionnaire is not None and questionnaire.answered_by == "adult":
        return str(OBSERVED_WITH_CARER)
    return str(ACCOUNT_NAMES.get(account, account))


def questionnaire_text(text: str, name: str | None = None) -> str:
    """A questionnaire's text in the page's language; `{name}` (in the words for an adult's account) is the child
    named, else the child whose session the page shows."""
    translated = gettext(text)
    if "{name}" not in translated:
        return translated
    return translated.replace("{name}", name or child_name())


def child_name() -> str:
    """The child whose session the page shows, as a questionnaire's `{name}` (set by questionnaire_of)."""
    return g.get("child_name") or gettext("the child")


def init_app(app, locale_selector) -> None:
    babel.init_app(app, locale_selector=locale_selector, default_translation_directories="../translations")

    app.add_template_filter(format_day)
    app.add_template_filter(format_month)
    app.add_template_filter(format_moment)
    # Questionnaire texts are data: translated, then escaped like any other value (Jinja's _() would not).
    app.add_template_global(questionnaire_text, "t")
    app.add_template_global(written_in)
    app.add_template_global(questionnaire_title)
    app.add_template_global(account_name)
    app.add_template_global(LANGUAGES, "languages")
    app.add_template_global(text_direction)

    @app.context_processor
    def language_context():
        locale = str(get_locale())
        return {"page_language": locale, "page_direction": text_direction(locale)}
