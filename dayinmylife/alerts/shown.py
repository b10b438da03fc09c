"""Alerts as people read them: the question and the answer that raised each, from its questionnaire, in the words
of the account that gave it (a parent's is asked about the child by name)."""

from dayinmylife import store
from dayinmylife.questionnaires import all_questionnaires, worded_for
from dayinmylife.store.db import get_db
from dayinmylife.web.i18n import questionnaire_text


def with_questions(alerts: list[dict]) -> list[dict]:
    """Each alert with its question and the answer given, as its account was asked them (the question None where
    the questionnaire no longer has it). A page lists several children's alerts, so each names its own child."""
    loaded = all_questionnaires()
    shown = []
    for alert in alerts:
        questionnaire = loaded.get(alert["questionnaire_id"])
        questionnaire = worded_for(questionnaire, alert["account"]) if questionnaire else None
        question = questionnaire.questions_by_id.get(alert["question_id"]) if questionnaire else None
        option = question.option(alert["answer"]) if question else None
        words = {
            "prompt": questionnaire_text(question.prompt, alert["child_name"]) if question else None,
            "label": questionnaire_text(option.label, alert["child_name"]) if option else alert["answer"],
        }
        shown.append(
            {**alert, "questionnaire": questionnaire, "question": question, "option": option, **words}
        )
    return shown


def open_alerts_for(user_id: int) -> list[dict]:
    """The alerts nobody has acknowledged about the children this person works with or oversees."""
    return with_questions(store.alerts.open_alerts_for(get_db(), user_id))


def alerts_of_child(child_id: int) -> list[dict]:
    return with_questions(store.alerts.alerts_of_child(get_db(), child_id))
