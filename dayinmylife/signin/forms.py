"""The forms of signing in and staying signed in: a password, the second step and its set-up, unlocking a device, a language."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    PasswordField,
    RadioField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from dayinmylife.web.fields import language_choices


class SignInForm(FlaskForm):
    email = StringField(_l("E-mail address"), validators=[InputRequired(_l("Enter your e-mail address"))])
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Enter your password"))])


class LanguagePreferenceForm(FlaskForm):
    language = RadioField(
        _l("The language you read this app in"),
        choices=[SelectChoice("", _l("The language your browser asks for")), *language_choices()],
        default="",
        validate_choice=True,
    )


class UnlockForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[InputRequired(_l("Enter your password"))])


def _code_from_app(label, description=None) -> StringField:
    return StringField(
        label,
        description=description,
        validators=[
            InputRequired(_l("Enter the code from your authenticator app")),
            Length(max=40, message=_l("Use 40 characters or fewer")),
        ],
    )


class SecondStepForm(FlaskForm):
    code = _code_from_app(
        _l("Code"),
        _l(
            "The 6 digits your authenticator app shows now. Lost your phone? Enter one of your recovery codes."
        ),
    )


class ConfirmAuthenticatorForm(FlaskForm):
    code = _code_from_app(_l("Code from your app"), _l("The 6 digits it shows now."))


class RenewRecoveryCodesForm(FlaskForm):
    current_code = _code_from_app(_l("Code from your app"))


class TurnOffTwoFactorForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[InputRequired(_l("Enter your password"))])
    code = _code_from_app(_l("Code from your app"))
