"""Two more practitioners on Sam's team, with a year of caseloads: children seen about once a quarter whose
days get better, stay stuck or slide back, so the team page has drift to find and the impact report has
figures to show. Their days follow the same families' scripts as Leo's and Jess's (demo/casework.py), but
their own words are left unsaid: words are a child's own, never copied from another child."""

from __future__ import annotations

from dataclasses import dataclass

from dayinmylife.demo.casework import (
    JESS_1,
    JESS_1_WEEKEND,
    JESS_2,
    JESS_2_WEEKEND,
    JESS_3,
    LEO_1,
    LEO_1_WEEKEND,
    LEO_2,
    LEO_2_WEEKEND,
    LEO_3,
    LEO_3_WEEKEND,
    LEO_4,
    LEO_4_WEEKEND,
    DemoChild,
    ScriptedSession,
)

# Where Leo's family is not yet: clean clothes every day, and weekends as cared for as school days.
THRIVING = {**LEO_4, "clean_clothes": "every_day", "teeth_morning": "every_day", "late_for_school": "never"}
THRIVING_WEEKEND = {
    "who_wakes_you": "grown_up", "had_breakfast": "yes", "breakfast_food": ["toast"], "bedtime_time": "20:30",
}  # fmt: skip

# The stages a day goes through, hardest first, with its weekend.
PRIMARY = (
    (LEO_1, LEO_1_WEEKEND),
    (LEO_2, LEO_2_WEEKEND),
    (LEO_3, LEO_3_WEEKEND),
    (LEO_4, LEO_4_WEEKEND),
    (THRIVING, THRIVING_WEEKEND),
)
TEENAGER = ((JESS_1, JESS_1_WEEKEND), (JESS_2, JESS_2_WEEKEND), (JESS_3, JESS_2_WEEKEND))

# How a child's days go over the year: (days ago, stage, whose account) per session, oldest first.
IMPROVING = ((340, 0, "child"), (250, 1, "child"), (160, 2, "child"), (70, 3, "child"), (12, 4, "child"))
STUCK = ((330, 1, "child"), (240, 1, "child"), (150, 1, "parent_carer"), (60, 1, "child"))
SLIDING = ((300, 3, "child"), (200, 2, "child"), (100, 1, "child"), (15, 1, "child"))
STEADY = ((320, 4, "child"), (225, 3, "parent_carer"), (130, 4, "child"), (35, 4, "child"))
LOST_TOUCH = ((345, 0, "child"), (255, 0, "child"), (200, 1, "child"))  # no session for over six months
ADULTS_ONLY = (
    (280, 1, "parent_carer"),
    (190, 2, "practitioner"),
    (95, 2, "parent_carer"),
    (5, 2, "parent_carer"),
)
TEEN_IMPROVING = ((320, 0, "child"), (220, 1, "child"), (120, 2, "child"), (25, 2, "child"))
TEEN_STUCK = ((310, 0, "child"), (215, 0, "child"), (110, 1, "child"), (18, 0, "child"))

# Outcomes agreed with a child at their first session: (statement, question, day, answers that mean met).
BREAKFAST = ("I have breakfast before school", "had_breakfast", "school", ("yes",))
WEEKEND_BREAKFAST = ("I have breakfast at weekends too", "had_breakfast", "weekend", ("yes",))
BEDTIME = ("I am in bed by eight on school nights", "bedtime_time", "school", ("19:00", "19:30", "20:00"))
EATS_IN_MORNING = ("I eat something every morning", "eat_in_morning", "school", ("always", "often"))
FOOD_IN_HOUSE = ("There is food in the house", "food_in_house", "once", ("always", "often"))


@dataclass(frozen=True)
class Practitioner:
    email: str
    name: str
    children: tuple[tuple[DemoChild, tuple[tuple, ...]], ...]  # each child with the outcomes agreed with them


def _child(name: str, number: int, years: int, course: tuple, hour: int) -> DemoChild:
    teenager = years >= 11
    stages = TEENAGER if teenager else PRIMARY
    visits = tuple(
        ScriptedSession(days_ago, *stages[stage], account=account, own_words=False)
        for days_ago, stage, account in course
    )
    questionnaire = "teenager" if teenager else "primary"
    return DemoChild(name, f"DEMO-{number:04d}", years * 365 + 40 * (number % 7), questionnaire, hour, visits)


PRACTITIONERS = (
    Practitioner(
        "nadia.okafor@dayinmylife.example",
        "Nadia Okafor",
        (
            (_child("Ava", 201, 8, IMPROVING, 9), (BREAKFAST, BEDTIME)),
            (_child("Noah", 202, 6, STUCK, 10), (BREAKFAST, WEEKEND_BREAKFAST)),
            (_child("Mia", 203, 9, SLIDING, 11), (BEDTIME,)),
            (_child("Oscar", 204, 13, TEEN_IMPROVING, 15), (EATS_IN_MORNING, FOOD_IN_HOUSE)),
            (_child("Lily", 205, 7, STEADY, 14), ()),
            (_child("Ethan", 206, 10, LOST_TOUCH, 13), (BREAKFAST,)),
            (_child("Zara", 207, 5, ADULTS_ONLY, 10), ()),
            (_child("Harry", 208, 15, TEEN_STUCK, 16), (EATS_IN_MORNING,)),
        ),
    ),
    Practitioner(
        "tom.evans@dayinmylife.example",
        "Tom Evans",
        (
            (_child("Ruby", 211, 7, IMPROVING, 10), (BREAKFAST, WEEKEND_BREAKFAST)),
            (_child("Kian", 212, 12, TEEN_IMPROVING, 15), (FOOD_IN_HOUSE,)),
            (_child("Maya", 213, 8, STEADY, 9), (BEDTIME,)),
            (_child("Leon", 214, 9, STUCK, 13), (WEEKEND_BREAKFAST,)),
            (_child("Isla", 215, 6, IMPROVING, 11), (BREAKFAST,)),
            (_child("Finley", 216, 14, TEEN_STUCK, 16), (EATS_IN_MORNING, FOOD_IN_HOUSE)),
            (_child("Nia", 217, 10, SLIDING, 14), (BREAKFAST, BEDTIME)),
            (_child("Tyler", 218, 8, ADULTS_ONLY, 12), ()),
        ),
    ),
)
