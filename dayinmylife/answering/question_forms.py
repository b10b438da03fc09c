"""A question as a form: each question type becomes a field through one table, and the answer read back from it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    RadioField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from dayinmylife.questionnaire.answer_rules import mixes_no_answer_with_answers
from dayinmylife.questionnaire.builtins import ALWAYS_OFFERED
from dayinmylife.questionnaire.model import NOT_A_REAL_ANSWER, OWN_WORDS_MAX_LENGTH, Question
from dayinmylife.vocabulary import SHOWN_BY_NAMES


class QuestionForm(FlaskForm):
    """One question's page; the answer field is added by `question_form`."""

    source = RadioField(
        _l("How do you know?"),
        choices=[SelectChoice("observed", _l("I saw it")), SelectChoice("reported", _l("I was told"))],
        validators=[Optional()],
    )
    shown_by = SelectMultipleField(
        _l("How did the child show this?"),
        choices=[SelectChoice(value, label) for value, label in SHOWN_BY_NAMES.items()],
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
    "sorting": _pick_one,
}


_QUESTION_FORMS: dict[tuple[int, bool, bool], tuple[Question, type[QuestionForm]]] = {}


def question_form(
    question: Question, record_source: bool, record_shown_by: bool = False, formdata=None, data=None
) -> QuestionForm:
    """Build the form for one question: its answer field, a "not a real answer" choice for free text; and where
    asked, "observed or reported?" (babies) and "how did the child show this?" (the practitioner beside them)."""
    # The class is made once per question: making it is most of the cost of a question page's form. The
    # question is kept with it, so that its id() is never reused by another.
    key = (id(question), record_source, record_shown_by)
    if key not in _QUESTION_FORMS:
        _QUESTION_FORMS[key] = (question, _question_form_class(question, record_source, record_shown_by))
    return _QUESTION_FORMS[key][1](formdata=formdata, data=data)


def _question_form_class(
    question: Question, record_source: bool, record_shown_by: bool
) -> type[QuestionForm]:
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
    if not record_shown_by:
        Form.shown_by = None
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
    if mixes_no_answer_with_answers(value):
        return _l(
            "You chose “I don't know” or “I'd rather not say” with other answers. Choose one or the other."
        )
    if value is None:
        return _l("Choose an answer, or press “Skip this one”.")
    if "source" in form and value not in NOT_A_REAL_ANSWER and not form.source.data:
        return _l("Say whether you saw this or were told it.")
    return None
