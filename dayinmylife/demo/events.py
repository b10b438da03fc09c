"""The demo children's significant events across the year, as practitioners add them to a chronology: what
happened, the agency that told us, and what it meant for the child's day. Some repeat, as neglect does."""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database

from dayinmylife import store

# child → (days ago, what happened, the agency or source, the impact on the child)
SIGNIFICANT_EVENTS = {
    "Leo": (
        (285, "Referral from school: often arrives hungry and tired", "School, designated safeguarding lead",
         "Falls asleep in morning lessons; has taken food from other children's lunch boxes."),
        (240, "Missed dental appointment", "Dental practice",
         "Toothache at school; could not eat his lunch."),
        (190, "Missed dental appointment", "Dental practice",
         "Still in pain; his teacher gave him soft food at lunch."),
        (150, "Family moved to a smaller flat after rent arrears", "Housing officer",
         "Shares a room with his baby sister; says he cannot sleep when she cries."),
        (120, "Missed dental appointment", "Dental practice",
         "Two fillings now needed; he chews on one side."),
        (60, "Mum started with the food bank and a family support worker", "Family support service",
         "Cereal at home on school mornings; Leo told his teacher breakfast is \"normal now\"."),
        (20, "Police called to a dispute in the block while Leo was at home", "Police notification",
         "Told his teacher he was scared; slept in his mum's bed for a week."),
    ),
    "Amara": (
        (195, "Missed immunisation appointment", "Health visitor",
         "Amara's first immunisations are late; Mum said she had no money for the bus."),
        (160, "Missed immunisation appointment", "GP practice",
         "Still not immunised; the health visitor booked a home visit."),
        (95, "Flat without heating for a week in the cold", "Health visitor",
         "Amara had a chesty cough and slept in her pram in her coat."),
        (40, "Immunisations brought up to date at a home visit", "Health visitor",
         "Amara is protected now; Mum asked for help with the next appointments."),
    ),
    "Jess": (
        (270, "Excluded from school for two days after a fight", "School",
         "At home alone both days; said no-one made lunch."),
        (185, "Reported missing overnight; found at a friend's house", "Police",
         "Said she left because home is not safe at night; there was no food in the house."),
        (140, "Reported missing overnight; came home the next afternoon", "Police",
         "Would not say where she had been; tired and hungry at her return interview."),
        (80, "Started a college taster course", "School careers lead",
         "Goes in three mornings a week; says it is the only time she eats breakfast (the breakfast club)."),
    ),
    "Ellis": (
        (230, "Wheelchair too small for a year; new one not ordered", "Occupational therapist",
         "Sits slumped and in pain at school; cannot reach his switch without help."),
        (175, "Missed hospital appointment for his hips", "Hospital consultant",
         "His pain was not reviewed; rearranged for three months' time."),
        (120, "Missed hospital appointment for his hips", "Hospital consultant",
         "Still waiting for a review; school see him wince when he is moved."),
        (70, "Short breaks agreed: one weekend a month", "Short breaks team",
         "Mum gets a rest; Ellis went swimming and smiled all the next day, his teacher says."),
        (25, "New wheelchair delivered and fitted", "Wheelchair service",
         "Sits up to use his switch and his eye-gaze board; joins in more at school."),
    ),
}  # fmt: skip


def seed_events(db: Database, children: dict[str, int], practitioner: int, today: date) -> None:
    """Add each demo child's significant events, written by the practitioner who works with them."""
    for name, events in SIGNIFICANT_EVENTS.items():
        for days_ago, what, source, impact in events:
            happened = (today - timedelta(days=days_ago)).isoformat()
            store.chronology.add_significant_event(
                db, children[name], practitioner, happened, what, source, impact
            )
