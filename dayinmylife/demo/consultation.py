"""The demo's school consultation: Year 5 and 6 tell "a day in my life" anonymously, in three classes and a
small nurture group (too small to report: its numbers are suppressed).

Each pupil's answers are drawn through the real questionnaire flow, so they hold exactly what the app would
have asked, from how likely each answer is on a school day and at the weekend, leaning the way each class
tends. A fixed seed makes the demo the same every time.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlite_utils import Database

from dayinmylife import clock, store
from dayinmylife.consultations.codes import make_join_code
from dayinmylife.questionnaire import flow
from dayinmylife.questionnaire.model import DONT_KNOW, RATHER_NOT_SAY, WEEKEND, Questionnaire

LEAD_EMAIL = "lead@dayinmylife.example"
LEAD_NAME = "Priya Shah"
TITLE = "Year 5 and 6: a day in my life"
SEED = 20260302
CLASSES = (("5 Oak", 30), ("5 Ash", 29), ("6 Elm", 43), ("Nurture group", 4))
OPENED_DAYS_AGO, OPEN_FOR_DAYS = 40, 14
EXCLUSIVE = {"none", "no_one", "nobody"}  # "none of these" is picked alone

# How likely each answer is on a school day (weights for one answer; chances for "pick several").
# fmt: off
SCHOOL_DAY = {
    "who_wakes_you": {"grown_up": 6, "alarm": 3, "brother_or_sister": 1, "myself": 2},
    "teeth_morning": {"every_day": 7, "sometimes": 3, "never": 0.6},
    "clean_clothes": {"every_day": 8, "sometimes": 2, "never": 0.3},
    "weather_clothes": {"warm_coat": 0.8, "shoes_that_fit": 0.85, "hat_or_gloves": 0.45, "school_clothes": 0.9, "none": 0.02},
    "had_breakfast": {"yes": 8, "no": 1.5, "not_sure": 0.3},
    "breakfast_food": {"cereal": 0.6, "toast": 0.4, "fruit": 0.25, "something_hot": 0.1, "crisps_or_sweets": 0.06, "just_a_drink": 0.05},
    "who_makes_breakfast": {"grown_up": 6, "myself": 3, "brother_or_sister": 0.5, "breakfast_club": 1.5},
    "travel_to_school": {"walk": 6, "car": 4, "bus": 1, "bike_or_scooter": 1.5, "school_taxi": 0.2},
    "who_takes_you_to_school": {"grown_up": 7, "older_brother_or_sister": 1, "friends": 1, "on_my_own": 1},
    "late_for_school": {"every_day": 0.3, "sometimes": 3, "never": 7},
    "school_lunch": {"school_dinner": 6, "packed_lunch": 4, "nothing": 0.1},
    "hungry_at_school": {"every_day": 0.6, "sometimes": 4, "never": 6},
    "feeling_at_school": {"very_sad": 0.3, "sad": 1, "okay": 3, "happy": 5, "very_happy": 3},
    "who_is_home_after_school": {"mum": 0.7, "dad": 0.4, "other_grown_up": 0.1, "grandparent": 0.15, "brother_or_sister": 0.5, "nobody": 0.04},
    "look_after_someone": {"baby": 0.05, "younger_child": 0.15, "grown_up_not_well": 0.04, "pet": 0.35, "no_one": 0.5},
    "alone_looking_after": {"yes": 1, "no": 6, "not_sure": 1},
    "tea_food": {"cooked_at_home": 8, "takeaway": 1.5, "snack": 1, "nothing": 0.1},
    "eat_tea_with": {"family_together": 6, "grown_up": 2, "brother_or_sister": 1, "on_my_own": 1},
    "evening_activities": {"tv": 0.7, "games": 0.5, "phone_or_tablet": 0.5, "toys": 0.3, "play_outside": 0.3, "reading": 0.35, "homework": 0.4},
    "grown_up_plays": {"every_day": 2, "sometimes": 6, "never": 2},
    "bath_or_shower": {"every_day": 5, "sometimes": 5, "never": 0.2},
    "bedtime_time": {"19:00": 0.5, "19:30": 2, "20:00": 4, "20:30": 4, "21:00": 3, "21:30": 1.5, "22:00": 0.8, "22:30": 0.3, "23:00": 0.2},
    "bedtime_routine": {"brush_teeth": 0.75, "story": 0.3, "goodnight_hug": 0.5, "screen_in_bed": 0.3, "just_go_to_bed": 0.15},
    "where_sleep": {"own_bed": 9, "share_bed": 1, "sofa": 0.15, "floor": 0.05, "different_places": 0.3},
    "night_feelings": {"safe": 0.7, "sleepy": 0.5, "worried": 0.15, "scared": 0.1, "lonely": 0.06, "angry": 0.04},
    "grown_up_at_night": {"yes": 8, "no": 0.6, "not_sure": 1.2},
    "talk_to": {"grown_up_at_home": 0.75, "other_family": 0.35, "teacher": 0.45, "friend": 0.5, "pet": 0.2, "nobody": 0.04},
    "safe_at_home": {"yes": 9, "no": 0.2, "not_sure": 0.6},
}
# What changes at the weekend, for pupils who say that part of their day is different.
AT_THE_WEEKEND = {
    "who_wakes_you": {"grown_up": 2, "alarm": 0.3, "brother_or_sister": 2, "myself": 6},
    "had_breakfast": {"yes": 6, "no": 3},
    "breakfast_food": {"cereal": 0.5, "toast": 0.3, "something_hot": 0.35, "crisps_or_sweets": 0.15},
    "who_makes_breakfast": {"grown_up": 4, "myself": 5, "breakfast_club": 0},
    "tea_food": {"cooked_at_home": 5, "takeaway": 4, "snack": 1.5},
    "eat_tea_with": {"family_together": 4, "on_my_own": 2},
    "evening_activities": {"tv": 0.8, "games": 0.7, "phone_or_tablet": 0.7, "play_outside": 0.5, "reading": 0.25, "homework": 0.05},
    "grown_up_plays": {"every_day": 3, "sometimes": 5, "never": 2},
    "bedtime_time": {"19:30": 0.2, "20:00": 0.5, "20:30": 1.5, "21:00": 3, "21:30": 3, "22:00": 3, "22:30": 1.5, "23:00": 1.5},
    "bedtime_routine": {"brush_teeth": 0.55, "story": 0.2, "screen_in_bed": 0.5, "just_go_to_bed": 0.25},
}
WEEKEND_DIFFERENT = {"waking_up": 0.55, "getting_ready": 0.2, "breakfast": 0.4, "after_school": 0.35, "tea_time": 0.3, "evening": 0.5, "bedtime": 0.65, "night": 0.15}
# How each class leans: answers more or less likely than in the school as a whole.
LEANINGS = {
    "5 Oak": {"who_makes_breakfast": {"breakfast_club": 3}, "evening_activities": {"play_outside": 0.5, "reading": 0.5}},
    "5 Ash": {"had_breakfast": {"no": 3.5}, "hungry_at_school": {"every_day": 1.5, "sometimes": 6}, "who_makes_breakfast": {"myself": 5},
              "bedtime_time": {"21:30": 3, "22:00": 2, "22:30": 1}, "tea_food": {"snack": 2.5, "takeaway": 2.5}},
    "6 Elm": {"who_wakes_you": {"alarm": 6, "grown_up": 3}, "who_takes_you_to_school": {"friends": 4, "on_my_own": 4},
              "evening_activities": {"phone_or_tablet": 0.85, "toys": 0.05, "homework": 0.6}, "bedtime_routine": {"screen_in_bed": 0.55, "story": 0.05},
              "bedtime_time": {"19:00": 0, "19:30": 0.3, "21:30": 3, "22:00": 2.5}},
    "Nurture group": {"feeling_at_school": {"sad": 3, "okay": 4}, "night_feelings": {"worried": 0.5, "scared": 0.3}, "had_breakfast": {"no": 4}},
}
OWN_WORDS = {
    "mornings_own_words": [
        "Mum wakes me up and we have toast together.", "It's a rush. I get my little brother ready.",
        "I like mornings when Dad does pancakes.", "My alarm goes off and I snooze it.", "Nan takes me to breakfast club.",
        "Quiet. Everyone is still asleep so I get my own cereal.",
    ],
    "school_own_words": [
        "I love art and PE.", "Maths is hard but Miss helps me.", "Playtime is the best bit.",
        "Sometimes people are mean at lunch.", "I like reading corner.", "I get tired in the afternoon.",
        "My friends make school fun.",
    ],
    "night_own_words": [
        "I read with a torch.", "My sister snores.", "I watch videos until I fall asleep.",
        "I sometimes hear shouting downstairs and I can't sleep.", "Cosy with my cat.",
    ],
    "better_day": [
        "More time to play outside.", "If I didn't have to get up so early.", "Pizza every day!",
        "If there was always food in the cupboard for tea.", "If my brother was nicer to me.", "No homework.",
        "Seeing my dad more.",
    ],
}
# fmt: on


def seed_consultation(db: Database, questionnaires: dict[str, Questionnaire], lead_user_id: int) -> int:
    """Add the finished Year 5 and 6 consultation run by the lead, with over a hundred pupils' answers."""
    questionnaire = questionnaires["primary"]
    opens = clock.today() - timedelta(days=OPENED_DAYS_AGO)
    details = {
        "title": TITLE,
        "questionnaire_id": questionnaire.id,
        "opens_on": opens.isoformat(),
        "closes_on": (opens + timedelta(days=OPEN_FOR_DAYS)).isoformat(),
        "min_group_size": 5,
        "max_responses": 2000,
    }
    names = [name for name, _pupils in CLASSES]
    codes = iter(["SUN234"])  # easy to read in the demo; a random one if ever taken
    consultation_id = store.consultations.create_consultation(
        db, lead_user_id, details, names, lambda: next(codes, None) or make_join_code()
    )
    group_ids = {
        group["name"]: group["id"] for group in store.consultations.consultation_groups(db, consultation_id)
    }
    rng = random.Random(SEED)
    responses = [
        response_of(rng, questionnaire, name, group_ids[name], opens)
        for name, pupils in CLASSES
        for _pupil in range(pupils)
    ]
    store.consultations.add_consultation_responses(db, consultation_id, questionnaire, responses)
    return consultation_id


def response_of(
    rng: random.Random, questionnaire: Questionnaire, group: str, group_id: int, opens: date
) -> dict:
    answers: dict[tuple[str, str], object] = {}
    while step := flow.first_unanswered(flow.steps(questionnaire, answers), set(answers)):
        answers[step.key] = _answer(rng, step, group)
    day = opens + timedelta(days=rng.choice([1, 2, 3, 7, 8, 9]))
    started = datetime.combine(day, time(9 + rng.randrange(6), rng.randrange(60)), UTC)
    return {
        "group_id": group_id,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": (started + timedelta(minutes=rng.randint(8, 20))).isoformat(timespec="seconds"),
        "answers": answers,
    }


def _answer(rng: random.Random, step: flow.Step, group: str):
    question = step.question
    if step.is_weekend_question:
        return "yes" if rng.random() < WEEKEND_DIFFERENT.get(step.part.id, 0.2) else "no"
    silence = rng.random()
    if silence < 0.02:
        return None  # skipped
    if silence < 0.045:
        return DONT_KNOW
    if silence < 0.055:
        return RATHER_NOT_SAY
    if question.free_text:
        return rng.choice(OWN_WORDS[question.id]) if rng.random() < 0.35 else None
    likely = _likelihoods(question, step.day == WEEKEND, group)
    return (
        _pick_several(rng, likely)
        if question.multiple
        else rng.choices(list(likely), list(likely.values()))[0]
    )


def _likelihoods(question, weekend: bool, group: str) -> dict[str, float]:
    likely = {option.value: 1.0 for option in question.options}
    likely.update(SCHOOL_DAY.get(question.id, {}))
    if weekend:
        likely.update(AT_THE_WEEKEND.get(question.id, {}))
    likely.update(LEANINGS[group].get(question.id, {}))
    return likely


def _pick_several(rng: random.Random, chances: dict[str, float]) -> list[str]:
    alone = [value for value in chances if value in EXCLUSIVE and rng.random() < chances[value]]
    if alone:
        return alone[:1]
    picked = [value for value, chance in chances.items() if value not in EXCLUSIVE and rng.random() < chance]
    return picked or [max((v for v in chances if v not in EXCLUSIVE), key=chances.get)]
