"""Loading questionnaire files: the four real ones load; a broken one is refused with a message that
names the file, the question and the problem."""

import copy
from pathlib import Path

import pytest
import yaml

from dayinmylife.questionnaire.loader import (
    QUESTIONNAIRES_DIR,
    QuestionnaireError,
    load_all,
    load_questionnaire,
)

ROOT = Path(__file__).resolve().parents[2]
PICTURES = ROOT / "static" / "pictures"

MINIMAL = {
    "id": "tiny",
    "version": 1,
    "title": "My day",
    "answered_by": "child",
    "age": {"from": 5, "to": 11},
    "days": {
        "school": "On a school day",
        "weekend": "At the weekend",
        "weekend_question": "Is this part of your day different at the weekend?",
        "adult_weekend_question": "Is this part of {name}'s day different at the weekend?",
    },
    "intro": "These questions are about your day.",
    "parts": [
        {
            "id": "morning",
            "title": "Waking up",
            "picture": "sunrise",
            "questions": [
                {
                    "id": "had_breakfast",
                    "type": "yes_no",
                    "prompt": "Do you have breakfast?",
                    "adult_prompt": "Does {name} have breakfast?",
                    "days": "both",
                },
                {
                    "id": "who_wakes_you",
                    "type": "pick_one",
                    "prompt": "Who wakes you up?",
                    "adult_prompt": "Who wakes {name} up?",
                    "days": "both",
                    "options": [
                        {"value": "grown_up", "label": "A grown-up", "picture": "woman"},
                        {"value": "alarm", "label": "An alarm", "picture": "alarm-clock"},
                    ],
                },
            ],
        },
        {
            "id": "night",
            "title": "Bedtime",
            "picture": "bed",
            "questions": [
                {
                    "id": "bedtime_time",
                    "type": "time_of_day",
                    "prompt": "What time do you go to bed?",
                    "adult_prompt": "What time does {name} go to bed?",
                    "days": "both",
                    "from": "19:00",
                    "to": "22:00",
                },
            ],
        },
    ],
}


@pytest.fixture
def questionnaire_file(tmp_path):
    """Write the minimal questionnaire, changed by `change`, and return its path."""

    def write(change=lambda data: None, name="tiny.yaml"):
        data = copy.deepcopy(MINIMAL)
        change(data)
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return path

    return write


def question(data, question_id):
    return next(q for part in data["parts"] for q in part["questions"] if q["id"] == question_id)


def refusal(path) -> str:
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path, pictures=PICTURES)
    return str(caught.value)


def test_the_five_real_questionnaires_load():
    questionnaires = load_all()
    assert sorted(questionnaires) == ["baby", "disability", "preschool", "primary", "teenager"]
    assert all(questionnaire.questions for questionnaire in questionnaires.values())


def test_the_minimal_questionnaire_used_by_these_tests_loads(questionnaire_file):
    questionnaire = load_questionnaire(questionnaire_file(), pictures=PICTURES)
    assert [part.id for part in questionnaire.parts] == ["morning", "night"]
    assert questionnaire.questions_by_id["who_wakes_you"].option("alarm").label == "An alarm"


def test_a_file_that_is_not_valid_yaml_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("id: broken\nparts: [unclosed\n", encoding="utf-8")
    message = refusal(path)
    assert message.startswith("broken.yaml")
    assert "not valid YAML" in message


def test_a_missing_file_is_refused_naming_the_file(tmp_path):
    assert "nowhere.yaml" in refusal(tmp_path / "nowhere.yaml")


def test_an_unknown_question_type_is_refused_naming_the_question(questionnaire_file):
    path = questionnaire_file(lambda data: question(data, "who_wakes_you").update(type="slider"))
    message = refusal(path)
    assert "tiny.yaml" in message
    assert "question 'who_wakes_you'" in message
    assert "'slider' is not one of" in message


def test_a_question_without_a_prompt_is_refused_naming_the_question(questionnaire_file):
    path = questionnaire_file(lambda data: question(data, "who_wakes_you").pop("prompt"))
    message = refusal(path)
    assert "tiny.yaml" in message
    assert "question 'who_wakes_you'" in message
    assert "'prompt' is a required property" in message


def test_a_question_without_a_type_is_refused_naming_the_question_and_the_missing_type(questionnaire_file):
    path = questionnaire_file(lambda data: question(data, "who_wakes_you").pop("type"))
    message = refusal(path)
    assert "question 'who_wakes_you'" in message
    assert "'type' is a required property" in message


def test_pick_one_without_options_is_refused_naming_the_question(questionnaire_file):
    path = questionnaire_file(lambda data: question(data, "who_wakes_you").pop("options"))
    message = refusal(path)
    assert "question 'who_wakes_you'" in message
    assert "'options' is a required property" in message


def test_an_option_without_a_picture_is_refused_naming_its_question(questionnaire_file):
    path = questionnaire_file(lambda data: question(data, "who_wakes_you")["options"][0].pop("picture"))
    message = refusal(path)
    assert "question 'who_wakes_you'" in message
    assert "'picture' is a required property" in message


def test_an_unquoted_yes_in_ask_if_is_refused_because_yaml_reads_it_as_true(questionnaire_file):
    def change(data):
        question(data, "who_wakes_you")["ask_if"] = {"question": "had_breakfast", "any_of": [True]}

    message = refusal(questionnaire_file(change))
    assert "question 'who_wakes_you'" in message
    assert "True is not of type 'string'" in message


def test_a_duplicate_question_id_is_refused_naming_it(questionnaire_file):
    path = questionnaire_file(lambda data: question(data, "bedtime_time").update(id="had_breakfast"))
    message = refusal(path)
    assert "tiny.yaml" in message
    assert "'had_breakfast'" in message
    assert "used more than once" in message


def test_a_question_id_that_repeats_a_part_id_is_refused(questionnaire_file):
    path = questionnaire_file(lambda data: question(data, "bedtime_time").update(id="morning"))
    assert "the id 'morning' is used more than once" in refusal(path)


def test_two_options_with_the_same_value_are_refused(questionnaire_file):
    path = questionnaire_file(
        lambda data: question(data, "who_wakes_you")["options"][1].update(value="grown_up")
    )
    message = refusal(path)
    assert "question 'who_wakes_you'" in message
    assert "same value" in message


def test_ask_if_naming_a_later_question_is_refused(questionnaire_file):
    def change(data):
        question(data, "had_breakfast")["ask_if"] = {"question": "who_wakes_you", "any_of": ["alarm"]}

    message = refusal(questionnaire_file(change))
    assert "tiny.yaml" in message
    assert "question 'had_breakfast'" in message
    assert "ask_if names 'who_wakes_you', which is not an earlier question" in message


def test_ask_if_naming_an_unknown_question_is_refused(questionnaire_file):
    def change(data):
        question(data, "who_wakes_you")["ask_if"] = {"question": "has_a_dog", "answered": True}

    message = refusal(questionnaire_file(change))
    assert "question 'who_wakes_you'" in message
    assert "'has_a_dog', which is not an earlier question" in message


def test_ask_if_naming_the_question_itself_is_refused(questionnaire_file):
    def change(data):
        question(data, "who_wakes_you")["ask_if"] = {"question": "who_wakes_you", "any_of": ["alarm"]}

    assert "not an earlier question" in refusal(questionnaire_file(change))


def test_ask_if_inside_not_and_all_is_checked_too(questionnaire_file):
    def change(data):
        question(data, "who_wakes_you")["ask_if"] = {
            "all": [
                {"question": "had_breakfast", "answered": True},
                {"not": {"question": "later", "answered": True}},
            ]
        }

    assert "'later', which is not an earlier question" in refusal(questionnaire_file(change))


def test_ask_if_naming_a_value_the_question_does_not_have_is_refused(questionnaire_file):
    def change(data):
        question(data, "who_wakes_you")["ask_if"] = {"question": "had_breakfast", "any_of": ["sometimes"]}

    message = refusal(questionnaire_file(change))
    assert "question 'who_wakes_you'" in message
    assert "ask_if names 'sometimes', not an answer of 'had_breakfast'" in message


def test_ask_if_may_name_dont_know_and_an_earlier_part(questionnaire_file):
    def change(data):
        question(data, "bedtime_time")["ask_if"] = {
            "question": "who_wakes_you",
            "any_of": ["alarm", "dont_know"],
        }

    questionnaire = load_questionnaire(questionnaire_file(change), pictures=PICTURES)
    assert questionnaire.questions_by_id["bedtime_time"].ask_if["question"] == "who_wakes_you"


def test_dont_know_used_as_an_option_value_is_refused_as_reserved(questionnaire_file):
    path = questionnaire_file(
        lambda data: question(data, "who_wakes_you")["options"][1].update(value="dont_know")
    )
    message = refusal(path)
    assert "question 'who_wakes_you'" in message
    assert "'dont_know' is reserved" in message


def test_an_option_picture_that_does_not_exist_is_refused_naming_the_question(questionnaire_file):
    path = questionnaire_file(
        lambda data: question(data, "who_wakes_you")["options"][0].update(picture="unicorn")
    )
    message = refusal(path)
    assert "question 'who_wakes_you'" in message
    assert "there is no picture 'unicorn'" in message


def test_a_part_picture_that_does_not_exist_is_refused(questionnaire_file):
    path = questionnaire_file(lambda data: data["parts"][1].update(picture="haunted-house-at-night"))
    message = refusal(path)
    assert "tiny.yaml" in message
    assert "there is no picture 'haunted-house-at-night'" in message


def test_pictures_are_looked_for_in_the_pictures_folder_given(questionnaire_file, tmp_path):
    empty = tmp_path / "no-pictures"
    empty.mkdir()
    with pytest.raises(QuestionnaireError, match="there is no picture 'sunrise'"):
        load_questionnaire(questionnaire_file(), pictures=empty)


def test_a_care_link_naming_an_unknown_answer_is_refused(questionnaire_file):
    def change(data):
        question(data, "who_wakes_you")["care"] = [
            {
                "answers": ["nobody"],
                "area": "basic_care",
                "signal": "worth_exploring",
                "prompt": "Who wakes them?",
            }
        ]

    message = refusal(questionnaire_file(change))
    assert "question 'who_wakes_you'" in message
    assert "care names 'nobody', which is not one of its answers" in message


def test_a_care_link_later_than_a_time_not_among_the_clocks_is_refused(questionnaire_file):
    def change(data):
        question(data, "bedtime_time")["care"] = [
            {
                "later_than": "21:30",
                "area": "guidance_and_boundaries",
                "signal": "worth_exploring",
                "prompt": "Late?",
            }
        ]

    message = refusal(questionnaire_file(change))
    assert "question 'bedtime_time'" in message
    assert "care names the time 21:30, which is not one of its clocks" in message


def test_a_care_link_on_one_of_the_clocks_loads(questionnaire_file):
    def change(data):
        question(data, "bedtime_time")["care"] = [
            {
                "later_than": "21:00",
                "area": "guidance_and_boundaries",
                "signal": "worth_exploring",
                "prompt": "Late?",
            }
        ]

    questionnaire = load_questionnaire(questionnaire_file(change), pictures=PICTURES)
    assert questionnaire.questions_by_id["bedtime_time"].care[0].later_than == "21:00"


def test_a_time_of_day_with_more_than_ten_clocks_is_refused(questionnaire_file):
    path = questionnaire_file(
        lambda data: question(data, "bedtime_time").update({"from": "07:00", "to": "17:00"})
    )
    message = refusal(path)
    assert "question 'bedtime_time'" in message
    assert "a time of day needs 2 to 10 clocks" in message


def test_a_time_of_day_with_a_single_clock_is_refused(questionnaire_file):
    path = questionnaire_file(
        lambda data: question(data, "bedtime_time").update({"from": "20:00", "to": "20:00"})
    )
    assert "needs 2 to 10 clocks" in refusal(path)


def test_a_time_of_day_may_cross_midnight(questionnaire_file):
    path = questionnaire_file(
        lambda data: question(data, "bedtime_time").update({"from": "22:00", "to": "01:00"})
    )
    clocks = load_questionnaire(path, pictures=PICTURES).questions_by_id["bedtime_time"].options
    assert [clock.value for clock in clocks] == ["22:00", "23:00", "00:00", "01:00"]


def test_half_hour_clocks_come_every_thirty_minutes(questionnaire_file):
    path = questionnaire_file(lambda data: question(data, "bedtime_time").update({"to": "20:30", "step": 30}))
    clocks = load_questionnaire(path, pictures=PICTURES).questions_by_id["bedtime_time"].options
    assert [(clock.value, clock.picture) for clock in clocks] == [
        ("19:00", "seven-oclock"),
        ("19:30", "seven-thirty"),
        ("20:00", "eight-oclock"),
        ("20:30", "eight-thirty"),
    ]


def test_the_last_clock_is_the_to_time_or_the_range_is_refused(questionnaire_file):
    path = questionnaire_file(
        lambda data: question(data, "bedtime_time").update({"from": "07:30", "to": "09:00"})
    )
    try:
        questionnaire = load_questionnaire(path, pictures=PICTURES)
    except QuestionnaireError as error:
        assert error.question == "bedtime_time"
    else:
        assert questionnaire.questions_by_id["bedtime_time"].options[-1].value == "09:00"


def test_an_age_range_from_after_to_is_refused(questionnaire_file):
    path = questionnaire_file(lambda data: data.update(age={"from": 11, "to": 5}))
    message = refusal(path)
    assert "tiny.yaml" in message
    assert "age 'from' is after age 'to'" in message


def test_an_alert_must_name_answers_the_question_offers(questionnaire_file):
    def change(data):
        question(data, "who_wakes_you")["alert"] = {"urgent": ["nobody"]}

    message = refusal(questionnaire_file(change))
    assert "question 'who_wakes_you'" in message
    assert "alert names 'nobody', which is not one of its answers" in message


def test_the_answers_that_raise_an_alert_are_read_from_the_file(questionnaire_file):
    def change(data):
        question(data, "who_wakes_you")["alert"] = {"urgent": ["grown_up"]}

    loaded = load_questionnaire(questionnaire_file(change), pictures=PICTURES)
    wakes = loaded.questions_by_id["who_wakes_you"]
    assert wakes.alert == ("grown_up",)
    assert wakes.alerting("grown_up") == ("grown_up",) and wakes.alerting(["alarm", "grown_up"]) == (
        "grown_up",
    )
    assert wakes.alerting("alarm") == () and wakes.alerting(None) == ()


def test_the_questionnaires_tell_the_childs_worker_about_answers_that_cannot_wait():
    loaded = load_all(QUESTIONNAIRES_DIR)
    alerts = {
        (questionnaire.id, question.id): question.alert
        for questionnaire in loaded.values()
        for question in questionnaire.questions
        if question.alert
    }
    assert alerts[("primary", "safe_at_home")] == ("no",)
    assert alerts[("teenager", "safe_at_home_night")] == ("never",)
    assert alerts[("teenager", "feel_pressured")] == ("yes",)
    assert alerts[("baby", "who_stays_in_the_bath")] == ("left_alone",)
    assert alerts[("disability", "safe_at_home")] == alerts[("disability", "grown_up_at_night")] == ("no",)
    assert {questionnaire for questionnaire, _question in alerts} == {
        "baby",
        "disability",
        "preschool",
        "primary",
        "teenager",
    }


def _together(*groups):
    def change(data):
        question(data, "who_wakes_you")["report_together"] = list(groups)

    return change


def test_answers_reported_together_are_read_from_the_file(questionnaire_file):
    group = {
        "value": "someone_or_something",
        "label": "Someone or something",
        "answers": ["grown_up", "alarm"],
    }
    loaded = load_questionnaire(questionnaire_file(_together(group)), pictures=PICTURES)
    (read,) = loaded.questions_by_id["who_wakes_you"].report_together
    assert (read.value, read.label, read.answers) == (
        "someone_or_something",
        "Someone or something",
        ("grown_up", "alarm"),
    )


@pytest.mark.parametrize(
    ("groups", "problem"),
    [
        (
            [{"value": "either", "label": "Either", "answers": ["grown_up", "nobody"]}],
            "report_together names 'nobody', which is not one of its answers",
        ),
        (
            [{"value": "either", "label": "Either", "answers": ["grown_up", "dont_know"]}],
            "report_together names 'dont_know'",
        ),
        (
            [{"value": "alarm", "label": "Either", "answers": ["grown_up", "alarm"]}],
            "report_together 'alarm' is already a row",
        ),
        (
            [
                {"value": "one", "label": "One", "answers": ["grown_up", "alarm"]},
                {"value": "two", "label": "Two", "answers": ["alarm", "grown_up"]},
            ],
            "'alarm' is in two report_together groups",
        ),
        ([{"value": "either", "label": "Either", "answers": ["grown_up"]}], "report_together"),
    ],
)
def test_answers_reported_together_must_be_two_or_more_of_the_question_s_own(
    questionnaire_file, groups, problem
):
    message = refusal(questionnaire_file(_together(*groups)))
    assert "question 'who_wakes_you'" in message or "who_wakes_you" in message
    assert problem in message


def test_a_question_a_child_answers_must_be_worded_for_a_parent_too(questionnaire_file):
    def change(data):
        del question(data, "who_wakes_you")["adult_prompt"]

    assert "needs an adult_prompt, the question for a parent or carer" in refusal(questionnaire_file(change))

    def hint(data):
        question(data, "who_wakes_you")["hint"] = "You can pick the closest one."

    assert "has a hint, so needs an adult_hint too" in refusal(questionnaire_file(hint))
    no_weekend = questionnaire_file(lambda data: data["days"].pop("adult_weekend_question"))
    assert "adult_weekend_question" in refusal(no_weekend)


def test_a_questionnaire_an_adult_answers_needs_no_second_wording(questionnaire_file):
    def change(data):
        data["answered_by"] = "adult"
        data["days"].pop("adult_weekend_question")
        for part in data["parts"]:
            for each in part["questions"]:
                each.pop("adult_prompt")

    assert load_questionnaire(questionnaire_file(change), pictures=PICTURES).answered_by == "adult"
