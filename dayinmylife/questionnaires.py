"""The questionnaires the app loaded when it started, as its pages ask for them."""

from flask import abort, current_app

from dayinmylife.questionnaire.model import Questionnaire


def all_questionnaires() -> dict[str, Questionnaire]:
    """Every loaded questionnaire by its id."""
    return current_app.extensions["questionnaires"]


def questionnaire_of(row: dict) -> Questionnaire:
    """The questionnaire a session or a consultation uses; "not found" if its file is no longer here."""
    found = all_questionnaires().get(row["questionnaire_id"])
    if found is None:
        abort(404)
    return found
