"""WTForms classes; each question type becomes a form field through the builder table at the bottom."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Optional, Regexp

from dayinmylife import clock
from dayinmylife.questionnaire.builtins import ALWAYS_OFFERED
from dayinmylife.questionnaire.model import NOT_A_REAL_ANSWER, OWN_WORDS_MAX_LENGTH, Question
from dayinmylife.signin.passwords import password_problem
from dayinmylife.vocabulary import ACCOUNT_NAMES, DEFAULT_LANGUAGE, LANGUAGES


class SignInForm(FlaskForm):
    email = StringField(_l("E-mail address"), validators=[InputRequired(_l("Enter your e-mail address"))])
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Enter your password"))])


class DateOfBirthField(DateField):
    """A date field whose message for something that is not a date says what to do."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Enter the date of birth as a real date, for example 14 3 2019")) from None


class ChildForm(FlaskForm):
    display_name = StringField(
        _l("Name"),
        description=_l("As you want it shown, for example a first name."),
        validators=[
            DataRequired(_l("Enter the child's name")),
            Length(max=80, message=_l("Use 80 characters or fewer")),
        ],
    )
    date_of_birth = DateOfBirthField(
        _l("Date of birth"), validators=[InputRequired(_l("Enter the child's date of birth"))]
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


def language_choices() -> list[SelectChoice]:
    """Each language in its own name, marked as that language for screen readers."""
    return [SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGES.items()]


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


class LanguagePreferenceForm(FlaskForm):
    language = RadioField(
        _l("The language you read this app in"),
        choices=[SelectChoice("", _l("The language your browser asks for")), *language_choices()],
        default="",
        validate_choice=True,
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


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""


class TeamMemberForm(FlaskForm):
    practitioner = SelectField(
        _l("Practitioner"), coerce=int, validators=[InputRequired(_l("Choose a practitioner"))]
    )  # choices: the view's


class QuestionForm(FlaskForm):
    """One question's page; the answer field is added by `question_form`."""

    source = RadioField(
        _l("How do you know?"),
        choices=[SelectChoice("observed", _l("I saw it")), SelectChoice("reported", _l("I was told"))],
        validators=[Optional()],
    )


def _choices(question: Question) -> list[SelectChoice]:
    return [SelectChoice(option.value, option.label) for option in (*question.options, *ALWAYS_OFFERED)]


def _pick_one(question: Question):
    return RadioField(
        question.prompt, choices=_choices(question), validators=[Optional()], validate_choice=True
    )


def _pick_many(question: Question):
    return SelectMultipleField(question.prompt, choices=_choices(question), validators=[Optional()])


def _own_words(question: Question):
    return TextAreaField(
        question.prompt,
        validators=[
            Optional(),
            Length(
                max=OWN_WORDS_MAX_LENGTH,
                message=_l(
                    "That is a lot of words! Please keep it under %(max)d letters.", max=OWN_WORDS_MAX_LENGTH
                ),
            ),
        ],
    )


FIELD_BUILDERS = {
    "pick_one": _pick_one,
    "feelings": _pick_one,
    "how_often": _pick_one,
    "yes_no": _pick_one,
    "time_of_day": _pick_one,
    "pick_many": _pick_many,
    "own_words": _own_words,
}


_QUESTION_FORMS: dict[tuple[int, bool], tuple[Question, type[QuestionForm]]] = {}


def question_form(question: Question, record_source: bool, formdata=None, data=None) -> QuestionForm:
    """Build the form for one question: its answer field, a "not a real answer" choice for free text."""
    # The class is made once per question: making it is most of the cost of a question page's form. The
    # question is kept with it, so that its id() is never reused by another.
    key = (id(question), record_source)
    if key not in _QUESTION_FORMS:
        _QUESTION_FORMS[key] = (question, _question_form_class(question, record_source))
    return _QUESTION_FORMS[key][1](formdata=formdata, data=data)


def _question_form_class(question: Question, record_source: bool) -> type[QuestionForm]:
    class Form(QuestionForm):
        pass

    Form.answer = FIELD_BUILDERS[question.type](question)
    if question.free_text:
        Form.not_an_answer = RadioField(
            _l("Or choose"),
            choices=[SelectChoice(option.value, option.label) for option in ALWAYS_OFFERED],
            validators=[Optional()],
        )
    if not record_source:
        Form.source = None  # WTForms drops a field set to None
    return Form


def answer_from(form: QuestionForm, question: Question):
    """Read the answer from a valid form: a value, a list for "pick several", or None for nothing chosen."""
    if question.free_text:
        words = (form.answer.data or "").strip()
        return words or form.not_an_answer.data or None
    if question.multiple:  # each choice once, however often a script repeats it (the field checks each)
        return list(dict.fromkeys(form.answer.data)) or None
    return form.answer.data or None


def answer_problem(form: QuestionForm, question: Question, value) -> str | None:
    """Say what is wrong with an answer that the fields alone accept, or None."""
    if question.free_text and (form.answer.data or "").strip() and form.not_an_answer.data:
        return _l("Write your answer or choose “I don't know” or “I'd rather not say”, not both.")
    if isinstance(value, list) and len(value) > 1 and set(value) & set(NOT_A_REAL_ANSWER):
        return _l(
            "You chose “I don't know” or “I'd rather not say” with other answers. Choose one or the other."
        )
    if value is None:
        return _l("Choose an answer, or press “Skip this one”.")
    if "source" in form and value not in NOT_A_REAL_ANSWER and not form.source.data:
        return _l("Say whether you saw this or were told it.")
    return None
