"""The rules of a school consultation that its pages share: who runs one, its join code, whether it is open,
when its answers go, and the consultation of the signed-in lead. No views here: every consultation page (and
joining) imports these, never another page's module."""

import secrets
from datetime import date, timedelta

from flask import abort, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField, ValidationError
from wtforms.validators import InputRequired, Length, NumberRange

from dayinmylife import clock, store
from dayinmylife.access import role_required
from dayinmylife.store.db import get_db
from dayinmylife.vocabulary import RUNS_CONSULTATIONS

lead_required = role_required(*RUNS_CONSULTATIONS)

# Easy to read aloud and to type: no 0 or O, no 1, I or L.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
MAX_GROUPS = 20
MAX_GROUP_NAME = 40
LONGEST_RUN = timedelta(days=366)


def runs_consultations(user) -> bool:
    """Whether this person may run consultations."""
    return user.is_authenticated and user.role in RUNS_CONSULTATIONS


def make_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """Read a code as a pupil might type it: any case, with spaces or dashes."""
    return "".join(character for character in typed.upper() if character not in " -\t\r\n")


def spaced_code(code: str) -> str:
    """Split a code in two halves, as it is read aloud: ABC 234."""
    return f"{code[:3]} {code[3:]}"


def status_on(consultation: dict, today: date | None = None) -> str:
    """Say whether pupils can join today: not_yet_open, open or closed."""
    today = (today or clock.today()).isoformat()
    if today < consultation["opens_on"]:
        return "not_yet_open"
    return "open" if today <= consultation["closes_on"] else "closed"


def answers_deleted_on(consultation: dict, retention_days: int) -> date:
    """The day `flask retention --apply` may delete a consultation's responses: the retention after it closes."""
    return date.fromisoformat(consultation["closes_on"]) + timedelta(days=retention_days)


def consultation_or_404(consultation_id: int) -> dict:
    """Return a consultation of the signed-in lead, or stop with 404 (another lead's is not there)."""
    consultation = store.consultations.consultation_for(get_db(), current_user.id, consultation_id)
    if consultation is None:
        abort(404)
    return consultation


def join_url(code: str) -> str:
    return url_for("join.enter_code", code=code, _external=True)


class FriendlyDateField(DateField):
    """A date field whose message for something that is not a date says what to do."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Enter a real date, for example 3 3 2026")) from None


class ConsultationDetailsForm(FlaskForm):
    """What a lead sets when making a consultation and may change later: its title, dates and cap."""

    title = StringField(
        _l("Title"),
        description=_l("Pupils do not see it. For example: Year 5 and 6, spring term."),
        validators=[
            InputRequired(_l("Enter a title")),
            Length(max=120, message=_l("Use 120 characters or fewer")),
        ],
    )
    opens_on = FriendlyDateField(_l("Opens on"), validators=[InputRequired(_l("Enter the day it opens"))])
    closes_on = FriendlyDateField(_l("Closes on"), validators=[InputRequired(_l("Enter the day it closes"))])
    max_responses = IntegerField(
        _l("Most answers to accept"),
        description=_l("A limit, so that a code shared too widely cannot flood the results."),
        default=2000,
        validators=[
            InputRequired(_l("Enter the most answers to accept")),
            NumberRange(1, 20000, _l("Enter a number from 1 to 20000")),
        ],
    )

    def validate_closes_on(self, field):
        if field.data is None or self.opens_on.data is None:
            return
        if field.data < self.opens_on.data:
            raise ValidationError(_l("The closing day must be on or after the opening day"))
        if field.data - self.opens_on.data > LONGEST_RUN:
            raise ValidationError(_l("A consultation can run for a year at most"))
