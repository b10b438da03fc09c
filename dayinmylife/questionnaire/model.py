"""The questionnaire as plain data: parts of the day, questions and their options."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHOOL = "school"
WEEKEND = "weekend"
ONCE = "once"
DAY_KINDS = (SCHOOL, WEEKEND, ONCE)

DONT_KNOW = "dont_know"
RATHER_NOT_SAY = "rather_not_say"
NOT_A_REAL_ANSWER = (DONT_KNOW, RATHER_NOT_SAY)

QUESTION_TYPES = (
    "pick_one",
    "pick_many",
    "feelings",
    "how_often",
    "yes_no",
    "time_of_day",
    "own_words",
    "sorting",
)
# How a child showed an answer, as the practitioner sitting with them records it (`record_shown_by`).
SHOWN_BY = ("pointed", "eye_gaze", "sign", "vocalised", "behaviour", "words")
AREAS_OF_CARE = (
    "basic_care",
    "ensuring_safety",
    "emotional_warmth",
    "stimulation",
    "guidance_and_boundaries",
    "stability",
)
OWN_WORDS_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Answer:
    """One stored answer: a value (a list for "pick several"), or skipped (value None)."""

    value: Any
    skipped: bool = False
    source: str | None = None  # observed | reported, where the questionnaire records it
    language: str | None = None  # the session's language: the one own words were written in
    shown_by: tuple[str, ...] = ()  # how the child showed it (SHOWN_BY), where the practitioner recorded it

    @property
    def values(self) -> tuple:
        """The values given, one for most questions, several for "pick several"; none when skipped."""
        if self.value is None:
            return ()
        return tuple(self.value) if isinstance(self.value, list) else (self.value,)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    picture: str
    adult_label: str | None = None  # where the label speaks as the child: "{name} wakes up on their own"


@dataclass(frozen=True)
class ReportGroup:
    """Answers a consultation's results show as one row where one of them alone would be too few to show."""

    value: str
    label: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class Board:
    """A sorting board: pictures the child puts on "good", "not sure" or "not good", one question each."""

    id: str  # names the board in the file; never stored
    prompt: str
    items: tuple[str, ...]  # its questions' ids, in order
    adult_prompt: str | None = None


@dataclass(frozen=True)
class CareLink:
    """A prompt for professional judgement raised by certain answers."""

    area: str
    signal: str  # worth_exploring | going_well
    prompt: str
    answers: tuple[str, ...] = ()
    later_than: str | None = None
    earlier_than: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    days: str  # both | once
    options: tuple[Option, ...]
    hint: str | None = None
    adult_prompt: str | None = (
        None  # for an adult giving their account of the child's day: "Who wakes {name} up?"
    )
    adult_hint: str | None = None
    ask_if: Any = None
    care: tuple[CareLink, ...] = ()
    alert: tuple[str, ...] = ()  # answers that tell the child's worker at once (questionnaires/README.md)
    report_together: tuple[ReportGroup, ...] = ()
    part_id: str = ""
    clock_range: tuple[str, str] | None = None  # time_of_day: the first and last clock as written
    board: Board | None = None  # sorting: the board this picture is sorted on
    label: str | None = None  # sorting: the picture's word
    picture: str | None = None  # sorting: the picture sorted

    @property
    def multiple(self) -> bool:
        return self.type == "pick_many"

    @property
    def free_text(self) -> bool:
        return self.type == "own_words"

    @property
    def day_kinds(self) -> tuple[str, ...]:
        """The days it is asked about: once, or a school day and the weekend."""
        return (ONCE,) if self.days == "once" else (SCHOOL, WEEKEND)

    def alerting(self, value: Any) -> tuple[str, ...]:
        """The answers among those given (one value or a list) that raise an alert."""
        given = value if isinstance(value, list) else [value]
        return tuple(answer for answer in given if answer in self.alert)

    def option(self, value: str) -> Option | None:
        return next((option for option in self.options if option.value == value), None)


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    picture: str
    questions: tuple[Question, ...]

    @property
    def asks_about_weekend(self) -> bool:
        """Whether this part is followed by "is this different at the weekend?"."""
        return any(question.days == "both" for question in self.questions)

    @property
    def weekend_question_id(self) -> str:
        # A "." never appears in an authored id, so this key cannot clash with one.
        return f"{self.id}.weekend_different"


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: int
    title: str
    answered_by: str
    record_source: bool
    age_from: int
    age_to: int
    school_day: str
    weekend: str
    weekend_question: str
    intro: str
    parts: tuple[Part, ...]
    adult_weekend_question: str | None = None
    wording: str = (
        "child"  # "adult": the same questions worded for an adult's account (questionnaire/wording.py)
    )
    chosen_by_age: bool = True  # False: only ever chosen by the practitioner (the disability version)
    record_shown_by: bool = False  # the practitioner records how the child showed each answer
    large_targets: bool = False  # every choice and button at least 88 px, for hands that move with difficulty
    questions_by_id: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        for part in self.parts:
            for question in part.questions:
                self.questions_by_id[question.id] = question

    @property
    def questions(self) -> list[Question]:
        return list(self.questions_by_id.values())

    def part(self, part_id: str) -> Part | None:
        return next((part for part in self.parts if part.id == part_id), None)

    def part_of(self, question: Question) -> Part:
        return self.part(question.part_id)

    def summary(self) -> str:
        return (
            f"{self.id} v{self.version}: {self.title!r}, ages {self.age_from}-{self.age_to}, "
            f"{len(self.parts)} parts, {len(self.questions_by_id)} questions"
        )
