"""The demo children's stories: a script per session, a line or so per part of the day in the order asked."""

from __future__ import annotations

from dataclasses import dataclass, field

from dayinmylife.questionnaire.model import (
    DONT_KNOW,
    RATHER_NOT_SAY,
)

SKIP = None  # a question the child was asked and skipped


@dataclass(frozen=True)
class ScriptedSession:
    """One session in a child's story."""

    days_ago: int
    answers: dict  # question id -> the answer on a school day, or the answer to a question asked once
    weekend: dict = field(default_factory=dict)  # question id -> the weekend answer, where it differs
    observed: frozenset = frozenset()  # questions the practitioner saw for themselves; the rest were told
    stops_before: str | None = None  # the session is left in progress at this question
    account: str = "child"  # whose account: child | parent_carer | practitioner
    own_words: bool = True  # False: every question for the child's own words is skipped
    shown: tuple = ()  # how the child showed most answers, as the practitioner noted (record_shown_by)
    shown_otherwise: dict = field(default_factory=dict)  # question id -> how the child showed that one
    scan_every_ms: int | None = None  # the session's switch scanning pace


# The scripts, a line or so per part of the day in the order asked. Each session starts from the one before
# ({**LEO_1, ...}) and says only what changed, so each story reads as its changes.
# fmt: off

# Leo, 7: no breakfast and late nights at first; Mum slowly takes over school mornings, weekends lag behind.
LEO_1 = {
    "who_wakes_you": "alarm", "mornings_own_words": "I get my own cereal if there is some. Mostly none.",
    "had_breakfast": "no", "hungry_at_school": "every_day", "feeling_at_school": "sad",
    "school_own_words": "Playtime is best. My tummy hurts in maths.", "who_is_home_after_school": ["nobody"],
    "tea_food": "snack", "eat_tea_with": "on_my_own",
    "evening_activities": ["tv", "games"], "grown_up_plays": "never", "bath_or_shower": "sometimes",
    "bedtime_time": "22:00", "bedtime_routine": ["screen_in_bed"],
    "night_feelings": ["scared", "lonely"], "grown_up_at_night": DONT_KNOW, "night_own_words": RATHER_NOT_SAY,
    "talk_to": ["teacher"], "better_day": "If there was always breakfast.",
}
LEO_1_WEEKEND = {
    "who_wakes_you": "myself", "mornings_own_words": "Mum is asleep. I watch telly.", "bedtime_time": "23:00",
}
LEO_2 = {
    **LEO_1, "who_wakes_you": "grown_up", "mornings_own_words": "Mum makes toast now. Sometimes it's burnt.",
    "had_breakfast": "yes", "breakfast_food": ["toast"], "who_makes_breakfast": "grown_up",
    "hungry_at_school": "sometimes", "feeling_at_school": "okay", "tea_food": "takeaway",
    "eat_tea_with": "grown_up",
    "bedtime_time": "21:30", "night_feelings": ["worried"], "grown_up_at_night": "yes",
    "night_own_words": "It's dark. I leave the telly on.", "better_day": SKIP,
}
LEO_2_WEEKEND = {**LEO_1_WEEKEND, "had_breakfast": "no"}
LEO_3 = {
    **LEO_2, "mornings_own_words": "Mum gets me up and does breakfast.", "breakfast_food": ["cereal"],
    "school_own_words": "I like Mrs Khan. Reading is hard.", "who_is_home_after_school": ["mum"],
    "tea_food": "cooked_at_home", "grown_up_plays": "sometimes",
    "bedtime_time": "20:30", "bedtime_routine": ["brush_teeth", "screen_in_bed"],
    "night_feelings": ["sleepy"], "night_own_words": "Quiet. Mum says night night.",
    "better_day": "Mum not being so tired.",
}
LEO_3_WEEKEND = {
    **LEO_2_WEEKEND, "mornings_own_words": "I have crisps till Mum wakes up.", "had_breakfast": "yes",
    "breakfast_food": ["crisps_or_sweets"], "who_makes_breakfast": "myself", "bedtime_time": "22:30",
}
LEO_4 = {
    **LEO_3, "breakfast_food": ["cereal", "fruit"], "hungry_at_school": "never", "feeling_at_school": "happy",
    "school_own_words": "I got a star for reading!", "eat_tea_with": "family_together",
    "evening_activities": ["tv", "reading", "homework"], "bath_or_shower": "every_day",
    "bedtime_time": "19:30", "bedtime_routine": ["brush_teeth", "story"], "night_feelings": ["safe"],
    "talk_to": ["grown_up_at_home", "teacher"], "better_day": "Breakfast at the weekend too. And a dog.",
}
LEO_4_WEEKEND = {
    **LEO_1_WEEKEND, "mornings_own_words": "Mum has a lie in. I wait for dinner.", "had_breakfast": "no",
    "bedtime_time": "22:00",
}
# Leo's mum's account, the day before his latest session: she remembers weekends better than Leo does.
LEO_MUM_4 = {
    **LEO_4, "mornings_own_words": "I'm up with him on school days now and I do his cereal.",
    "school_own_words": "He's doing better since he gets breakfast.", "night_own_words": "He goes off fine now.",
    "better_day": "More money for days out.",
}
LEO_MUM_4_WEEKEND = {
    "who_wakes_you": "grown_up", "mornings_own_words": "We have a lie in, then I make toast.",
    "had_breakfast": "yes", "breakfast_food": ["toast"], "bedtime_time": "20:30",
}

# Jess, 14: cares for her brother Kai. Mornings, school and meals get better; late nights and going out don't.
JESS_1 = {
    "how_you_wake_up": "own_alarm", "who_is_home_morning": ["brothers_or_sisters", "adults_asleep"],
    "mornings_own_words": "Get Kai up, find him something to eat, take him to school. Then I'm late.",
    "morning_jobs": ["get_younger_ones_ready", "take_younger_ones_to_school", "make_breakfast_for_others"],
    "eat_in_morning": "rarely", "breakfast_food": ["energy_or_fizzy_drink"],
    "miss_school": "often", "miss_school_reasons": ["looking_after_someone", "oversleeping"],
    "school_feeling": "sad", "trusted_adult_school": "not_sure",
    "school_own_words": "Always tired. Teachers on at me for being late.",
    "who_is_home_afternoon": ["mum", "brothers_or_sisters"],
    "caring_for": ["younger_children", "parent_or_carer"], "caring_alone": "yes",
    "caring_own_words": "I do most stuff for Kai. Mum's in bed a lot.",
    "go_out": "often", "who_knows_where": "rarely", "home_by": "22:00", "feel_safe_out": "sometimes",
    "feel_pressured": RATHER_NOT_SAY,
    "money_from": ["friends_or_others"], "buy_own_food": "often", "money_worries": "always",
    "evening_meal": "make_it_myself", "eat_with": "some_of_family", "food_in_house": "never",
    "evening_activities": ["phone", "caring_or_jobs"], "time_with_adult": "rarely",
    "home_evening_feeling": "sad",
    "bedtime_time": "01:00", "who_decides_bedtime": "i_decide", "phone_at_night": "with_me_on",
    "keeps_you_awake": ["phone", "worries", "looking_after_someone"],
    "night_own_words": "On my phone till late. Kai has bad dreams and comes in.",
    "talk_to": ["friend"], "listened_to": "rarely", "better_day": "Mum being well. My own room.",
}
JESS_1_WEEKEND = {
    "how_you_wake_up": "oversleep", "mornings_own_words": "Sleep till Kai wakes me up wanting food.",
    "morning_jobs": ["make_breakfast_for_others", "housework"],
    "go_out": "always", "who_knows_where": "never", "home_by": "01:00",
    "evening_activities": ["see_friends", "phone"], "home_evening_feeling": "okay",
}
JESS_2 = {
    **JESS_1, "who_is_home_morning": ["mum", "brothers_or_sisters"],
    "mornings_own_words": "Mum takes Kai to school on good days.", "morning_jobs": ["get_younger_ones_ready"],
    "eat_in_morning": "sometimes", "breakfast_food": ["toast", "energy_or_fizzy_drink"],
    "miss_school": "sometimes", "miss_school_reasons": ["oversleeping", "worried_or_low"],
    "school_feeling": "okay", "trusted_adult_school": "yes",
    "school_own_words": "Ms Reid checks on me. Still behind in everything.",
    "caring_for": ["younger_children"], "caring_alone": "no",
    "caring_own_words": "Mum does more now. I still do Kai's bath and bed.",
    "home_by": "23:00", "feel_safe_out": "rarely", "feel_pressured": "not_sure",
    "money_from": ["pocket_money", "friends_or_others"], "buy_own_food": "sometimes",
    "money_worries": "often",
    "evening_meal": "cooked_at_home", "eat_with": "family_together", "food_in_house": "often",
    "time_with_adult": "sometimes", "home_evening_feeling": "okay", "bedtime_time": "00:00",
    "keeps_you_awake": ["phone"], "night_own_words": "Still on my phone late. It's my only time.",
    "talk_to": ["friend", "school_staff", "worker"], "listened_to": "sometimes",
    "better_day": "Not being behind at school.",
}
JESS_2_WEEKEND = {
    **JESS_1_WEEKEND, "mornings_own_words": "Lie in. Mum does Kai's breakfast on Saturdays.",
    "morning_jobs": ["housework"], "who_knows_where": "rarely",
}
JESS_3 = {  # she asked to stop before the question about being pressured
    **JESS_2, "eat_in_morning": "often", "breakfast_food": ["cereal", "toast"],
    "miss_school": "rarely", "miss_school_reasons": ["worried_or_low"],
    "school_own_words": "Better. I go to homework club.", "caring_own_words": DONT_KNOW,
    "who_knows_where": "sometimes", "home_by": "22:00",
}

# Amara, 8 months, seen with Mum: a propped bottle and the adult bed at first; warmer and safer later, a
# new risk (the stairs) once she crawls, weekends still in the big bed. The practitioner saw these herself:
AMARA_SEEN = frozenset({
    "how_i_seem_when_i_wake", "nappy_rash", "how_i_am_fed", "feeding_what_i_saw", "clothes_clean",
    "clothes_for_weather", "awake_time", "held_and_cuddled", "when_i_cry", "around_me_at_home",
    "me_with_my_grown_ups_what_i_saw",
})
AMARA_1 = {
    "who_comes_when_i_wake": "mum", "how_i_seem_when_i_wake": "sad",
    "nappy_changes": "few_times_a_day", "nappy_rash": "yes",
    "first_feed": ["formula"], "how_i_am_fed": "propped_bottle", "still_hungry_after_feeds": DONT_KNOW,
    "feeding_what_i_saw": "Bottle propped on a cushion while Mum was on her phone. Feed over fast.",
    "clothes_clean": "sometimes", "clothes_for_weather": "too_cold",
    "who_looks_after_me": ["mum"], "how_we_go_out": ["we_stay_in"],
    "checkups_and_immunisations": "not_sure", "when_i_am_poorly": "wait_and_see",
    "awake_time": ["in_cot_awake", "screens"], "held_and_cuddled": "sometimes", "when_i_cry": "left_to_cry",
    "around_me_at_home": ["hot_things", "cords_and_wires", "no_safe_floor"],
    "me_with_my_grown_ups_what_i_saw": "Mum quiet and tired. Little talk to Amara, but gentle holding her.",
    "where_i_nap": "car_seat_or_bouncer", "what_i_have_for_tea": ["milk_feed"],
    "bath_or_wash": "sometimes", "bedtime": "22:00", "bedtime_routine": ["feed", "different_every_night"],
    "where_i_sleep": "adult_bed", "put_down_on_my_back": "not_sure", "anyone_smokes": "yes",
    "who_comes_at_night": "mum", "who_is_home_at_night": ["mum", "partner"],
    "enough_for_me": "not_sure", "who_helps_my_grown_up": ["nobody"],
    "my_grown_ups_worries": "She cries loads and I don't know why.",
    "what_would_make_my_day_better": "Mum getting some sleep and some help.",
}
AMARA_1_WEEKEND = {
    "who_looks_after_me": ["mum", "grandparent"], "how_we_go_out": ["pram"],
    "who_is_home_at_night": ["mum", "partner", "visitors"],
}
AMARA_2 = {
    **AMARA_1, "how_i_seem_when_i_wake": "okay", "nappy_changes": "when_needed", "nappy_rash": "no",
    "how_i_am_fed": "held_and_talked_to", "still_hungry_after_feeds": "never",
    "feeding_what_i_saw": "Mum held Amara for her bottle and talked to her. Good eye contact.",
    "clothes_clean": "every_day", "clothes_for_weather": "just_right", "how_we_go_out": ["pram"],
    "checkups_and_immunisations": "yes", "when_i_am_poorly": "gp_or_health_visitor",
    "awake_time": ["floor_play", "songs_and_chat"], "held_and_cuddled": "every_day",
    "when_i_cry": "soothed_nearby",
    "around_me_at_home": ["hot_things", "cords_and_wires"],
    "me_with_my_grown_ups_what_i_saw": "Mum sang to Amara on the play mat. Amara smiled back.",
    "where_i_nap": "cot", "bedtime": "20:00", "bedtime_routine": ["bath", "feed", "put_down_in_cot"],
    "where_i_sleep": "own_cot", "put_down_on_my_back": "yes",
    "enough_for_me": "yes", "who_helps_my_grown_up": ["family", "professionals"],
    "my_grown_ups_worries": RATHER_NOT_SAY, "what_would_make_my_day_better": SKIP,
}
AMARA_2_WEEKEND = {**AMARA_1_WEEKEND, "where_i_sleep": "adult_bed"}
AMARA_3 = {
    **AMARA_2, "how_i_seem_when_i_wake": "happy",
    "first_feed": ["formula", "cereal"], "how_i_am_fed": "high_chair_with_adult",
    "feeding_what_i_saw": "Porridge in the high chair, Mum chatting. Amara babbling and grabbing the spoon.",
    "who_looks_after_me": ["mum", "nursery_or_childminder"], "how_we_go_out": ["pram", "bus"],
    "when_i_am_poorly": SKIP,
    "awake_time": ["floor_play", "books", "songs_and_chat"],
    "around_me_at_home": ["stairs_no_gate", "hot_things"],
    "me_with_my_grown_ups_what_i_saw": "Amara crawled to Mum and was scooped up. No stair gate yet.",
    "what_i_have_for_tea": ["home_cooked", "milk_feed"],
    "bedtime": "19:00", "bedtime_routine": ["bath", "story_or_song", "feed", "put_down_in_cot"],
    "anyone_smokes": "no", "who_comes_at_night": "sleep_through",
    "my_grown_ups_worries": "Her crawling everywhere. Money for a gate.",
    "what_would_make_my_day_better": "A stair gate. More mornings at nursery.",
}
AMARA_3_WEEKEND = {**AMARA_2_WEEKEND, "what_i_have_for_tea": ["jar_or_pouch", "snacks"], "bedtime": "20:30"}

# Ellis, 10: cerebral palsy, no speech; answers by eye gaze and sounds, and with a switch on the tablet. School
# is going well; washing and playtime are hard, and Mum's account sees playtime and bath time more kindly.
ELLIS_1 = {
    "who_wakes_you": "grown_up", "had_breakfast": "yes", "clean_clothes": "sometimes",
    "feeling_at_school": "happy", "sort_lessons": "good", "sort_school_lunch": "not_sure",
    "sort_playtime": "not_good", "sort_helpers": "good", "tea_food": "snack", "grown_up_plays": "sometimes",
    "bath_or_shower": "sometimes", "feeling_at_night": "sad", "grown_up_at_night": "yes",
    "sort_food_at_home": "good", "sort_washing": "not_good", "sort_playing": "good", "sort_hugs": "good",
    "sort_bedtime": "not_sure", "safe_at_home": "yes",
}
ELLIS_1_WEEKEND = {"tea_food": "cooked_at_home", "grown_up_plays": "every_day"}
ELLIS_2 = {
    **ELLIS_1, "clean_clothes": "every_day", "sort_playtime": "not_sure", "feeling_at_night": "okay",
    "sort_washing": "not_sure", "sort_bedtime": "good",
}
ELLIS_MUM_2 = {**ELLIS_2, "sort_playtime": "good", "bath_or_shower": "every_day", "sort_washing": "good"}
ELLIS_SHOWN = ("eye_gaze", "vocalised")
ELLIS_SHOWN_OTHERWISE = {
    "sort_playtime": ("behaviour", "vocalised"), "sort_washing": ("behaviour",), "sort_hugs": ("pointed", "vocalised"),
}

# Questions no script mentions: a steady background chosen for these families, never at random.
DEFAULTS = {
    "primary": {
        "teeth_morning": "sometimes", "clean_clothes": "sometimes",
        "weather_clothes": ["school_clothes", "shoes_that_fit"],  # no coat
        "travel_to_school": "walk", "who_takes_you_to_school": "grown_up", "late_for_school": "sometimes",
        "school_lunch": "school_dinner", "look_after_someone": ["no_one"], "where_sleep": "own_bed",
        "safe_at_home": "yes",
    },
    "teenager": {
        "shower_when_needed": "often", "clean_clothes": "sometimes",
        "clothes_and_kit": ["school_uniform", "shoes_that_fit"],  # no coat, no PE kit
        "travel_to_school": "walk", "school_lunch": "school_meal",
        "where_sleep": "shared_room", "safe_at_home_night": "often",
    },
    "baby": {"time_strapped_in": "just_the_journey", "who_stays_in_the_bath": "adult_all_the_time"},
    "disability": {},
}


@dataclass(frozen=True)
class DemoChild:
    name: str
    case_reference: str
    days_old: int  # age today: the date of birth moves with today, so the ages stay right
    questionnaire: str
    session_hour: int  # when in the day the practitioner usually sees them (UTC)
    visits: tuple[ScriptedSession, ...]


CHILDREN = (
    DemoChild("Amara", "DEMO-0142", 255, "baby", 10, (
        ScriptedSession(205, AMARA_1, AMARA_1_WEEKEND, AMARA_SEEN),
        ScriptedSession(110, AMARA_2, AMARA_2_WEEKEND, AMARA_SEEN | {"checkups_and_immunisations"}),  # saw the red book
        ScriptedSession(20, AMARA_3, AMARA_3_WEEKEND, AMARA_SEEN),
    )),
    DemoChild("Leo", "DEMO-0117", 7 * 365 + 130, "primary", 13, (
        ScriptedSession(270, LEO_1, LEO_1_WEEKEND), ScriptedSession(180, LEO_2, LEO_2_WEEKEND),
        ScriptedSession(92, LEO_3, LEO_3_WEEKEND), ScriptedSession(9, LEO_MUM_4, LEO_MUM_4_WEEKEND, account="parent_carer"),
        ScriptedSession(8, LEO_4, LEO_4_WEEKEND),
    )),
    DemoChild("Jess", "DEMO-0098", 14 * 365 + 200, "teenager", 16, (
        ScriptedSession(250, JESS_1, JESS_1_WEEKEND), ScriptedSession(130, JESS_2, JESS_2_WEEKEND),
        ScriptedSession(4, JESS_3, JESS_2_WEEKEND, stops_before="feel_pressured"),
    )),
    DemoChild("Ellis", "DEMO-0163", 10 * 365 + 40, "disability", 11, (
        ScriptedSession(
            150, ELLIS_1, ELLIS_1_WEEKEND, shown=ELLIS_SHOWN, shown_otherwise=ELLIS_SHOWN_OTHERWISE, scan_every_ms=2000
        ),
        ScriptedSession(12, ELLIS_MUM_2, ELLIS_1_WEEKEND, account="parent_carer"),
        ScriptedSession(
            11, ELLIS_2, ELLIS_1_WEEKEND, shown=ELLIS_SHOWN, shown_otherwise=ELLIS_SHOWN_OTHERWISE, scan_every_ms=2000
        ),
    )),
)
# fmt: on
