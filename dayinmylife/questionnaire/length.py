"""How long a questionnaire is for a child: the pages they meet and the minutes at a child's pace.

Every question is a page, and so is each "is the weekend different?"; around them a child meets the welcome
and "who will see my answers" before the first question, and their answers and the thank-you after the last.
The count follows the flow with one child's answers: a choice's first option, every option of a "pick
several" (so every follow-up it opens is asked), own words given; either every part of the day the same at
the weekend (the fewest pages) or every part different (the most).
"""

from __future__ import annotations

from dataclasses import dataclass

from dayinmylife.questionnaire import flow
from dayinmylife.questionnaire.model import NOT_A_REAL_ANSWER, Questionnaire

READING_PAGES = 4  # welcome, who will see my answers, my answers, thank you
SECONDS_A_PAGE = 8  # a child's pace, as the whole-school benchmark models it


@dataclass(frozen=True)
class Length:
    fewest_pages: int  # every part of the day the same at the weekend
    most_pages: int  # every part different at the weekend

    @property
    def most_minutes(self) -> float:
        return self.most_pages * SECONDS_A_PAGE / 60

    @property
    def fewest_minutes(self) -> float:
        return self.fewest_pages * SECONDS_A_PAGE / 60


def length(questionnaire: Questionnaire) -> Length:
    """The pages a child meets, weekends all the same and all different."""
    return Length(
        _pages(questionnaire, weekend_different=False), _pages(questionnaire, weekend_different=True)
    )


def _pages(questionnaire: Questionnaire, weekend_different: bool) -> int:
    answers: dict[tuple[str, str], object] = {}
    while step := flow.first_unanswered(flow.steps(questionnaire, answers), set(answers)):
        answers[step.key] = _answer(step, weekend_different)
    return READING_PAGES + len(answers)


def _answer(step: flow.Step, weekend_different: bool):
    if step.is_weekend_question:
        return "yes" if weekend_different else "no"
    question = step.question
    if question.free_text:
        return "In my own words."
    real = [option.value for option in question.options if option.value not in NOT_A_REAL_ANSWER]
    return real if question.multiple else real[0]
