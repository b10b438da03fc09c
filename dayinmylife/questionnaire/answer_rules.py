"""What a valid answer is, whoever gives it: a question page's form or a demo script."""

from dayinmylife.questionnaire.model import NOT_A_REAL_ANSWER, Question


def mixes_no_answer_with_answers(value) -> bool:
    """Tell whether a "pick several" answer chose "I don't know" or "I'd rather not say" with other answers."""
    return isinstance(value, list) and len(value) > 1 and bool(set(value) & set(NOT_A_REAL_ANSWER))


def possible_answer(question: Question, value) -> bool:
    """Say whether the app could store this value for this question (None is a skip)."""
    offered = {option.value for option in question.options} | set(NOT_A_REAL_ANSWER)
    if value is None:
        return True
    if question.free_text:
        return isinstance(value, str) and bool(value.strip())
    if question.multiple:
        return (
            isinstance(value, list)
            and bool(value)
            and set(value) <= offered
            and not mixes_no_answer_with_answers(value)
        )
    return isinstance(value, str) and value in offered
