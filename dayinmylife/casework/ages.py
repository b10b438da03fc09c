"""A child's age, and the questionnaire that suits it."""

from datetime import date

from flask_babel import ngettext

from dayinmylife import clock, store
from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.store.db import get_db


def age_on(date_of_birth: str, today: date | None = None) -> int:
    """Age in whole years."""
    born, today = date.fromisoformat(date_of_birth), today or clock.today()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def age_in_words(date_of_birth: str, today: date | None = None) -> str:
    """Say a child's age as people do: in months under two, in years after."""
    born, today = date.fromisoformat(date_of_birth), today or clock.today()
    months = (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)
    if months < 24:
        return ngettext("%(num)d month", "%(num)d months", months)
    return str(age_on(date_of_birth, today))


def suggested_questionnaire(questionnaires: dict, age: int) -> str:
    """The questionnaire whose age band covers this age (the oldest band past its end); never one the
    practitioner alone chooses (the version for disabled children)."""
    by_age = [questionnaire for questionnaire in questionnaires.values() if questionnaire.chosen_by_age]
    for questionnaire in sorted(by_age, key=lambda q: q.age_from):
        if questionnaire.age_from <= age <= questionnaire.age_to:
            return questionnaire.id
    return max(by_age, key=lambda q: q.age_to).id


def questionnaire_for_child(child: dict):
    """The questionnaire of the child's latest session, else the one for their age."""
    questionnaires = all_questionnaires()
    latest = store.sessions.latest_session_of_child(get_db(), child["id"])
    if latest and latest["questionnaire_id"] in questionnaires:
        return questionnaires[latest["questionnaire_id"]]
    return questionnaires[suggested_questionnaire(questionnaires, age_on(child["date_of_birth"]))]
