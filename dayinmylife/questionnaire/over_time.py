"""All of a child's sessions over time: feelings and each answer's history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dayinmylife.questionnaire.model import (
    WEEKEND,
    Answer,
    Part,
    Question,
    Questionnaire,
)
from dayinmylife.questionnaire.reading import (
    ANSWERED,
    Reading,
    Said,
    SessionAnswers,
    feeling_score,
    read_sessions,
)

# All sessions over time


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
        for day in question.day_kinds:
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
    return frozenset(answer.values)


def histories(
    questionnaire: Questionnaire, sessions: Sequence[SessionAnswers], readings: list[Reading] | None = None
) -> list[tuple[Part, list[QuestionHistory]]]:
    """Every question's history, by part; a weekend line only where some weekend differed from school."""
    readings = readings or read_sessions(questionnaire, sessions)
    by_part = []
    for part in questionnaire.parts:
        found = []
        for question in part.questions:
            for day in question.day_kinds:
                history = answer_history(questionnaire, sessions, question.id, day, readings)
                if any(s.said.answered and not s.said.like_school_day for s in history.stretches):
                    found.append(history)
        by_part.append((part, found))
    return by_part
