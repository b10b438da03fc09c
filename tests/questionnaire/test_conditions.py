"""'Ask only if …' conditions: plain data evaluated by the app, never by eval."""

import builtins

import pytest

from dayinmylife.questionnaire.conditions import holds, named_questions


def answers(**given):
    """An answer lookup for a condition: unanswered questions read as None."""
    return lambda question_id: given.get(question_id)


def test_no_condition_means_the_question_is_asked():
    assert holds(None, answers()) is True


def test_any_of_holds_when_the_answer_is_one_of_the_values():
    condition = {"question": "had_breakfast", "any_of": ["yes", "not_sure"]}
    assert holds(condition, answers(had_breakfast="yes"))
    assert not holds(condition, answers(had_breakfast="no"))


def test_any_of_holds_when_any_picked_option_is_one_of_the_values():
    condition = {"question": "look_after_someone", "any_of": ["baby", "younger_child"]}
    assert holds(condition, answers(look_after_someone=["pet", "baby"]))
    assert not holds(condition, answers(look_after_someone=["pet", "grown_up_not_well"]))


def test_any_of_does_not_hold_when_nothing_was_picked_or_the_question_was_skipped():
    condition = {"question": "look_after_someone", "any_of": ["baby"]}
    assert not holds(condition, answers(look_after_someone=[]))
    assert not holds(condition, answers(look_after_someone=None))


@pytest.mark.parametrize("answer", ["yes", "no", "not_sure", ["pet"], "I like toast"])
def test_answered_true_holds_for_any_real_answer(answer):
    assert holds({"question": "q", "answered": True}, answers(q=answer))
    assert not holds({"question": "q", "answered": False}, answers(q=answer))


@pytest.mark.parametrize("answer", ["dont_know", "rather_not_say", None, [], ["dont_know"]])
def test_dont_know_rather_not_say_and_skipped_do_not_count_as_answered(answer):
    assert not holds({"question": "q", "answered": True}, answers(q=answer))
    assert holds({"question": "q", "answered": False}, answers(q=answer))


def test_not_asks_when_they_said_anything_but_no_or_skipped():
    condition = {"not": {"question": "had_breakfast", "any_of": ["no"]}}
    assert holds(condition, answers(had_breakfast="yes"))
    assert holds(condition, answers(had_breakfast=None))
    assert not holds(condition, answers(had_breakfast="no"))


def test_all_needs_every_condition():
    condition = {"all": [{"question": "a", "any_of": ["yes"]}, {"question": "b", "answered": True}]}
    assert holds(condition, answers(a="yes", b="no"))
    assert not holds(condition, answers(a="yes", b="dont_know"))
    assert not holds(condition, answers(a="no", b="no"))


def test_any_needs_one_condition():
    condition = {"any": [{"question": "a", "any_of": ["yes"]}, {"question": "b", "any_of": ["yes"]}]}
    assert holds(condition, answers(a="no", b="yes"))
    assert not holds(condition, answers(a="no", b="no"))


def test_conditions_nest():
    condition = {
        "all": [
            {"not": {"question": "go_out", "any_of": ["never"]}},
            {
                "any": [
                    {"question": "age", "any_of": ["older"]},
                    {"not": {"question": "phone", "answered": True}},
                ]
            },
        ]
    }
    assert holds(condition, answers(go_out="often", age="older", phone="yes"))
    assert holds(condition, answers(go_out="often", age="younger", phone="rather_not_say"))
    assert not holds(condition, answers(go_out="often", age="younger", phone="yes"))
    assert not holds(condition, answers(go_out="never", age="older"))


def test_an_unknown_kind_of_condition_is_an_error_not_a_silent_yes():
    with pytest.raises(ValueError, match="unknown condition"):
        holds({"question": "a", "matches": "y.*"}, answers(a="yes"))


def test_a_question_id_that_looks_like_python_is_only_a_key(monkeypatch):
    def no_eval(*args, **kwargs):
        raise AssertionError("conditions must never be evaluated as code")

    monkeypatch.setattr(builtins, "eval", no_eval)
    monkeypatch.setattr(builtins, "exec", no_eval)
    looked_up = []

    def answer_of(question_id):
        looked_up.append(question_id)
        return {"__import__('os').system('exit 1')": "yes", "__import__": "no"}.get(question_id)

    assert holds({"question": "__import__('os').system('exit 1')", "any_of": ["yes"]}, answer_of)
    assert not holds({"question": "__import__", "any_of": ["yes"]}, answer_of)
    assert looked_up == ["__import__('os').system('exit 1')", "__import__"]


def test_values_that_look_like_python_are_only_compared_as_text():
    condition = {"question": "q", "any_of": ["1+1", "True"]}
    assert not holds(condition, answers(q="2"))
    assert not holds(condition, answers(q=True))
    assert holds(condition, answers(q="1+1"))


def test_named_questions_lists_every_question_and_value_a_condition_refers_to():
    condition = {
        "all": [
            {"question": "had_breakfast", "any_of": ["yes"]},
            {
                "any": [
                    {"not": {"question": "go_out", "any_of": ["never"]}},
                    {"question": "phone", "answered": True},
                ]
            },
        ]
    }
    assert named_questions(condition) == [("had_breakfast", ["yes"]), ("go_out", ["never"]), ("phone", [])]
    assert named_questions(None) == []
