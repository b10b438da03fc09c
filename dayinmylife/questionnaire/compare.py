"""One session against another: what changed, and why it may matter."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from dayinmylife.questionnaire.care import signals
from dayinmylife.questionnaire.model import (
    Answer,
    Part,
    Question,
    Questionnaire,
)
from dayinmylife.questionnaire.reading import NOT_IN_VERSION, Answers, Reading, Said, feeling_score

# How one answer moved between two sessions.
CHANGED = "changed"
SAME = "same"
NEW = "new"  # answered now, not before
NO_LONGER_ANSWERED = "no_longer_answered"
NOT_ASKED_THEN = "not_asked_then"
UNANSWERED = "unanswered"  # no answer either time
LIKE_SCHOOL_DAY = "like_school_day"  # a weekend the child said was like a school day both times


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
        yield part, [(question, day) for question in questions.values() for day in question.day_kinds]


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
    old, new = (signals(question, before), signals(question, after)) if after.answered else (set(), set())
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
