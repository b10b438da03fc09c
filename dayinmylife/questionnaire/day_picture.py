"""One session read as a picture of the day: what differs at the weekend, the day part by part, the areas of care it touches."""

from __future__ import annotations

from dataclasses import dataclass

from dayinmylife.questionnaire.care import raises
from dayinmylife.questionnaire.model import (
    AREAS_OF_CARE,
    ONCE,
    SCHOOL,
    WEEKEND,
    CareLink,
    Part,
    Question,
    Questionnaire,
)
from dayinmylife.questionnaire.reading import ANSWERED, NOT_ASKED, SKIPPED, Answers, Reading, Said

# School day against weekend


@dataclass(frozen=True)
class WeekendDifference:
    question: Question
    school: Said
    weekend: Said


@dataclass(frozen=True)
class WeekendCallout:
    """A part of the day the child said is different at the weekend, and the answers that differ."""

    part: Part
    differences: tuple[WeekendDifference, ...]


def weekend_differences(questionnaire: Questionnaire, answers: Answers) -> list[WeekendCallout]:
    """List, per part the child said is different at the weekend, the weekend answers unlike a school day."""
    reading = Reading(questionnaire, answers)
    return [
        _weekend_callout(reading, part)
        for part in questionnaire.parts
        if reading.weekend_differs(part.id) == "yes"
    ]


def _weekend_callout(reading: Reading, part: Part) -> WeekendCallout:
    differences = []
    for question in part.questions:
        if question.days != "both":
            continue
        school, weekend = reading.said(question.id, SCHOOL), reading.said(question.id, WEEKEND)
        # A weekend question the flow skipped follows from an answer above it: that one is called out.
        if weekend.state in (ANSWERED, SKIPPED) and weekend.key != school.key:
            differences.append(WeekendDifference(question, school, weekend))
    return WeekendCallout(part, tuple(differences))


# The day as a picture


@dataclass(frozen=True)
class PictureRow:
    """One question in the day picture: what was said on a school day and at the weekend, or once."""

    question: Question
    school: Said | None = None
    weekend: Said | None = None
    once: Said | None = None


@dataclass(frozen=True)
class PicturePart:
    part: Part
    weekend: Said  # the answer to "is this part different at the weekend?"
    rows: tuple[PictureRow, ...]
    callout: WeekendCallout | None

    @property
    def daily_rows(self) -> list[PictureRow]:
        return [row for row in self.rows if row.once is None]

    @property
    def once_rows(self) -> list[PictureRow]:
        return [row for row in self.rows if row.once is not None]

    @property
    def weekend_is(self) -> str | None:
        """yes / no when the child said whether the weekend is different, else None."""
        values = self.weekend.values if self.weekend.answered else ()
        return values[0] if values and values[0] in ("yes", "no") else None


@dataclass(frozen=True)
class DayPicture:
    parts: tuple[PicturePart, ...]
    weekend: tuple[WeekendCallout, ...]
    care: tuple[AreaOfCare, ...]


def day_picture(questionnaire: Questionnaire, answers: Answers) -> DayPicture:
    """Lay a session out as the day from morning to night, with the weekend and the areas of care."""
    reading = Reading(questionnaire, answers)
    parts = tuple(_picture_part(reading, part) for part in questionnaire.parts)
    callouts = tuple(part.callout for part in parts if part.callout)
    return DayPicture(parts, callouts, tuple(care_prompts(questionnaire, answers)))


def _picture_part(reading: Reading, part: Part) -> PicturePart:
    rows = []
    for question in part.questions:
        if question.days == "once":
            row = PictureRow(question, once=reading.said(question.id, ONCE))
        else:
            row = PictureRow(question, reading.said(question.id, SCHOOL), reading.said(question.id, WEEKEND))
        if any(said and said.state != NOT_ASKED for said in (row.school, row.weekend, row.once)):
            rows.append(row)
    callout = _weekend_callout(reading, part) if reading.weekend_differs(part.id) == "yes" else None
    return PicturePart(part, reading.weekend_said(part), tuple(rows), callout)


# Areas of care


@dataclass(frozen=True)
class CarePrompt:
    """A prompt for professional judgement, and the answers (day, what was said) that raised it."""

    link: CareLink
    question: Question
    raised_by: tuple[tuple[str, Said], ...]


@dataclass(frozen=True)
class AreaOfCare:
    area: str
    going_well: tuple[CarePrompt, ...]
    worth_exploring: tuple[CarePrompt, ...]


def care_prompts(questionnaire: Questionnaire, answers: Answers) -> list[AreaOfCare]:
    """Group the prompts a session's answers raise by area of care, what is going well first."""
    reading = Reading(questionnaire, answers)
    found: dict[str, list[CarePrompt]] = {}
    for question in questionnaire.questions:
        for link in question.care:
            raised_by = tuple(
                (day, said)
                for day in question.day_kinds
                if raises(question, link, said := reading.said(question.id, day)) and not said.like_school_day
            )
            if raised_by:
                found.setdefault(link.area, []).append(CarePrompt(link, question, raised_by))
    return [
        AreaOfCare(
            area,
            tuple(prompt for prompt in found[area] if prompt.link.signal == "going_well"),
            tuple(prompt for prompt in found[area] if prompt.link.signal == "worth_exploring"),
        )
        for area in AREAS_OF_CARE
        if area in found
    ]
