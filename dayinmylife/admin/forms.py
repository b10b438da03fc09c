"""The administrator's forms: accounts, passwords, roles, two-step sign-in for everyone."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, NumberRange, Optional, Regexp

from dayinmylife.signin.passwords import password_problem


class TwoFactorRequirementForm(FlaskForm):
    required = RadioField(
        _l("Who must use two-step sign-in"),
        choices=[
            SelectChoice("1", _l("Everyone: nobody can carry on until they have set it up")),
            SelectChoice("0", _l("Only those who choose to")),
        ],
        validators=[InputRequired(_l("Choose who must use two-step sign-in"))],
    )


class ResetTwoFactorForm(FlaskForm):
    user_id = StringField(validators=[Regexp(r"^[0-9]{1,18}$")])


def _new_password():
    return PasswordField(
        _l("New password"),
        description=_l("At least 12 characters, and not one of the common ones."),
        validators=[InputRequired(_l("Enter a password"))],
    )


def _same_password_again():
    return PasswordField(
        _l("The same password again"),
        validators=[
            InputRequired(_l("Enter the password again")),
            EqualTo("password", _l("The two passwords are not the same")),
        ],
    )


class PasswordRules:
    """Check a new password against the rules every password must meet."""

    def validate_password(self, field):
        if problem := password_problem(field.data):
            raise ValidationError(problem)


class NewPasswordForm(PasswordRules, FlaskForm):
    """A password an administrator sets for someone, typed twice."""

    password = _new_password()
    confirm = _same_password_again()


class NewAccountForm(PasswordRules, FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(_l("Enter their name")),
            Length(max=100, message=_l("Use 100 characters or fewer")),
        ],
    )
    email = StringField(
        _l("E-mail address"),
        validators=[
            DataRequired(_l("Enter their e-mail address")),
            Length(max=254, message=_l("Use 254 characters or fewer")),
            Regexp(
                r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Enter an e-mail address like name@example.org")
            ),
        ],
    )
    role = SelectField(_l("Role"), validators=[InputRequired(_l("Choose a role"))])  # choices: the view's
    password = _new_password()
    confirm = _same_password_again()


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), validators=[InputRequired(_l("Choose a role"))])  # choices: the view's


class PassOnCaseloadForm(FlaskForm):
    to = SelectField(
        _l("Practitioner who takes them on"),
        coerce=int,
        validators=[InputRequired(_l("Choose the practitioner who takes the children on"))],
    )  # choices: the view's


class TeamForm(FlaskForm):
    name = StringField(
        _l("Team name"),
        description=_l("For example: Family Support Team North."),
        validators=[
            InputRequired(_l("Enter the team's name")),
            Length(max=80, message=_l("Use 80 characters or fewer")),
        ],
    )


class TeamMemberForm(FlaskForm):
    member = SelectField(
        _l("Practitioner or manager"), coerce=int, validators=[InputRequired(_l("Choose who joins the team"))]
    )  # choices: the view's


class ExpectedSessionsForm(FlaskForm):
    sessions = IntegerField(
        _l("Sessions each practitioner is expected to finish in a quarter"),
        description=_l(
            "The Team page shows each practitioner's sessions against it. Leave it empty for none."
        ),
        validators=[Optional(), NumberRange(1, 200, _l("Enter a number from 1 to 200"))],
    )
