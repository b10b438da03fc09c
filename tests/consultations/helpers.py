"""Consultations made, joined and answered for tests: a lead, groups, pupils' answers."""

from datetime import date, timedelta

from dayinmylife import store
from dayinmylife.consultations.codes import make_join_code
from tests.conftest import PASSWORD_HASH

TODAY = date.today()


def days(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


def create_lead(db, email="priya@school.example", name="Priya Shah", role="consultation_lead") -> int:
    return store.users.create_user(db, email, name, PASSWORD_HASH, role)


def create_consultation(db, lead_id, groups=("5 Oak", "5 Ash"), opens=-1, closes=7, **details) -> int:
    details = {
        "title": "Year 5: a day in my life",
        "questionnaire_id": "primary",
        "opens_on": days(opens),
        "closes_on": days(closes),
        "min_group_size": 5,
        "max_responses": 2000,
        **details,
    }
    return store.consultations.create_consultation(db, lead_id, details, list(groups), make_join_code)


def pupils_answer(db, questionnaire, consultation_id, group_id, answers_each: list[dict]):
    """Store finished responses, one per dict of {(question id, day): value}."""
    store.consultations.add_consultation_responses(
        db,
        consultation_id,
        questionnaire,
        [
            {
                "group_id": group_id,
                "started_at": "2026-03-02T10:00:00+00:00",
                "finished_at": "2026-03-02T10:12:00+00:00",
                "answers": answers,
            }
            for answers in answers_each
        ],
    )


def breakfast(school, weekend_differs="no", weekend=None) -> dict:
    answers = {("had_breakfast", "school"): school, ("breakfast.weekend_different", "once"): weekend_differs}
    if weekend is not None:
        answers[("had_breakfast", "weekend")] = weekend
    return answers


def group_ids(db, consultation_id) -> dict[str, int]:
    return {
        group["name"]: group["id"] for group in store.consultations.consultation_groups(db, consultation_id)
    }
