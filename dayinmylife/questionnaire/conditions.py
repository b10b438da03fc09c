"""A safe evaluator for "ask only if ..." conditions: plain data in, True or False out, never `eval`."""

from collections.abc import Callable
from typing import Any

from dayinmylife.questionnaire.model import NOT_A_REAL_ANSWER

# Reads the answer a condition refers to: a value, a list of values (pick several), or None.
AnswerLookup = Callable[[str], Any]


def holds(condition: dict | None, answer_of: AnswerLookup) -> bool:
    """Evaluate a condition; no condition means the question is always asked."""
    if condition is None:
        return True
    if "all" in condition:
        return all(holds(part, answer_of) for part in condition["all"])
    if "any" in condition:
        return any(holds(part, answer_of) for part in condition["any"])
    if "not" in condition:
        return not holds(condition["not"], answer_of)
    values = _as_values(answer_of(condition["question"]))
    if "any_of" in condition:
        return bool(values & set(condition["any_of"]))
    if "answered" in condition:
        return bool(values - set(NOT_A_REAL_ANSWER)) == condition["answered"]
    raise ValueError(f"unknown condition {condition!r}")


def named_questions(condition: dict | None) -> list[tuple[str, list[str]]]:
    """List (question id, values named) for every question a condition refers to."""
    if condition is None:
        return []
    for key in ("all", "any"):
        if key in condition:
            return [named for part in condition[key] for named in named_questions(part)]
    if "not" in condition:
        return named_questions(condition["not"])
    return [(condition["question"], list(condition.get("any_of", [])))]


def _as_values(answer: Any) -> set[str]:
    if answer is None:
        return set()
    if isinstance(answer, list | tuple):
        return set(answer)
    return {answer}
