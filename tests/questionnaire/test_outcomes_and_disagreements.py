"""Outcome status across sessions and disagreement between accounts, as pure functions."""

import pytest

from dayinmylife.questionnaire.disagreements import disagreements
from dayinmylife.questionnaire.model import Answer
from dayinmylife.questionnaire.outcomes import MET, NOT_ASKED, NOT_MET, Outcome, outcome_status

BREAKFAST = Outcome("I have breakfast before school", "had_breakfast", "school", ("yes",))
WEEKEND_BREAKFAST = Outcome("I have breakfast at weekends", "had_breakfast", "weekend", ("yes",))


@pytest.fixture
def primary(questionnaires):
    return questionnaires["primary"]


def test_an_outcome_is_met_when_the_answer_is_one_agreed(primary):
    assert outcome_status(primary, {("had_breakfast", "school"): Answer("yes")}, BREAKFAST) == MET
    assert outcome_status(primary, {("had_breakfast", "school"): Answer("no")}, BREAKFAST) == NOT_MET


@pytest.mark.parametrize(
    "answer", [None, Answer(None, skipped=True), Answer("dont_know"), Answer("rather_not_say")]
)
def test_an_outcome_not_answered_is_not_asked_rather_than_not_met(primary, answer):
    answers = {("had_breakfast", "school"): answer} if answer else {}
    assert outcome_status(primary, answers, BREAKFAST) == NOT_ASKED


def test_a_weekend_outcome_reads_the_school_day_when_the_weekend_is_the_same(primary):
    same = {("had_breakfast", "school"): Answer("yes"), ("breakfast.weekend_different", "once"): Answer("no")}
    assert outcome_status(primary, same, WEEKEND_BREAKFAST) == MET
    different = {
        **same,
        ("breakfast.weekend_different", "once"): Answer("yes"),
        ("had_breakfast", "weekend"): Answer("no"),
    }
    assert outcome_status(primary, different, WEEKEND_BREAKFAST) == NOT_MET


def test_an_outcome_on_a_question_no_longer_in_the_questionnaire_is_not_asked(primary):
    gone = Outcome("I walk the dog", "walks_the_dog", "school", ("yes",))
    assert outcome_status(primary, {("walks_the_dog", "school"): Answer("yes")}, gone) == NOT_ASKED


def test_accounts_that_differ_are_called_out(primary):
    child = {("who_wakes_you", "school"): Answer("myself")}
    parent = {("who_wakes_you", "school"): Answer("grown_up")}
    found = disagreements(primary, {"child": child, "parent_carer": parent})
    assert [(d.question.id, d.day) for d in found] == [("who_wakes_you", "school")]
    assert (
        found[0].answers["child"].value == "myself" and found[0].answers["parent_carer"].value == "grown_up"
    )


def test_agreement_skips_and_dont_knows_are_not_disagreements(primary):
    child = {("who_wakes_you", "school"): Answer("alarm"), ("had_breakfast", "school"): Answer("dont_know")}
    parent = {("who_wakes_you", "school"): Answer("alarm"), ("had_breakfast", "school"): Answer("no")}
    assert disagreements(primary, {"child": child, "parent_carer": parent}) == []


def test_own_words_never_count_as_a_disagreement(primary):
    words = next(q for q in primary.questions if q.type == "own_words")
    day = "once" if words.days == "once" else "school"
    child = {(words.id, day): Answer("Mum is asleep")}
    parent = {(words.id, day): Answer("I get him up")}
    assert disagreements(primary, {"child": child, "parent_carer": parent}) == []


def test_pick_several_disagree_only_when_the_choices_differ(primary):
    question = next(q for q in primary.questions if q.type == "pick_many" and q.days == "both")
    a, b = question.options[0].value, question.options[1].value
    same = disagreements(
        primary,
        {
            "child": {(question.id, "school"): Answer([a, b])},
            "practitioner": {(question.id, "school"): Answer([b, a])},
        },
    )
    assert same == []
    differ = disagreements(
        primary,
        {
            "child": {(question.id, "school"): Answer([a])},
            "practitioner": {(question.id, "school"): Answer([b])},
        },
    )
    assert len(differ) == 1
