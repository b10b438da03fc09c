"""A consultation's forms: its details, a pupil's code and group, deleting it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, StringField, TextAreaField, ValidationError
from wtforms.validators import InputRequired, Length, NumberRange

from dayinmylife import clock
from dayinmylife.consultations.codes import (
    LONGEST_RUN,
    MAX_GROUP_NAME,
    MAX_GROUPS,
    MAX_SCHOOLS,
    MOST_RESPONSES,
)
from dayinmylife.web.fields import FriendlyDateField


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
            NumberRange(1, MOST_RESPONSES, _l("Enter a number from 1 to %(most)d", most=MOST_RESPONSES)),
        ],
    )

    def validate_closes_on(self, field):
        if field.data is None or self.opens_on.data is None:
            return
        if field.data < self.opens_on.data:
            raise ValidationError(_l("The closing day must be on or after the opening day"))
        if field.data - self.opens_on.data > LONGEST_RUN:
            raise ValidationError(_l("A consultation can run for a year at most"))


class ConsultationForm(ConsultationDetailsForm):
    """A new consultation: its details, and what stays once pupils answer (questionnaire, groups, smallest group)."""

    questionnaire = RadioField(_l("Questionnaire"), validators=[InputRequired(_l("Choose a questionnaire"))])
    groups = TextAreaField(
        _l("Groups (optional)"),
        description=_l("Classes or year groups, one a line. Pupils choose theirs when they join."),
    )
    min_group_size = IntegerField(
        _l("Smallest group to report"),
        description=_l("Fewer pupils than this are never shown as a number. At least 3; 5 is usual."),
        default=5,
        validators=[
            InputRequired(_l("Enter the smallest group to report")),
            NumberRange(3, 50, _l("Enter a number from 3 to 50")),
        ],
    )

    schools = TextAreaField(
        _l("Schools and their classes (optional)"),
        description=_l(
            "One school a line, its classes after a colon: Hillside Primary: 5A, 5B, 6. "
            "Each school gets its own code; its pupils choose their class when they join."
        ),
    )

    def group_names(self) -> list[str]:
        return [line.strip() for line in (self.groups.data or "").splitlines() if line.strip()]

    def school_list(self) -> list[tuple[str, list[str]]]:
        """Each school's name with its classes' names, as typed (a line without a colon: no classes)."""
        schools = []
        for line in (self.schools.data or "").splitlines():
            name, _colon, classes = line.partition(":")
            if name.strip():
                schools.append((name.strip(), [part.strip() for part in classes.split(",") if part.strip()]))
        return schools

    def validate_schools(self, field):
        schools = self.school_list()
        if schools and self.group_names():
            raise ValidationError(_l("Give groups or schools, not both"))
        if len(schools) > MAX_SCHOOLS:
            raise ValidationError(_l("Use %(max)d schools or fewer", max=MAX_SCHOOLS))
        names = [name for name, _classes in schools] + [
            name for _name, classes in schools for name in classes
        ]
        if any(len(name) > MAX_GROUP_NAME for name in names):
            raise ValidationError(_l("Keep each name to %(max)d characters", max=MAX_GROUP_NAME))
        if len({name.casefold() for name, _classes in schools}) != len(schools):
            raise ValidationError(_l("Give each school a different name"))
        for name, classes in schools:
            if len(classes) > MAX_GROUPS:
                raise ValidationError(
                    _l("%(school)s: use %(max)d classes or fewer", school=name, max=MAX_GROUPS)
                )
            if len({class_name.casefold() for class_name in classes}) != len(classes):
                raise ValidationError(_l("%(school)s: give each class a different name", school=name))

    def validate_groups(self, field):
        names = self.group_names()
        if len(names) > MAX_GROUPS:
            raise ValidationError(_l("Use %(max)d groups or fewer", max=MAX_GROUPS))
        if any(len(name) > MAX_GROUP_NAME for name in names):
            raise ValidationError(_l("Keep each group's name to %(max)d characters", max=MAX_GROUP_NAME))
        if len({name.casefold() for name in names}) != len(names):
            raise ValidationError(_l("Give each group a different name"))

    def validate_closes_on(self, field):
        super().validate_closes_on(field)
        if field.data is not None and field.data < clock.today():
            raise ValidationError(_l("The closing day must be today or later"))


class CodeForm(FlaskForm):
    code = StringField(
        _l("Type your code"), validators=[InputRequired(_l("Type the code your teacher gave you"))]
    )


class StartForm(FlaskForm):
    group = RadioField(_l("Which is your group?"), choices=[], validate_choice=False)


class DeleteConsultationForm(FlaskForm):
    confirm_title = StringField(_l("Type the consultation's title to confirm"))
