"""Reading sessions against each other: the weekend against a school day, one session against another, all of
them over time, and the areas of care an answer raises. Plain data in, plain data out: no Flask, no SQL.

Questions are matched by id, so sessions taken with different versions of a questionnaire compare: a question
one version did not have is "not asked then", never a change.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from dayinmylife.questionnaire import flow
from dayinmylife.questionnaire.builtins import FEELING_SCORES
from dayinmylife.questionnaire.model import (
    AREAS_OF_CARE,
    ONCE,
    SCHOOL,
    WEEKEND,
    Answer,
    CareLink,
    Part,
    Question,
    Questionnaire,
)
from dayinmylife.questionnaire.summary import ShownAnswer, shown

Answers = Mapping[tuple[str, str], Answer]

# What a session says for one question on one day.
ANSWERED = "answered"
SKIPPED = "skipped"
NOT_ASKED = "not_asked"  # the flow did not ask it (an "ask only if", or the weekend was not different)
NO_ANSWER = "no_answer"  # asked, but the session stopped before it
NOT_IN_VERSION = "not_in_version"  # the questionnaire the session used did not have it

# How one answer moved between two sessions.
CHANGED = "changed"
SAME = "same"
NEW = "new"  # answered now, not before
NO_LONGER_ANSWERED = "no_longer_answered"
NOT_ASKED_THEN = "not_asked_then"
UNANSWERED = "unanswered"  # no answer either time
LIKE_SCHOOL_DAY = "like_school_day"  # a weekend the child said was like a school day both times


@dataclass(frozen=True)
class SessionAnswers:
    """One session as the comparisons need it: which, when, its answers, and the version it used."""

    id: int
    started_at: str
    answers: Answers
    version: int | None = None


@dataclass(frozen=True)
class Said:
    """What a session says for one question on one day."""

    state: str
    question: Question | None = None
    stored: Answer | None = None
    like_school_day: bool = False  # a weekend answer carried over because the weekend is no different

    @property
    def answered(self) -> bool:
        return self.state == ANSWERED

    @cached_property
    def answer(self) -> ShownAnswer | None:
        """The answer in words and pictures (made only when a page shows it)."""
        return shown(self.question, self.stored) if self.stored is not None else None

    @property
    def values(self) -> tuple[str, ...]:
        """The answer's values, for comparing and matching (own words are one value)."""
        if not self.answered:
            return ()
        value = self.stored.value
        return tuple(value) if isinstance(value, list) else (value,)

    @property
    def key(self) -> tuple:
        """What two answers must share to be the same answer."""
        return (self.state, frozenset(self.values))


def days_of(question: Question) -> tuple[str, ...]:
    return (ONCE,) if question.days == "once" else (SCHOOL, WEEKEND)


class Reading:
    """One session's answers read against a questionnaire: what it asked and what the child said."""

    def __init__(self, questionnaire: Questionnaire, answers: Answers, known: Collection[str] | None = None):
        self.questionnaire, self.answers = questionnaire, answers
        self.known = known  # the questions the session's version had, where it differs from this file
        values = {key: answer.value for key, answer in answers.items()}
        self.asked = {step.key for step in flow.steps(questionnaire, values)}
        self.weekend = {part.id: values.get((part.weekend_question_id, ONCE)) for part in questionnaire.parts}

    def weekend_differs(self, part_id: str):
        """The answer to "is this part different at the weekend?": the value, or None if not given."""
        return self.weekend.get(part_id)

    def weekend_said(self, part: Part) -> Said:
        """What the child said to "is this part different at the weekend?"."""
        gate = flow.weekend_question(self.questionnaire, part)
        answer = self.answers.get((gate.id, ONCE))
        if answer is None:
            return Said(NO_ANSWER if (gate.id, ONCE) in self.asked else NOT_ASKED)
        return Said(SKIPPED if answer.skipped else ANSWERED, gate, answer)

    def said(self, question_id: str, day: str) -> Said:
        return Said(*self.lookup(question_id, day))

    def lookup(self, question_id: str, day: str) -> tuple[str, Question | None, Answer | None, bool]:
        """What a Said is made of: state, question, stored answer, and whether it is a school day's."""
        question = self.questionnaire.questions_by_id.get(question_id)
        if question is None or (self.known is not None and question_id not in self.known):
            return NOT_IN_VERSION, None, None, False
        if day == WEEKEND and flow.weekend_like_a_school_day(self.weekend.get(question.part_id)):
            return (*self.lookup(question_id, SCHOOL)[:3], True)
        answer = self.answers.get((question_id, day)) if (question_id, day) in self.asked else None
        if answer is None:
            return (NO_ANSWER if (question_id, day) in self.asked else NOT_ASKED), question, None, False
        return (SKIPPED if answer.skipped else ANSWERED), question, answer, False


def questions_in_version(
    questionnaire: Questionnaire, version: int, answers: Answers
) -> frozenset[str] | None:
    """Guess the questions an older version had from what was answered (None: this very version).

    Only the current file is loaded, so a question with no stored answer in a session of another version
    cannot be told apart from one that version never asked; calling it "not asked then" never invents a change.
    """
    if version == questionnaire.version:
        return None
    return frozenset(question_id for question_id, _day in answers)


def read_sessions(questionnaire: Questionnaire, sessions: Sequence[SessionAnswers]) -> list[Reading]:
    """Read each session once, for the functions that look across all of them."""
    return [Reading(questionnaire, session.answers, _known(questionnaire, session)) for session in sessions]


def _known(questionnaire: Questionnaire, session: SessionAnswers) -> frozenset[str] | None:
    if session.version is None:
        return None
    return questions_in_version(questionnaire, session.version, session.answers)


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


def raises(question: Question, link: CareLink, said: Said) -> bool:
    """Say whether an answer raises a care link: a named answer, or a time later or earlier than one."""
    if not said.answered:
        return False
    if link.answers:
        return bool(set(said.values) & set(link.answers))
    clocks = [option.value for option in question.options]
    positions = [clocks.index(value) for value in said.values if value in clocks]
    if not positions:
        return False
    if link.later_than is not None and positions[0] > clocks.index(link.later_than):
        return True
    return link.earlier_than is not None and positions[0] < clocks.index(link.earlier_than)


def care_prompts(questionnaire: Questionnaire, answers: Answers) -> list[AreaOfCare]:
    """Group the prompts a session's answers raise by area of care, what is going well first."""
    reading = Reading(questionnaire, answers)
    found: dict[str, list[CarePrompt]] = {}
    for question in questionnaire.questions:
        for link in question.care:
            raised_by = tuple(
                (day, said)
                for day in days_of(question)
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


def _signals(question: Question, said: Said) -> set[tuple[str, str, str]]:
    return {(link.signal, link.area, link.prompt) for link in question.care if raises(question, link, said)}


# One session against another


@dataclass(frozen=True)
class Reason:
    """Why a change may matter: a care prompt raised or gone, feelings moving, the child's words changing."""

    kind: str  # worth_exploring_raised | worth_exploring_gone | going_well_raised | going_well_gone |
    # feelings_moved | own_words_changed
    area: str | None = None
    prompt: str | None = None
    steps: int = 0


REASON_WEIGHTS = {
    "worth_exploring_raised": 50,
    "worth_exploring_gone": 45,
    "feelings_moved": 40,
    "going_well_gone": 35,
    "going_well_raised": 30,
    "own_words_changed": 20,
}


@dataclass(frozen=True)
class Change:
    question: Question
    day: str
    before: Said
    after: Said
    kind: str
    reasons: tuple[Reason, ...] = ()

    @property
    def weight(self) -> int:
        return max((REASON_WEIGHTS[reason.kind] for reason in self.reasons), default=0)


@dataclass(frozen=True)
class PartChanges:
    part: Part
    changes: tuple[Change, ...]

    def of_kind(self, *kinds: str) -> list[Change]:
        return [change for change in self.changes if change.kind in kinds]


@dataclass(frozen=True)
class StrayAnswer:
    """An answer to a question the questionnaire file no longer has."""

    question_id: str
    day: str
    before: Answer | None
    after: Answer | None


@dataclass(frozen=True)
class Comparison:
    parts: tuple[PartChanges, ...]
    highlights: tuple[Change, ...]  # the changes that matter most, most important first
    counts: dict[str, int]
    not_in_this_version: tuple[StrayAnswer, ...]


MOVED = (CHANGED, NEW, NO_LONGER_ANSWERED)
HIGHLIGHTS = 8


def session_changes(
    questionnaire_a: Questionnaire,
    answers_a: Answers,
    questionnaire_b: Questionnaire,
    answers_b: Answers,
    known_a: Collection[str] | None = None,
    known_b: Collection[str] | None = None,
) -> Comparison:
    """Compare an earlier session (a) with a later one (b), part by part, question by question and day.

    known_a / known_b name the questions a session's version had when it is not the file's version.
    """
    before, after = Reading(questionnaire_a, answers_a, known_a), Reading(questionnaire_b, answers_b, known_b)
    parts = tuple(
        PartChanges(part, tuple(_change(question, day, before, after) for question, day in questions))
        for part, questions in _parts_and_questions(questionnaire_b, questionnaire_a)
    )
    every = [change for part in parts for change in part.changes]
    ranked = sorted((c for c in every if c.kind in MOVED), key=lambda change: -change.weight)
    counts = {kind: sum(change.kind == kind for change in every) for kind in (*MOVED, SAME, NOT_ASKED_THEN)}
    strays = _stray_answers((questionnaire_a, answers_a), (questionnaire_b, answers_b))
    return Comparison(parts, tuple(ranked[:HIGHLIGHTS]), counts, strays)


def _parts_and_questions(newer: Questionnaire, older: Questionnaire):
    """Every part and question of either version, in the newer one's order, the older one's extras after."""
    seen: set[str] = set()
    for part in (*newer.parts, *older.parts):
        if part.id in seen:
            continue
        seen.add(part.id)
        questions = {}
        for version in (newer, older):
            for question in getattr(version.part(part.id), "questions", ()):
                questions.setdefault(question.id, question)
        yield part, [(question, day) for question in questions.values() for day in days_of(question)]


def _change(question: Question, day: str, before: Reading, after: Reading) -> Change:
    said_before, said_after = before.said(question.id, day), after.said(question.id, day)
    kind = _kind(said_before, said_after)
    reasons = _reasons(question, said_before, said_after) if kind in MOVED else ()
    return Change(question, day, said_before, said_after, kind, reasons)


def _kind(before: Said, after: Said) -> str:
    if NOT_IN_VERSION in (before.state, after.state):
        return NOT_ASKED_THEN
    if before.like_school_day and after.like_school_day:
        return LIKE_SCHOOL_DAY
    if before.answered and after.answered:
        return SAME if before.key == after.key else CHANGED
    if after.answered:
        return NEW
    if before.answered:
        return NO_LONGER_ANSWERED
    return SAME if before.key == after.key else UNANSWERED


def _reasons(question: Question, before: Said, after: Said) -> tuple[Reason, ...]:
    # A prompt only "goes away" for a new answer: a question no longer asked says nothing either way.
    old, new = (_signals(question, before), _signals(question, after)) if after.answered else (set(), set())
    reasons = [Reason(f"{signal}_raised", area, prompt) for signal, area, prompt in sorted(new - old)]
    reasons += [Reason(f"{signal}_gone", area, prompt) for signal, area, prompt in sorted(old - new)]
    steps = (
        feeling_score(after) - feeling_score(before) if feeling_score(before) and feeling_score(after) else 0
    )
    if abs(steps) >= 2:
        reasons.append(Reason("feelings_moved", steps=steps))
    if question.free_text and before.answered and after.answered:
        reasons.append(Reason("own_words_changed"))
    return tuple(sorted(reasons, key=lambda reason: -REASON_WEIGHTS[reason.kind]))


def _stray_answers(*sessions: tuple[Questionnaire, Answers]) -> tuple[StrayAnswer, ...]:
    (questionnaire_a, answers_a), (questionnaire_b, answers_b) = sessions
    stray = sorted(
        {key for key in answers_a if _is_stray(questionnaire_a, key[0])}
        | {key for key in answers_b if _is_stray(questionnaire_b, key[0])}
    )
    return tuple(
        StrayAnswer(qid, day, answers_a.get((qid, day)), answers_b.get((qid, day))) for qid, day in stray
    )


def _is_stray(questionnaire: Questionnaire, question_id: str) -> bool:
    part_id, _dot, rest = question_id.partition(".")
    if rest == "weekend_different":
        return questionnaire.part(part_id) is None
    return question_id not in questionnaire.questions_by_id


# All sessions over time


def feeling_score(said: Said) -> int | None:
    """A feelings answer as a number from 1 (very sad) to 5 (very happy); None for anything else."""
    values = said.values if said.answered else ()
    return FEELING_SCORES.get(values[0]) if len(values) == 1 else None


@dataclass(frozen=True)
class FeelingPoint:
    session: SessionAnswers
    said: Said
    score: int | None


@dataclass(frozen=True)
class FeelingSeries:
    """One feelings question on one day, across sessions, oldest first."""

    part: Part
    question: Question
    day: str
    points: tuple[FeelingPoint, ...]


def feelings_over_time(
    questionnaire: Questionnaire, sessions: Sequence[SessionAnswers], readings: list[Reading] | None = None
) -> list[FeelingSeries]:
    """List each feelings question's answers across sessions (oldest first), school day and weekend."""
    readings = readings or read_sessions(questionnaire, sessions)
    found = []
    for question in questionnaire.questions:
        if question.type != "feelings":
            continue
        for day in days_of(question):
            said = [reading.said(question.id, day) for reading in readings]
            if day == WEEKEND and all(s.like_school_day or not s.answered for s in said):
                continue  # the weekend line would only repeat the school day's
            points = tuple(FeelingPoint(s, x, feeling_score(x)) for s, x in zip(sessions, said, strict=True))
            if any(point.score for point in points):
                found.append(FeelingSeries(questionnaire.part_of(question), question, day, points))
    return found


@dataclass(frozen=True)
class Stretch:
    """Sessions in a row that said the same for a question on a day."""

    said: Said
    sessions: tuple[SessionAnswers, ...]


@dataclass(frozen=True)
class QuestionHistory:
    question: Question
    day: str
    stretches: tuple[Stretch, ...]

    @property
    def changed(self) -> bool:
        return len([stretch for stretch in self.stretches if stretch.said.answered]) > 1


def answer_history(
    questionnaire: Questionnaire,
    sessions: Sequence[SessionAnswers],
    question_id: str,
    day: str,
    readings: list[Reading] | None = None,
) -> QuestionHistory:
    """Follow one question on one day across sessions (oldest first), sessions that agree run together."""
    readings = readings or read_sessions(questionnaire, sessions)
    runs: list[tuple[tuple, tuple, list]] = []  # (key, what a Said is made of, sessions)
    for session, reading in zip(sessions, readings, strict=True):
        made_of = reading.lookup(question_id, day)
        key = (made_of[0], _values(made_of[2]) if made_of[0] == ANSWERED else frozenset())
        if runs and runs[-1][0] == key:
            if runs[-1][1][3] != made_of[3]:  # "same as a school day" only if true of every session
                runs[-1] = (key, (*runs[-1][1][:3], False), runs[-1][2])
            runs[-1][2].append(session)
        else:
            runs.append((key, made_of, [session]))
    stretches = tuple(Stretch(Said(*made_of), tuple(run)) for _key, made_of, run in runs)
    return QuestionHistory(questionnaire.questions_by_id[question_id], day, stretches)


def _values(answer: Answer) -> frozenset:
    return frozenset(answer.value) if isinstance(answer.value, list) else frozenset((answer.value,))


def histories(
    questionnaire: Questionnaire, sessions: Sequence[SessionAnswers], readings: list[Reading] | None = None
) -> list[tuple[Part, list[QuestionHistory]]]:
    """Every question's history, by part; a weekend line only where some weekend differed from school."""
    readings = readings or read_sessions(questionnaire, sessions)
    by_part = []
    for part in questionnaire.parts:
        found = []
        for question in part.questions:
            for day in days_of(question):
                history = answer_history(questionnaire, sessions, question.id, day, readings)
                if any(s.said.answered and not s.said.like_school_day for s in history.stretches):
                    found.append(history)
        by_part.append((part, found))
    return by_part
