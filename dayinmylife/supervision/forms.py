"""A manager's forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField, ValidationError
from wtforms.validators import InputRequired, Length, Optional

from dayinmylife import clock
from dayinmylife.web.fields import FriendlyDateField


class MoveChildForm(FlaskForm):
    """Move a child from one of the team's practitioners to another (the choices are the team's: the view checks)."""

    practitioner = IntegerField(validators=[InputRequired()])
    to = IntegerField(
        _l("Move to"), validators=[InputRequired(_l("Choose the practitioner who takes the child on"))]
    )


class SupervisionNoteForm(FlaskForm):
    """A supervision discussion about a child: when, what was discussed, what was decided and by when."""

    discussed_on = FriendlyDateField(
        _l("Date of the discussion"), validators=[InputRequired(_l("Enter the date of the discussion"))]
    )
    discussion = TextAreaField(
        _l("What was discussed"),
        validators=[
            InputRequired(_l("Write what was discussed")),
            Length(max=2000, message=_l("Use 2000 characters or fewer")),
        ],
    )
    decisions = TextAreaField(
        _l("Decisions (optional)"),
        description=_l("What will be done, and by whom."),
        validators=[Length(max=1000, message=_l("Use 1000 characters or fewer"))],
    )
    due_on = FriendlyDateField(_l("Decisions due by (optional)"), validators=[Optional()])

    def validate_discussed_on(self, field):
        if field.data is not None and field.data > clock.today():
            raise ValidationError(_l("The discussion cannot be in the future"))
