"""The demo's consultation across schools: a county's Year 5 and 6 in three schools, each with its own code, open
now (so its codes can be tried). Brook Lane's Year 6 is too small to report on its own; Little Acorns has no
classes. Answers drawn as the school consultation's (demo/consultation.py), each class leaning as one there."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlite_utils import Database

from dayinmylife import clock, store
from dayinmylife.consultations.codes import make_join_code
from dayinmylife.demo.consultation import response_of
from dayinmylife.questionnaire.model import Questionnaire

TITLE = "Our county: a day in my life"
SEED = 20261204
# school, its code (easy to read; a random one if ever taken), and its classes: name, pupils, leaning like
SCHOOLS = (
    ("Hillside Primary", "HIL234", (("5 Oak", 26, "5 Oak"), ("5 Ash", 24, "5 Ash"))),
    ("Brook Lane", "BRK234", (("Year 5", 28, "6 Elm"), ("Year 6", 4, "Nurture group"))),
    ("Little Acorns", "ACN234", ()),
)
LITTLE_ACORNS = (12, "5 Oak")  # pupils, leaning like


def seed_county_consultation(db: Database, questionnaire: Questionnaire, lead_user_id: int) -> int:
    """Add the open consultation across three schools run by the lead, with a hundred pupils' answers."""
    opens = clock.today() - timedelta(days=3)
    details = {
        "title": TITLE,
        "questionnaire_id": questionnaire.id,
        "opens_on": opens.isoformat(),
        "closes_on": (opens + timedelta(days=28)).isoformat(),
        "min_group_size": 5,
        "max_responses": 20_000,
    }
    codes = iter(["CTY234", *(code for _name, code, _classes in SCHOOLS)])
    schools = [
        (name, [class_name for class_name, _pupils, _like in classes]) for name, _code, classes in SCHOOLS
    ]
    consultation_id = store.consultations.create_consultation(
        db, lead_user_id, details, [], lambda: next(codes, None) or make_join_code(), schools
    )
    rng = random.Random(SEED)
    responses = []
    for school in store.consultations.consultation_groups(db, consultation_id):
        classes = {row["name"]: row["id"] for row in store.schools.classes_of(db, school["id"])}
        listed = next(listed for name, _code, listed in SCHOOLS if name == school["name"])
        where = [(classes[name], pupils, like) for name, pupils, like in listed] or [
            (school["id"], *LITTLE_ACORNS)
        ]
        for group_id, pupils, like in where:
            responses += [response_of(rng, questionnaire, like, group_id, opens) for _pupil in range(pupils)]
    store.consultations.add_consultation_responses(db, consultation_id, questionnaire, responses)
    return consultation_id
