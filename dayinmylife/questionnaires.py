"""The questionnaires the app loaded when it started, as its pages ask for them."""

from flask import abort, current_app, g

from dayinmylife.questionnaire.model import Questionnaire
from dayinmylife.questionnaire.wording import for_adults


def all_questionnaires() -> dict[str, Questionnaire]:
    """Every loaded questionnaire by its id."""
    return current_app.extensions["questionnaires"]


def questionnaire_of(row: dict) -> Questionnaire:
    """The questionnaire a session or a consultation uses, worded for whoever gives its account (a parent's or
    the practitioner's: about the child by name, who is then the page's `{name}`); "not found" if its file is no
    longer here."""
    found = all_questionnaires().get(row["questionnaire_id"])
    if found is None:
        abort(404)
    if row.get("child_name"):
        g.child_name = row["child_name"]
    return worded_for(found, row.get("account"))


def worded_for(questionnaire: Questionnaire, account: str | None) -> Questionnaire:
    """The questionnaire as this account was asked it: the child's own, or an adult's about the child."""
    return questionnaire if account in (None, "child") else for_adults(questionnaire)
