"""The form that acknowledges an alert: what was done, and why when nothing was."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from dayinmylife.vocabulary import ALERT_ACTIONS


class AcknowledgeForm(FlaskForm):
    action = RadioField(
        _l("What was done"),
        choices=[SelectChoice(value, label) for value, label in ALERT_ACTIONS.items()],
        validators=[DataRequired(_l("Say what was done."))],
    )
    note = TextAreaField(
        _l("A note (optional; say why if no action was needed)"), validators=[Length(max=1000)]
    )

    def validate_note(self, field):
        if self.action.data == "no_action" and not (field.data or "").strip():
            raise ValidationError(_l("Say why no action was needed."))
