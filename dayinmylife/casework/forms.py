"""The practitioner's forms: a child, a session, notes, messages, outcomes, the team, erasure."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from dayinmylife import clock
from dayinmylife.vocabulary import ACCOUNT_NAMES, DEFAULT_LANGUAGE, SCAN_PACES
from dayinmylife.web.fields import FriendlyDateField, language_choices


class ChildForm(FlaskForm):
    display_name = StringField(
        _l("Name"),
        description=_l("As you want it shown, for example a first name."),
        validators=[
            DataRequired(_l("Enter the child's name")),
            Length(max=80, message=_l("Use 80 characters or fewer")),
        ],
    )
    date_of_birth = FriendlyDateField(
        _l("Date of birth"),
        validators=[InputRequired(_l("Enter the child's date of birth"))],
        not_a_date=_l("Enter the date of birth as a real date, for example 14 3 2019"),
    )
    case_reference = StringField(
        _l("Case reference (optional)"),
        validators=[Optional(), Length(max=40, message=_l("Use 40 characters or fewer"))],
    )

    def validate_date_of_birth(self, field):
        if field.data is None:  # not a date: DateField has already said so
            return
        if field.data > clock.today():
            raise ValidationError(_l("The date of birth must be in the past"))
        if field.data.year < clock.today().year - 25:
            raise ValidationError(_l("The date of birth must be within the last 25 years"))


# A child's details a practitioner may correct, as the child's page names them.
CORRECTABLE = {
    "display_name": _l("Name"),
    "date_of_birth": _l("Date of birth"),
    "case_reference": _l("Case reference"),
}


class StartSessionForm(FlaskForm):
    questionnaire = SelectField(_l("Questionnaire"), validators=[InputRequired()])
    language = SelectField(
        _l("The child's language"),
        description=_l(
            "The questions, buttons and read-aloud are in this language. The child can change it."
        ),
        choices=language_choices(),
        default=DEFAULT_LANGUAGE,
        validators=[Optional()],  # not sent: English
    )
    account = RadioField(
        _l("Whose account of the day is this?"),
        choices=[SelectChoice(value, label) for value, label in ACCOUNT_NAMES.items()],
        default="child",
        validators=[Optional()],  # not sent: the child's own account
    )
    scan_every = SelectField(
        _l("Switch scanning"),
        description=_l(
            "For a child who uses one switch (sending Space or Enter): each page highlights its choices in turn at"
            " this pace, and the switch chooses. Nothing else moves by itself, and there is no time limit."
        ),
        choices=[SelectChoice("", _l("Off"))]
        + [SelectChoice(str(pace), label) for pace, label in SCAN_PACES.items()],
        default="",
        validators=[Optional()],
    )


class OutcomeForm(FlaskForm):
    """An agreed outcome for the child's experience, tied to a question and the answers that mean it is met."""

    statement = StringField(
        _l("The outcome, in the child's words"),
        description=_l("For example: I have breakfast before school."),
        validators=[
            DataRequired(_l("Write the outcome")),
            Length(max=200, message=_l("Use 200 characters or fewer")),
        ],
    )
    question = SelectField(
        _l("The question that shows it"), validators=[InputRequired(_l("Choose a question"))]
    )
    day = RadioField(
        _l("On which day?"),
        choices=[SelectChoice("school", _l("A school day")), SelectChoice("weekend", _l("A weekend day"))],
        default="school",
        validators=[InputRequired(_l("Choose a day"))],
    )
    met_when = SelectMultipleField(_l("It is met when the answer is"), validate_choice=False)
    review_on = DateField(_l("Review by (optional)"), validators=[Optional()])


class NextSessionForm(FlaskForm):
    next_session_on = DateField(_l("Next session by"), validators=[InputRequired(_l("Enter a date"))])


class NoteForm(FlaskForm):
    text = TextAreaField(
        _l("Note"),
        validators=[
            DataRequired(_l("Write the note")),
            Length(max=4000, message=_l("Use 4,000 characters or fewer")),
        ],
    )
    # "<question id> <day>" of the answer the note is about; empty: the whole session.
    about = StringField(_l("About"), validators=[Optional()])


class MessageToChildForm(FlaskForm):
    text = TextAreaField(
        _l("You said, we did"),
        description=_l(
            "A few short sentences in words the child understands. They see it when their next session starts."
        ),
        validators=[
            DataRequired(_l("Write the message")),
            Length(max=1000, message=_l("Use 1,000 characters or fewer")),
        ],
    )


class EraseChildForm(FlaskForm):
    confirm_name = StringField(
        _l("Type the child's name to confirm"),
        validators=[DataRequired(_l("Type the child's name to confirm"))],
    )


class TeamMemberForm(FlaskForm):
    practitioner = SelectField(
        _l("Practitioner"), coerce=int, validators=[InputRequired(_l("Choose a practitioner"))]
    )  # choices: the view's


# The audit log keeps which reason was chosen, never words typed about a child.
REASONS = {
    "wrong_child": _l("It was started for the wrong child"),
    "wrong_questionnaire": _l("It was started with the wrong questionnaire or account"),
    "by_accident": _l("It was started by accident"),
    "test": _l("It was a practice or a demonstration"),
}


class RemoveSessionForm(FlaskForm):
    reason = RadioField(
        _l("Why is this session being removed?"),
        choices=[SelectChoice(value, label) for value, label in REASONS.items()],
        validators=[InputRequired(_l("Choose why the session is being removed"))],
    )


class SignificantEventForm(FlaskForm):
    """A significant event for the chronology: the impact on the child is asked for, not only what happened."""

    happened_on = DateField(
        _l("When it happened"), validators=[InputRequired(_l("Enter the date it happened"))]
    )
    what = TextAreaField(
        _l("What happened"),
        validators=[
            DataRequired(_l("Say what happened")),
            Length(max=1000, message=_l("Use 1,000 characters or fewer")),
        ],
    )
    source = StringField(
        _l("Agency or source (optional)"),
        validators=[Length(max=200, message=_l("Use 200 characters or fewer"))],
    )
    impact = TextAreaField(
        _l("The impact on the child"),
        description=_l("What it meant for the child's day: not only what the adults did or did not do."),
        validators=[
            DataRequired(_l("Say what it meant for the child")),
            Length(max=2000, message=_l("Use 2,000 characters or fewer")),
        ],
    )

    def validate_happened_on(self, field):
        if field.data and field.data > clock.today():
            raise ValidationError(_l("The date cannot be in the future"))
