"""Fixtures of the consultation tests: a signed-in lead, and a consultation three groups answered."""

import pytest

from tests.consultations.helpers import breakfast, create_consultation, create_lead, group_ids, pupils_answer


@pytest.fixture
def lead(db, practitioners):
    """A signed-in consultation lead; returns their user id."""
    lead_id = create_lead(db)
    practitioners.sign_in("priya@school.example")
    return lead_id


@pytest.fixture
def answered(db, lead, questionnaires):
    """A consultation with 5 Oak (8 pupils), 5 Ash (6) and a nurture group of 3 answering about breakfast."""
    consultation_id = create_consultation(db, lead, groups=("5 Oak", "5 Ash", "Nurture"))
    ids = group_ids(db, consultation_id)
    primary = questionnaires["primary"]
    pupils_answer(
        db,
        primary,
        consultation_id,
        ids["5 Oak"],
        [breakfast("yes")] * 6 + [breakfast("no", "yes", "no")] * 2,
    )
    pupils_answer(
        db, primary, consultation_id, ids["5 Ash"], [breakfast("yes", "yes", "no")] * 5 + [breakfast("no")]
    )
    pupils_answer(db, primary, consultation_id, ids["Nurture"], [breakfast("no")] * 3)
    return consultation_id
