"""Fields and forms more than one area uses."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
)
from wtforms.fields.choices import SelectChoice

from dayinmylife.vocabulary import LANGUAGES


class FriendlyDateField(DateField):
    """A date field whose message for something that is not a date says what to type instead."""

    def __init__(self, *args, not_a_date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.not_a_date = not_a_date or _l("Enter a real date, for example 3 3 2026")

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(self.not_a_date) from None


def language_choices() -> list[SelectChoice]:
    """Each language in its own name, marked as that language for screen readers."""
    return [SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGES.items()]


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""
