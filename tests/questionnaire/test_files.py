"""The four shipped questionnaires: what the product needs of each, checked on the files themselves."""

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

from dayinmylife.questionnaire.builtins import ALWAYS_OFFERED
from dayinmylife.questionnaire.loader import load_questionnaire

ROOT = Path(__file__).resolve().parents[2]
QUESTIONNAIRES = ROOT / "questionnaires"
PICTURES = ROOT / "static" / "pictures"
BANDS = ["baby", "preschool", "primary", "teenager"]

WAKING_WORDS = ("wak", "morning")
NIGHT_WORDS = ("bed", "night")


def raw(band: str) -> dict:
    return yaml.safe_load((QUESTIONNAIRES / f"{band}.yaml").read_text(encoding="utf-8"))


@cache
def loaded(band: str):
    return load_questionnaire(QUESTIONNAIRES / f"{band}.yaml")


def about(part, words) -> bool:
    text = f"{part.id} {part.title}".lower()
    return any(word in text for word in words)


@pytest.mark.parametrize("band", BANDS)
def test_the_day_starts_with_waking_up(band):
    first = loaded(band).parts[0]
    assert about(first, WAKING_WORDS), f"{band} starts with {first.title!r}"


@pytest.mark.parametrize("band", BANDS)
def test_the_day_ends_at_bedtime_or_night(band):
    # A closing part about the child ("Me and my day", asked once) may follow the day itself.
    day_parts = [part for part in loaded(band).parts if part.asks_about_weekend]
    assert about(day_parts[-1], NIGHT_WORDS), f"{band}'s day ends with {day_parts[-1].title!r}"


@pytest.mark.parametrize("band", BANDS)
def test_bedtime_comes_after_the_morning(band):
    parts = loaded(band).parts
    morning = max(i for i, part in enumerate(parts) if about(part, WAKING_WORDS))
    night = min(i for i, part in enumerate(parts) if about(part, NIGHT_WORDS))
    assert morning < night


@pytest.mark.parametrize("band", BANDS)
def test_every_question_type_is_used(band):
    used = {question.type for question in loaded(band).questions}
    assert used == {"pick_one", "pick_many", "feelings", "how_often", "yes_no", "time_of_day", "own_words"}


@pytest.mark.parametrize("band", BANDS)
def test_the_child_can_answer_in_their_own_words(band):
    assert any(question.free_text for question in loaded(band).questions)


@pytest.mark.parametrize("band", BANDS)
@pytest.mark.parametrize("signal", ["going_well", "worth_exploring"])
def test_care_links_show_what_is_going_well_and_what_is_worth_exploring(band, signal):
    assert any(link.signal == signal for question in loaded(band).questions for link in question.care)


@pytest.mark.parametrize("kind", ["pick_one", "pick_many"])
def test_preschool_picture_questions_have_two_or_three_cards(kind):
    counts = {q.id: len(q.options) for q in loaded("preschool").questions if q.type == kind}
    assert counts, f"preschool has no {kind} question"
    assert {question_id: n for question_id, n in counts.items() if not 2 <= n <= 3} == {}


def test_preschool_feelings_have_three_faces():
    faces = {
        q.id: [o.value for o in q.options] for q in loaded("preschool").questions if q.type == "feelings"
    }
    assert faces
    assert all(values == ["sad", "okay", "happy"] for values in faces.values()), faces


def test_the_baby_questionnaire_is_answered_by_an_adult_who_records_the_source():
    baby = loaded("baby")
    assert baby.answered_by == "adult"
    assert baby.record_source is True


@pytest.mark.parametrize("band", ["preschool", "primary", "teenager"])
def test_the_other_questionnaires_are_answered_by_the_child(band):
    assert loaded(band).answered_by == "child"


@pytest.mark.parametrize("band", BANDS)
def test_every_part_and_option_picture_exists(band):
    questionnaire = loaded(band)
    names = {part.picture for part in questionnaire.parts}
    names |= {option.picture for question in questionnaire.questions for option in question.options}
    names |= {option.picture for option in ALWAYS_OFFERED}
    assert sorted(name for name in names if not (PICTURES / f"{name}.svg").is_file()) == []


@pytest.mark.parametrize("band", BANDS)
def test_every_picture_written_in_the_file_exists(band):
    data = raw(band)
    names = {part["picture"] for part in data["parts"]}
    names |= {
        option["picture"]
        for part in data["parts"]
        for question in part["questions"]
        for option in question.get("options", [])
    }
    assert sorted(name for name in names if not (PICTURES / f"{name}.svg").is_file()) == []


@pytest.mark.parametrize("band", BANDS)
def test_every_id_in_the_file_is_unique(band):
    data = raw(band)
    ids = [part["id"] for part in data["parts"]]
    ids += [question["id"] for part in data["parts"] for question in part["questions"]]
    assert [item for item, n in Counter(ids).items() if n > 1] == []


@pytest.mark.parametrize("band", BANDS)
def test_option_values_are_unique_within_each_question(band):
    for part in raw(band)["parts"]:
        for question in part["questions"]:
            values = [option["value"] for option in question.get("options", [])]
            assert len(values) == len(set(values)), question["id"]


def test_the_four_age_bands_do_not_overlap_and_leave_no_gap():
    ages = sorted((q.age_from, q.age_to) for q in map(loaded, BANDS))
    assert ages[0][0] == 0
    assert all(later[0] == earlier[1] + 1 for earlier, later in zip(ages, ages[1:], strict=False))


@pytest.mark.parametrize("band", BANDS)
def test_the_file_id_matches_its_name(band):
    assert loaded(band).id == band
