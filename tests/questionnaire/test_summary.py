"""'Here is your day': each answer in words a person reads, school day beside weekend."""

from pathlib import Path

import pytest

from dayinmylife.questionnaire.loader import load_questionnaire
from dayinmylife.questionnaire.model import Answer
from dayinmylife.questionnaire.shown import shown
from dayinmylife.questionnaire.summary import day_summary

SMALL_DAY = Path(__file__).parents[1] / "fixtures" / "small_day.yaml"


@pytest.fixture(scope="module")
def day():
    return load_questionnaire(SMALL_DAY)


def row(summary, question_id):
    return next(row for part in summary for row in part.rows if row.question.id == question_id)


def labels(shown_answer) -> list[str]:
    return [option.label for option in shown_answer.options]


@pytest.mark.parametrize(
    "words",
    [
        "Mum shouts. Then we have toast.",
        "  spaces kept  ",
        "line one\nline two\r\n\tindented",
        "Ça va 😀 — <b>not bold</b> & \"quoted\" 'too' {{ x }}",
        "dont know",
        "I don't know",
    ],
)
def test_own_words_are_shown_exactly_as_written(day, words):
    answer = shown(day.questions_by_id["mornings_own_words"], Answer(words))
    assert answer.is_own_words
    assert answer.words == words
    assert answer.options == ()


def test_two_thousand_characters_of_own_words_are_shown_whole(day):
    words = "a" * 1999 + "z"
    assert shown(day.questions_by_id["mornings_own_words"], Answer(words)).words == words


def test_dont_know_in_own_words_is_shown_as_the_i_dont_know_option(day):
    answer = shown(day.questions_by_id["mornings_own_words"], Answer("dont_know"))
    assert not answer.is_own_words
    assert labels(answer) == ["I don't know"]


def test_a_skipped_question_is_shown_as_skipped(day):
    answer = shown(day.questions_by_id["who_wakes_you"], Answer(None, skipped=True))
    assert answer.skipped
    assert answer.options == ()
    assert answer.words is None


def test_a_skipped_own_words_question_is_shown_as_skipped_not_as_empty_words(day):
    answer = shown(day.questions_by_id["mornings_own_words"], Answer(None, skipped=True))
    assert answer.skipped
    assert not answer.is_own_words


def test_an_unanswered_question_shows_nothing(day):
    assert shown(day.questions_by_id["who_wakes_you"], None) is None


@pytest.mark.parametrize(
    ("value", "label"), [("dont_know", "I don't know"), ("rather_not_say", "I'd rather not say")]
)
def test_the_two_answers_always_offered_are_shown_by_their_words(day, value, label):
    assert labels(shown(day.questions_by_id["who_wakes_you"], Answer(value))) == [label]


def test_a_picked_option_is_shown_by_its_label_and_picture(day):
    answer = shown(day.questions_by_id["who_wakes_you"], Answer("alarm"))
    assert [(option.label, option.picture) for option in answer.options] == [("An alarm", "alarm-clock")]


def test_every_option_picked_is_shown_in_the_order_picked(day):
    answer = shown(day.questions_by_id["breakfast_food"], Answer(["toast", "cereal"]))
    assert labels(answer) == ["Toast", "Cereal"]


def test_built_in_answers_are_shown_by_their_words(day):
    assert labels(shown(day.questions_by_id["had_breakfast"], Answer("not_sure"))) == ["Not sure"]
    assert labels(shown(day.questions_by_id["feeling_at_school"], Answer("happy"))) == ["Happy"]
    assert labels(shown(day.questions_by_id["bedtime_time"], Answer("20:00"))) == ["20:00"]


def test_whether_an_answer_was_observed_or_reported_is_kept(day):
    assert (
        shown(day.questions_by_id["who_wakes_you"], Answer("alarm", source="observed")).source == "observed"
    )


def test_the_summary_lays_out_every_part_in_order(day):
    assert [part.part.id for part in day_summary(day, {})] == [
        "waking_up",
        "breakfast",
        "at_school",
        "bedtime",
    ]


def test_weekend_answers_are_shown_beside_the_school_day_when_the_weekend_is_different(day):
    answers = {
        ("had_breakfast", "school"): Answer("yes"),
        ("breakfast.weekend_different", "once"): Answer("yes"),
        ("had_breakfast", "weekend"): Answer("no"),
    }
    summary = day_summary(day, answers)
    shown_row = row(summary, "had_breakfast")
    assert labels(shown_row.school) == ["Yes"]
    assert labels(shown_row.weekend) == ["No"]
    assert labels(summary[1].weekend_different) == ["Yes"]


def test_weekend_answers_are_not_shown_when_the_child_later_said_the_weekend_is_the_same(day):
    answers = {
        ("had_breakfast", "school"): Answer("yes"),
        ("breakfast.weekend_different", "once"): Answer("no"),
        ("had_breakfast", "weekend"): Answer("no"),
    }
    shown_row = row(day_summary(day, answers), "had_breakfast")
    assert labels(shown_row.school) == ["Yes"]
    assert shown_row.weekend is None


def test_a_weekend_answer_no_longer_asked_because_of_a_condition_is_not_shown(day):
    answers = {
        ("breakfast.weekend_different", "once"): Answer("yes"),
        ("had_breakfast", "weekend"): Answer("no"),
        ("breakfast_food", "weekend"): Answer(["toast"]),
    }
    assert row(day_summary(day, answers), "breakfast_food").weekend is None


def test_a_school_day_answer_no_longer_asked_because_of_a_condition_is_not_shown(day):
    # They first said they have breakfast on school days and picked toast, then went back and said no.
    answers = {
        ("had_breakfast", "school"): Answer("no"),
        ("breakfast_food", "school"): Answer(["toast"]),
        ("breakfast.weekend_different", "once"): Answer("yes"),
        ("had_breakfast", "weekend"): Answer("yes"),
        ("breakfast_food", "weekend"): Answer(["cereal"]),
    }
    shown_row = row(day_summary(day, answers), "breakfast_food")
    assert labels(shown_row.weekend) == ["Cereal"]
    assert shown_row.school is None


def test_once_questions_have_one_answer_and_no_weekend(day):
    answers = {
        ("has_alarm_clock", "once"): Answer("yes"),
        ("waking_up.weekend_different", "once"): Answer("yes"),
    }
    shown_row = row(day_summary(day, answers), "has_alarm_clock")
    assert shown_row.once
    assert labels(shown_row.school) == ["Yes"]
    assert shown_row.weekend is None


def test_a_question_never_asked_has_no_row(day):
    summary = day_summary(day, {("had_breakfast", "school"): Answer("yes")})
    assert "hungry_at_bedtime" not in [row.question.id for part in summary for row in part.rows]


def test_a_part_asked_once_has_no_weekend_question_in_the_summary(day):
    at_school = day_summary(day, {})[2]
    assert at_school.part.id == "at_school"
    assert not at_school.weekend_asked
    assert at_school.weekend_different is None


def test_own_words_in_the_summary_are_exactly_as_written(day):
    words = "We get up late.\nNobody makes breakfast 🙁"
    shown_row = row(day_summary(day, {("mornings_own_words", "school"): Answer(words)}), "mornings_own_words")
    assert shown_row.school.words == words


def test_skipped_in_the_summary_is_shown_as_skipped(day):
    shown_row = row(
        day_summary(day, {("who_wakes_you", "school"): Answer(None, skipped=True)}), "who_wakes_you"
    )
    assert shown_row.school.skipped
