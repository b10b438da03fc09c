"""A sorting board in a questionnaire file: one question a picture, stored as ordinary answers; the loader refuses a
board that is broken; the version for disabled children is never chosen from age alone."""

import copy

import pytest
import yaml

from dayinmylife.casework.ages import suggested_questionnaire
from dayinmylife.questionnaire import flow, length, wording
from dayinmylife.questionnaire.loader import QuestionnaireError, load_all, load_questionnaire
from tests.questionnaire.test_loader import MINIMAL, PICTURES

BOARD = {
    "id": "home_things",
    "type": "sorting",
    "prompt": "Things at home: put each picture on good, not sure or not good.",
    "adult_prompt": "Things at home for {name}: put each picture on good, not sure or not good.",
    "days": "once",
    "items": [
        {
            "id": "sort_food",
            "label": "Food",
            "picture": "pot-of-food",
            "prompt": "How is food at home?",
            "adult_prompt": "How is food at home for {name}?",
            "care": [
                {
                    "answers": ["not_good"],
                    "area": "basic_care",
                    "signal": "worth_exploring",
                    "prompt": "Food?",
                }
            ],
        },
        {
            "id": "sort_bedtime",
            "label": "Bedtime",
            "picture": "bed",
            "prompt": "How is bedtime?",
            "adult_prompt": "How is bedtime for {name}?",
            "alert": {"urgent": ["not_good"]},
        },
    ],
}


def load(tmp_path, change=lambda data: None):
    data = copy.deepcopy(MINIMAL)
    data["parts"][1]["questions"].append(copy.deepcopy(BOARD))
    change(data)
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_questionnaire(path, pictures=PICTURES)


def refusal(tmp_path, change) -> str:
    with pytest.raises(QuestionnaireError) as caught:
        load(tmp_path, change)
    return str(caught.value)


def board_of(data):
    return data["parts"][1]["questions"][-1]


def test_each_picture_of_a_board_is_its_own_question_with_good_not_sure_and_not_good(tmp_path):
    questionnaire = load(tmp_path)
    food, bedtime = (questionnaire.questions_by_id[q] for q in ("sort_food", "sort_bedtime"))
    assert "home_things" not in questionnaire.questions_by_id  # the board's id is never stored
    assert [o.value for o in food.options] == ["good", "not_sure", "not_good"]
    assert food.board is bedtime.board and food.board.items == ("sort_food", "sort_bedtime")
    assert (food.label, food.picture, food.prompt) == ("Food", "pot-of-food", "How is food at home?")
    assert food.care[0].area == "basic_care" and bedtime.alerting("not_good") == ("not_good",)


def test_without_javascript_a_board_is_one_page_a_picture(tmp_path):
    questionnaire = load(tmp_path)
    asked = [step.question.id for step in flow.steps(questionnaire, {})]
    assert asked.index("sort_bedtime") == asked.index("sort_food") + 1


def test_an_adults_account_is_asked_about_the_child_by_name(tmp_path):
    adult = wording.for_adults(load(tmp_path))
    food = adult.questions_by_id["sort_food"]
    assert food.prompt == "How is food at home for {name}?"
    assert food.board.prompt.startswith("Things at home for {name}")


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda board: board["items"][1].update(id="sort_food"), "'sort_food' is used more than once"),
        (lambda board: board.update(id="had_breakfast"), "'had_breakfast' is used more than once"),
        (lambda board: board["items"][0].update(picture="no-such-picture"), "no picture 'no-such-picture'"),
        (lambda board: board["items"][1].update(alert={"urgent": ["bad"]}), "alert names 'bad'"),
        (lambda board: board.pop("adult_prompt"), "needs an adult_prompt for its board"),
        (lambda board: board["items"][0].pop("adult_prompt"), "needs an adult_prompt"),
        (lambda board: board.update(items=board["items"][:1]), "is too short"),
        (lambda board: board.update(options=[]), "should not be valid"),
        (lambda board: board["items"][0].pop("label"), "'label' is a required property"),
    ],
)
def test_a_broken_board_is_refused_saying_what_is_wrong(tmp_path, change, problem):
    assert problem in refusal(tmp_path, lambda data: change(board_of(data)))


def test_items_belong_to_a_board_only(tmp_path):
    def change(data):
        data["parts"][0]["questions"][0]["items"] = BOARD["items"]

    assert "should not be valid" in refusal(tmp_path, change)


def test_the_version_for_disabled_children_is_never_suggested_by_age():
    questionnaires = load_all()
    disability = questionnaires["disability"]
    assert not disability.chosen_by_age and disability.record_shown_by and disability.large_targets
    assert {suggested_questionnaire(questionnaires, age) for age in range(19)} == {
        "baby",
        "preschool",
        "primary",
        "teenager",
    }


def test_the_version_for_disabled_children_asks_two_or_three_answers_about_the_same_day():
    questionnaires = load_all()
    disability, primary = questionnaires["disability"], questionnaires["primary"]
    for question in disability.questions:
        assert len(question.options) <= 3, question.id
        assert question.type != "own_words"
    shared = set(disability.questions_by_id) & set(primary.questions_by_id)
    assert len(shared) >= 9  # compared answer by answer with the child's other sessions
    for question_id in shared:  # the same id means the same answers
        values = {o.value for o in disability.questions_by_id[question_id].options}
        assert values <= {o.value for o in primary.questions_by_id[question_id].options}, question_id
    assert {part.id for part in disability.parts} - {part.id for part in primary.parts} == set()
    assert length.length(disability).most_minutes <= 6
