"""How long each questionnaire is for a child: pages met and minutes at a child's pace (8 s a page)."""

import pytest

from dayinmylife.questionnaire import flow
from dayinmylife.questionnaire.length import READING_PAGES, length


@pytest.mark.parametrize(
    ("questionnaire_id", "fewest", "most"),
    [("baby", 49, 67), ("preschool", 35, 47), ("primary", 44, 64), ("teenager", 57, 84)],
)
def test_the_pages_a_child_meets_are_pinned(questionnaires, questionnaire_id, fewest, most):
    """A question added, or a weekend page, shows here first: the guidance asks for about ten minutes."""
    found = length(questionnaires[questionnaire_id])
    assert (found.fewest_pages, found.most_pages) == (fewest, most)


def test_a_primary_session_takes_a_child_at_most_ten_minutes(questionnaires):
    assert length(questionnaires["primary"]).most_minutes <= 10


def test_every_weekend_different_adds_a_page_per_question_asked_for_both_days(questionnaires):
    primary = questionnaires["primary"]
    found = length(primary)
    both_days = [q for q in primary.questions if q.days != "once" and q.ask_if is None]
    gates = len({flow.weekend_question(primary, primary.part_of(q)).id for q in both_days})
    assert found.fewest_pages >= READING_PAGES + gates + len(both_days)
    assert found.most_pages - found.fewest_pages >= len(both_days)
