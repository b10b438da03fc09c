"""A manager's forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired


class MoveChildForm(FlaskForm):
    """Move a child from one of the team's practitioners to another (the choices are the team's: the view checks)."""

    practitioner = IntegerField(validators=[InputRequired()])
    to = IntegerField(
        _l("Move to"), validators=[InputRequired(_l("Choose the practitioner who takes the child on"))]
    )
