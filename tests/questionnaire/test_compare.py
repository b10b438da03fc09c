"""Reading sessions against each other: weekend against school day, months side by side, care prompts."""

from dataclasses import replace
from pathlib import Path

import pytest

from dayinmylife.questionnaire import care, compare, day_picture, over_time, reading
from dayinmylife.questionnaire.builtins import time_options
from dayinmylife.questionnaire.loader import QUESTIONNAIRES_DIR, load_questionnaire
from dayinmylife.questionnaire.model import Answer

SMALL_DAY = Path(__file__).parents[1] / "fixtures" / "small_day.yaml"


@pytest.fixture(scope="module")
def day():
    return load_questionnaire(SMALL_DAY)


@pytest.fixture(scope="module")
def primary():
    return load_questionnaire(QUESTIONNAIRES_DIR / "primary.yaml")


def answers(**by_key) -> dict:
    """Answers from keyword arguments: who_wakes_you__school="alarm"; None is a skip."""
    found = {}
    for key, value in by_key.items():
        question_id, _sep, day = key.rpartition("__")
        question_id = question_id.replace("__", ".")
        found[(question_id, day)] = Answer(value, skipped=value is None)
    return found


def without_question(questionnaire, question_id, version=2):
    """The same questionnaire without one question, as a later or earlier version might be."""
    parts = tuple(
        replace(part, questions=tuple(q for q in part.questions if q.id != question_id))
        for part in questionnaire.parts
    )
    return replace(questionnaire, version=version, parts=parts, questions_by_id={})


def change(comparison, question_id, day):
    return next(
        c for part in comparison.parts for c in part.changes if (c.question.id, c.day) == (question_id, day)
    )


def labels(said) -> list[str]:
    return [option.label for option in said.answer.options]


# School day against weekend


def test_a_weekend_without_breakfast_is_called_out(day):
    given = answers(
        had_breakfast__school="yes",
        breakfast_food__school=["toast"],
        breakfast__weekend_different__once="yes",
        had_breakfast__weekend="no",
    )
    [callout] = day_picture.weekend_differences(day, given)
    assert callout.part.id == "breakfast"
    [difference] = callout.differences  # what they eat follows from "no": it is not called out again
    assert difference.question.id == "had_breakfast"
    assert labels(difference.school) == ["Yes"] and labels(difference.weekend) == ["No"]


def test_a_later_weekend_bedtime_is_called_out_with_its_clock(day):
    given = answers(
        bedtime_time__school="20:00", bedtime__weekend_different__once="yes", bedtime_time__weekend="22:00"
    )
    [callout] = day_picture.weekend_differences(day, given)
    assert [d.weekend.values for d in callout.differences] == [("22:00",)]


def test_a_weekend_like_a_school_day_is_not_called_out(day):
    given = answers(had_breakfast__school="no", breakfast__weekend_different__once="no")
    assert day_picture.weekend_differences(day, given) == []


def test_a_weekend_said_to_differ_with_the_same_answers_has_no_differences(day):
    given = answers(
        had_breakfast__school="no", breakfast__weekend_different__once="yes", had_breakfast__weekend="no"
    )
    [callout] = day_picture.weekend_differences(day, given)
    assert callout.differences == ()


def test_a_skipped_weekend_answer_is_called_out_as_silence(day):
    given = answers(
        had_breakfast__school="yes", breakfast__weekend_different__once="yes", had_breakfast__weekend=None
    )
    [callout] = day_picture.weekend_differences(day, given)
    assert callout.differences[0].weekend.state == reading.SKIPPED


# One session against another


def test_changed_same_and_new_answers_are_told_apart(day):
    before = answers(
        who_wakes_you__school="alarm", had_breakfast__school="no", waking_up__weekend_different__once="no"
    )
    after = answers(
        who_wakes_you__school="grown_up",
        had_breakfast__school="yes",
        breakfast_food__school=["toast"],
        waking_up__weekend_different__once="no",
        has_alarm_clock__once="no",
    )
    comparison = compare.session_changes(day, before, day, after)
    assert change(comparison, "who_wakes_you", "school").kind == compare.CHANGED
    assert change(comparison, "breakfast_food", "school").kind == compare.NEW
    assert change(comparison, "has_alarm_clock", "once").kind == compare.NEW


def test_the_same_answer_in_another_order_is_the_same(day):
    before = answers(had_breakfast__school="yes", breakfast_food__school=["toast", "cereal"])
    after = answers(had_breakfast__school="yes", breakfast_food__school=["cereal", "toast"])
    assert (
        change(compare.session_changes(day, before, day, after), "breakfast_food", "school").kind
        == compare.SAME
    )


def test_an_answer_skipped_the_second_time_is_no_longer_answered(day):
    before = answers(who_wakes_you__school="alarm")
    after = answers(who_wakes_you__school=None)
    found = change(compare.session_changes(day, before, day, after), "who_wakes_you", "school")
    assert found.kind == compare.NO_LONGER_ANSWERED and found.after.state == reading.SKIPPED


def test_a_question_missing_from_one_version_is_not_asked_then_not_a_change(day):
    older = without_question(day, "feeling_at_school", version=1)
    before = answers(who_wakes_you__school="alarm")
    after = answers(who_wakes_you__school="alarm", feeling_at_school__once="happy")
    comparison = compare.session_changes(older, before, day, after)
    found = change(comparison, "feeling_at_school", "once")
    assert found.kind == compare.NOT_ASKED_THEN
    assert found.before.state == reading.NOT_IN_VERSION
    assert found not in comparison.highlights
    assert comparison.counts[compare.NOT_ASKED_THEN] == 1


def test_a_question_dropped_in_the_newer_version_is_not_asked_then(day):
    newer = without_question(day, "who_wakes_you")
    before = answers(who_wakes_you__school="alarm")
    after = answers()
    assert change(compare.session_changes(day, before, newer, after), "who_wakes_you", "school").kind == (
        compare.NOT_ASKED_THEN
    )


def test_an_answer_to_a_question_no_longer_in_the_file_is_kept_aside_not_a_crash(day):
    before = answers(favourite_colour__once="blue", who_wakes_you__school="alarm")
    after = answers(favourite_colour__once="green", who_wakes_you__school="alarm")
    comparison = compare.session_changes(day, before, day, after)
    [stray] = comparison.not_in_this_version
    assert (stray.question_id, stray.before.value, stray.after.value) == ("favourite_colour", "blue", "green")


def test_a_session_of_an_older_version_does_not_count_unanswered_new_questions_as_changes(day):
    before = answers(who_wakes_you__school="alarm")
    known = reading.questions_in_version(day, version=0, answers=before)
    after = answers(who_wakes_you__school="alarm", has_alarm_clock__once="yes")
    comparison = compare.session_changes(day, before, day, after, known_a=known)
    assert change(comparison, "has_alarm_clock", "once").kind == compare.NOT_ASKED_THEN
    assert reading.questions_in_version(day, version=day.version, answers=before) is None


def test_a_weekend_like_a_school_day_both_times_is_not_a_second_change(day):
    before = answers(had_breakfast__school="no", breakfast__weekend_different__once="no")
    after = answers(had_breakfast__school="yes", breakfast__weekend_different__once="no")
    comparison = compare.session_changes(day, before, day, after)
    assert change(comparison, "had_breakfast", "school").kind == compare.CHANGED
    assert change(comparison, "had_breakfast", "weekend").kind == compare.LIKE_SCHOOL_DAY


def test_a_weekend_that_became_different_compares_with_the_school_day_it_was_like(day):
    before = answers(had_breakfast__school="yes", breakfast__weekend_different__once="no")
    after = answers(
        had_breakfast__school="yes", breakfast__weekend_different__once="yes", had_breakfast__weekend="no"
    )
    found = change(compare.session_changes(day, before, day, after), "had_breakfast", "weekend")
    assert found.kind == compare.CHANGED
    assert found.before.like_school_day and labels(found.before) == ["Yes"]


def test_changes_touching_areas_of_care_come_first_in_the_summary(primary):
    before = answers(
        who_wakes_you__school="alarm",
        had_breakfast__school="no",
        evening_activities__school=["tv"],
        feeling_at_school__once="okay",
    )
    after = answers(
        who_wakes_you__school="alarm",
        had_breakfast__school="yes",
        evening_activities__school=["games"],
        feeling_at_school__once="okay",
    )
    highlights = compare.session_changes(primary, before, primary, after).highlights
    assert highlights[0].question.id == "had_breakfast"
    kinds = {reason.kind for reason in highlights[0].reasons}
    assert kinds == {"worth_exploring_gone", "going_well_raised"}
    assert highlights[-1].question.id == "evening_activities" and highlights[-1].reasons == ()


def test_feelings_moving_two_steps_matter_but_one_step_does_not(primary):
    def reasons(before, after):
        comparison = compare.session_changes(
            primary, answers(feeling_at_school__once=before), primary, answers(feeling_at_school__once=after)
        )
        return [
            r for r in change(comparison, "feeling_at_school", "once").reasons if r.kind == "feelings_moved"
        ]

    assert reasons("okay", "happy") == []
    [moved] = reasons("sad", "happy")
    assert moved.steps == 2
    assert reasons("very_happy", "okay")[0].steps == -2


def test_the_childs_own_words_changing_is_a_change_that_matters(day):
    before = answers(mornings_own_words__school="Nobody is up.")
    after = answers(mornings_own_words__school="Mum makes toast.")
    found = change(compare.session_changes(day, before, day, after), "mornings_own_words", "school")
    assert found.kind == compare.CHANGED and found.reasons[0].kind == "own_words_changed"


# Areas of care


def test_care_prompts_are_grouped_by_area_going_well_first_and_tied_to_the_answer(primary):
    given = answers(
        who_wakes_you__school="grown_up",
        had_breakfast__school="no",
        waking_up__weekend_different__once="yes",
        who_wakes_you__weekend="myself",
    )
    areas = {area.area: area for area in day_picture.care_prompts(primary, given)}
    guidance = areas["guidance_and_boundaries"]
    assert [p.question.id for p in guidance.going_well] == ["who_wakes_you"]
    assert [day for day, _said in guidance.going_well[0].raised_by] == ["school"]
    assert [day for day, _said in guidance.worth_exploring[0].raised_by] == ["weekend"]
    assert areas["basic_care"].worth_exploring[0].link.prompt.startswith("Who makes sure there is food")


def test_a_prompt_raised_on_both_days_is_listed_once_with_both_answers(primary):
    given = answers(
        bedtime_time__school="22:00", bedtime__weekend_different__once="yes", bedtime_time__weekend="23:00"
    )
    [area] = day_picture.care_prompts(primary, given)
    [prompt] = area.worth_exploring
    assert [(day, said.values) for day, said in prompt.raised_by] == [
        ("school", ("22:00",)),
        ("weekend", ("23:00",)),
    ]


@pytest.mark.parametrize(
    "time, signal",
    [
        ("19:00", "going_well"),
        ("20:00", "going_well"),
        ("20:30", None),
        ("21:30", None),
        ("22:00", "worth_exploring"),
    ],
)
def test_bedtimes_later_or_earlier_than_a_clock_raise_prompts_by_position(primary, time, signal):
    areas = day_picture.care_prompts(primary, answers(bedtime_time__school=time))
    found = [s for area in areas for s in ("going_well", "worth_exploring") if getattr(area, s)]
    assert found == ([signal] if signal else [])


def test_a_clock_range_across_midnight_compares_by_position_not_by_time(primary):
    question = replace(
        primary.questions_by_id["bedtime_time"],
        options=time_options("21:00", "01:00", 30),
    )
    link = replace(question.care[0], later_than="23:00")
    assert care.raises(question, link, _said(question, "00:30"))
    assert not care.raises(question, link, _said(question, "22:00"))


def test_dont_know_and_skipped_raise_no_prompts(primary):
    given = answers(had_breakfast__school="dont_know", who_wakes_you__school=None)
    assert day_picture.care_prompts(primary, given) == []


# All sessions over time


def sessions(*answer_sets):
    return [
        reading.SessionAnswers(number, f"2026-0{number}-01", given)
        for number, given in enumerate(answer_sets, 1)
    ]


def test_breakfast_over_months_reads_as_a_history_of_stretches(primary):
    months = sessions(
        answers(had_breakfast__school="no"),
        answers(had_breakfast__school="yes", breakfast_food__school=["toast"]),
        answers(had_breakfast__school="yes", breakfast_food__school=["toast"]),
        answers(had_breakfast__school="yes", breakfast_food__school=["cereal"]),
    )
    history = over_time.answer_history(primary, months, "breakfast_food", "school")
    assert [(s.said.state, s.said.values, len(s.sessions)) for s in history.stretches] == [
        (reading.NOT_ASKED, (), 1),
        (reading.ANSWERED, ("toast",), 2),
        (reading.ANSWERED, ("cereal",), 1),
    ]
    assert history.changed


def test_the_history_shows_a_weekend_line_only_where_a_weekend_differed(primary):
    months = sessions(
        answers(had_breakfast__school="yes", breakfast__weekend_different__once="no"),
        answers(
            had_breakfast__school="yes", breakfast__weekend_different__once="yes", had_breakfast__weekend="no"
        ),
    )
    by_part = {part.id: found for part, found in over_time.histories(primary, months)}
    assert [(h.question.id, h.day) for h in by_part["breakfast"]] == [
        ("had_breakfast", "school"),
        ("had_breakfast", "weekend"),
    ]
    assert by_part["bedtime"] == []


def test_feelings_over_time_are_scored_one_to_five_per_session(primary):
    months = sessions(
        answers(feeling_at_school__once="sad"),
        answers(feeling_at_school__once=None),
        answers(feeling_at_school__once="very_happy"),
    )
    [series] = over_time.feelings_over_time(primary, months)
    assert (series.question.id, series.day, series.part.id) == ("feeling_at_school", "once", "at_school")
    assert [point.score for point in series.points] == [2, None, 5]
    assert series.points[1].said.state == reading.SKIPPED


def test_no_feelings_answered_means_no_chart(primary):
    assert over_time.feelings_over_time(primary, sessions(answers(had_breakfast__school="no"))) == []


def _said(question, value):
    return reading.Said(reading.ANSWERED, question, Answer(value))


def test_a_question_no_longer_asked_does_not_count_as_a_prompt_going_away(primary):
    before = answers(had_breakfast__school="yes", breakfast_food__school=["crisps_or_sweets"])
    after = answers(had_breakfast__school="no")
    found = change(compare.session_changes(primary, before, primary, after), "breakfast_food", "school")
    assert found.kind == compare.NO_LONGER_ANSWERED and found.reasons == ()


def test_a_stretch_says_same_as_a_school_day_only_if_every_session_in_it_did(primary):
    months = sessions(
        answers(had_breakfast__school="no", breakfast__weekend_different__once="no"),
        answers(
            had_breakfast__school="yes", breakfast__weekend_different__once="yes", had_breakfast__weekend="no"
        ),
    )
    [stretch] = over_time.answer_history(primary, months, "had_breakfast", "weekend").stretches
    assert stretch.said.values == ("no",) and not stretch.said.like_school_day
