"""Which answers a results table counts as one row: reported together only where it leaves fewer of the whole
consultation's counts to hide."""

from dayinmylife.consultations.recoding import in_force, row_of, rows_of

FEELING = ("feeling_at_school", "once")


def test_faces_are_reported_together_where_one_is_too_few_and_together_none_is(questionnaires):
    primary = questionnaires["primary"]
    whole = {FEELING: {"very_sad": 3, "sad": 8, "okay": 10, "happy": 20, "very_happy": 6}}
    (sad,) = in_force(primary, whole, 5)["feeling_at_school"]
    assert sad.label == "Sad or very sad" and row_of("very_sad", (sad,)) == row_of("sad", (sad,)) == sad.value
    question = primary.questions_by_id["feeling_at_school"]
    assert [row.value for row in rows_of(question, (sad,))][:2] == ["sad_or_very_sad", "okay"]


def test_answers_stay_apart_where_together_they_would_leave_another_count_alone_under_the_minimum(
    questionnaires,
):
    """Two counts under the minimum protect each other in the whole school's column; joining the sad faces would
    leave "very happy" (0) alone, and the pupils who answered minus the others would tell it."""
    whole = {FEELING: {"very_sad": 3, "sad": 8, "okay": 10, "happy": 20, "very_happy": 0}}
    assert "feeling_at_school" not in in_force(questionnaires["primary"], whole, 5)


def test_answers_with_enough_pupils_each_stay_apart(questionnaires):
    whole = {FEELING: {"very_sad": 5, "sad": 8, "okay": 10, "happy": 20, "very_happy": 6}}
    assert in_force(questionnaires["primary"], whole, 5) == {}
