"""Alerts as people read them: the question and the answer that raised each, from its questionnaire."""

from dayinmylife import store
from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.store.db import get_db


def with_questions(alerts: list[dict]) -> list[dict]:
    """Each alert with its question and the answer given (None where the questionnaire no longer has them)."""
    loaded = all_questionnaires()
    shown = []
    for alert in alerts:
        questionnaire = loaded.get(alert["questionnaire_id"])
        question = questionnaire.questions_by_id.get(alert["question_id"]) if questionnaire else None
        option = question.option(alert["answer"]) if question else None
        shown.append({**alert, "questionnaire": questionnaire, "question": question, "option": option})
    return shown


def open_alerts_for(user_id: int) -> list[dict]:
    """The alerts nobody has acknowledged about the children this person works with or oversees."""
    return with_questions(store.alerts.open_alerts_for(get_db(), user_id))


def alerts_of_child(child_id: int) -> list[dict]:
    return with_questions(store.alerts.alerts_of_child(get_db(), child_id))
