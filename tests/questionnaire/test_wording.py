"""A questionnaire worded for an adult's account: every question about the child by name, the same ids and
answers, so a parent's account compares answer by answer with the child's."""

import re

import pytest

from dayinmylife.questionnaire import flow
from dayinmylife.questionnaire.loader import load_all
from dayinmylife.questionnaire.wording import for_adults

FIRST_PERSON = re.compile(r"\b(I|I'm|I've|me|my|myself|mine)\b", re.IGNORECASE)  # the child speaking
ANSWERED_BY_CHILDREN = ("preschool", "primary", "teenager")


@pytest.mark.parametrize("questionnaire_id", ANSWERED_BY_CHILDREN)
def test_every_question_an_adult_is_asked_speaks_of_the_child_never_to_them(questionnaire_id):
    child = load_all()[questionnaire_id]
    adult = for_adults(child)
    assert adult.wording == "adult" and for_adults(child) is adult  # built once
    assert "{name}" in adult.weekend_question
    for question in adult.questions:
        asked = child.questions_by_id[question.id]
        assert question.prompt == asked.adult_prompt and "{name}" in question.prompt, question.id
        if asked.hint:
            assert question.hint == asked.adult_hint, question.id
        assert [option.value for option in question.options] == [option.value for option in asked.options]
        for option in question.options:
            assert not FIRST_PERSON.search(option.label), (question.id, option.label)


def test_the_adult_wording_walks_the_same_steps_as_the_child_s():
    child = load_all()["primary"]
    adult = for_adults(child)
    answers = {("breakfast.weekend_different", "once"): "yes", ("had_breakfast", "school"): "no"}
    assert [(step.question.id, step.day) for step in flow.steps(adult, answers)] == [
        (step.question.id, step.day) for step in flow.steps(child, answers)
    ]


def test_a_questionnaire_an_adult_answers_already_is_its_own_adult_wording():
    baby = load_all()["baby"]
    assert for_adults(baby) is baby
