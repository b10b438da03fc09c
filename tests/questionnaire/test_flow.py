"""What a questionnaire asks, in order: part by part, school day first, the weekend only after a "yes"."""

from pathlib import Path

import pytest

from dayinmylife.questionnaire import flow, reading
from dayinmylife.questionnaire.loader import load_questionnaire
from dayinmylife.questionnaire.model import Answer

SMALL_DAY = Path(__file__).parents[1] / "fixtures" / "small_day.yaml"


@pytest.fixture(scope="module")
def day():
    return load_questionnaire(SMALL_DAY)


def asked(questionnaire, answers) -> list[tuple[str, str]]:
    return [step.key for step in flow.steps(questionnaire, answers)]


def test_with_no_answers_the_day_is_asked_part_by_part_with_a_weekend_question_after_each_part(day):
    assert asked(day, {}) == [
        ("has_alarm_clock", "once"),
        ("who_wakes_you", "school"),
        ("mornings_own_words", "school"),
        ("waking_up.weekend_different", "once"),
        ("had_breakfast", "school"),
        ("breakfast_food", "school"),
        ("breakfast.weekend_different", "once"),
        ("feeling_at_school", "once"),
        ("bedtime_time", "school"),
        ("bedtime.weekend_different", "once"),
    ]


def test_the_weekend_question_is_a_yes_no_with_the_questionnaires_wording(day):
    gate = flow.find_step(flow.steps(day, {}), "breakfast.weekend_different", "once")
    assert gate.is_weekend_question
    assert gate.part.id == "breakfast"
    assert gate.question.type == "yes_no"
    assert gate.question.prompt == "Is this part of your day different at the weekend?"
    assert [option.value for option in gate.question.options] == ["yes", "no", "not_sure"]


def test_a_part_with_only_once_questions_has_no_weekend_question(day):
    parts_asking = {step.part.id for step in flow.steps(day, {}) if step.is_weekend_question}
    assert parts_asking == {"waking_up", "breakfast", "bedtime"}


def test_weekend_questions_are_asked_only_after_a_yes_and_straight_after_it(day):
    keys = asked(day, {("breakfast.weekend_different", "once"): "yes"})
    gate = keys.index(("breakfast.weekend_different", "once"))
    assert keys[gate + 1 : gate + 3] == [("had_breakfast", "weekend"), ("breakfast_food", "weekend")]
    assert keys[gate + 3] == ("feeling_at_school", "once")


def test_a_yes_for_one_part_asks_only_that_parts_weekend(day):
    weekend = [
        key for key in asked(day, {("breakfast.weekend_different", "once"): "yes"}) if key[1] == "weekend"
    ]
    assert weekend == [("had_breakfast", "weekend"), ("breakfast_food", "weekend")]


@pytest.mark.parametrize("answer", ["no", "not_sure", None, "dont_know", "rather_not_say"])
def test_anything_but_yes_asks_no_weekend_questions(day, answer):
    answers = {
        (f"{part}.weekend_different", "once"): answer for part in ("waking_up", "breakfast", "bedtime")
    }
    assert not [key for key in asked(day, answers) if key[1] == "weekend"]


def test_once_questions_are_not_asked_again_at_the_weekend(day):
    answers = {("waking_up.weekend_different", "once"): "yes", ("has_alarm_clock", "once"): "yes"}
    keys = asked(day, answers)
    assert [key for key in keys if key[0] == "has_alarm_clock"] == [("has_alarm_clock", "once")]
    assert ("who_wakes_you", "weekend") in keys


def test_a_weekend_condition_reads_the_weekend_answer(day):
    answers = {
        ("had_breakfast", "school"): "yes",
        ("breakfast.weekend_different", "once"): "yes",
        ("had_breakfast", "weekend"): "no",
    }
    keys = asked(day, answers)
    assert ("breakfast_food", "school") in keys
    assert ("breakfast_food", "weekend") not in keys


def test_a_school_day_condition_reads_the_school_day_answer(day):
    answers = {
        ("had_breakfast", "school"): "no",
        ("breakfast.weekend_different", "once"): "yes",
        ("had_breakfast", "weekend"): "yes",
    }
    keys = asked(day, answers)
    assert ("breakfast_food", "school") not in keys
    assert ("breakfast_food", "weekend") in keys


def test_a_weekend_condition_on_a_once_question_reads_its_one_answer(day):
    answers = {("has_alarm_clock", "once"): "yes", ("waking_up.weekend_different", "once"): "yes"}
    keys = asked(day, answers)
    assert ("alarm_loud_enough", "school") in keys
    assert ("alarm_loud_enough", "weekend") in keys


def test_a_condition_on_an_earlier_part_asks_the_question_later_in_the_day(day):
    keys = asked(day, {("had_breakfast", "school"): "no"})
    assert keys.index(("hungry_at_bedtime", "school")) == keys.index(("bedtime_time", "school")) + 1


def test_a_weekend_condition_on_a_part_that_is_the_same_at_the_weekend_reads_the_school_day_answer(day):
    # No breakfast on school days, and breakfast is no different at the weekend: no breakfast then either.
    answers = {
        ("had_breakfast", "school"): "no",
        ("breakfast.weekend_different", "once"): "no",
        ("bedtime.weekend_different", "once"): "yes",
    }
    assert ("hungry_at_bedtime", "weekend") in asked(day, answers)


def test_resuming_starts_at_the_first_question_not_yet_answered(day):
    steps = flow.steps(day, {})
    resume = flow.first_unanswered(steps, {("has_alarm_clock", "once"), ("who_wakes_you", "school")})
    assert resume.key == ("mornings_own_words", "school")


def test_resuming_counts_a_skipped_question_as_answered(day):
    answers = {("has_alarm_clock", "once"): None, ("who_wakes_you", "school"): "alarm"}
    resume = flow.first_unanswered(flow.steps(day, answers), set(answers))
    assert resume.key == ("mornings_own_words", "school")


def test_resuming_goes_back_to_a_gap_before_later_answers(day):
    answered = {("has_alarm_clock", "once"), ("mornings_own_words", "school"), ("had_breakfast", "school")}
    assert flow.first_unanswered(flow.steps(day, {}), answered).key == ("who_wakes_you", "school")


def test_when_everything_is_answered_there_is_nothing_to_resume(day):
    steps = flow.steps(day, {})
    assert flow.first_unanswered(steps, {step.key for step in steps}) is None


def test_next_and_back_move_one_step_through_the_day(day):
    steps = flow.steps(day, {})
    gate = flow.find_step(steps, "waking_up.weekend_different", "once")
    assert flow.step_after(steps, gate).key == ("had_breakfast", "school")
    assert flow.step_before(steps, gate).key == ("mornings_own_words", "school")


def test_there_is_no_step_before_the_first_or_after_the_last(day):
    steps = flow.steps(day, {})
    assert flow.step_before(steps, steps[0]) is None
    assert flow.step_after(steps, steps[-1]) is None


def test_a_question_not_asked_for_these_answers_cannot_be_found(day):
    assert flow.find_step(flow.steps(day, {}), "hungry_at_bedtime", "school") is None


def test_weekend_differs_reports_each_parts_answer_to_the_weekend_question(day):
    answers = {("breakfast.weekend_different", "once"): "yes", ("bedtime.weekend_different", "once"): "no"}
    assert flow.weekend_differs(day, answers) == {"waking_up": None, "breakfast": "yes", "bedtime": "no"}


NOT_KNOWN = pytest.mark.parametrize(
    "gate", ["not_sure", None, "unanswered"], ids=["not sure", "skipped", "not yet"]
)


@NOT_KNOWN
def test_a_weekend_not_known_to_be_like_a_school_day_assumes_nothing_from_the_school_day(day, gate):
    # No breakfast on school days; whether breakfast is different at the weekend is not known. Only a "no"
    # makes the school day's answer hold at the weekend, so the weekend follow-up does not assume it.
    answers = {("had_breakfast", "school"): "no", ("bedtime.weekend_different", "once"): "yes"}
    if gate != "unanswered":
        answers[("breakfast.weekend_different", "once")] = gate  # None: the child skipped it
    assert ("hungry_at_bedtime", "school") in asked(day, answers)
    assert ("hungry_at_bedtime", "weekend") not in asked(day, answers)
    assert flow.answer_for_day(day, answers, "had_breakfast", "weekend") is None


@pytest.mark.parametrize(
    "gate, like_a_school_day",
    [("no", True), ("yes", False), ("not_sure", False), (None, False), ("dont_know", False)],
)
def test_the_weekend_rule_in_one_place(gate, like_a_school_day):
    assert flow.weekend_like_a_school_day(gate) is like_a_school_day


@NOT_KNOWN
def test_the_session_page_and_the_comparison_read_a_weekend_not_known_as_not_known(day, gate):
    values = {("had_breakfast", "school"): "no"}
    if gate != "unanswered":
        values[("breakfast.weekend_different", "once")] = gate
    answers = {key: Answer(value, skipped=value is None) for key, value in values.items()}
    read = reading.Reading(day, answers)
    assert read.said("had_breakfast", "weekend").state == reading.NOT_ASKED  # never the school day's "no"
    said_no = reading.Reading(day, {**answers, ("breakfast.weekend_different", "once"): Answer("no")})
    assert said_no.said("had_breakfast", "weekend").stored.value == "no"  # a "no": the school day holds
