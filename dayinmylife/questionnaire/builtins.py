"""Answers every questionnaire shares: built-in option sets and the two answers always offered.

Labels are English; pages translate them through gettext. `N_` only marks them for extraction.
"""

from dayinmylife.questionnaire.model import DONT_KNOW, RATHER_NOT_SAY, Option


def N_(text: str) -> str:
    """Mark text for the gettext catalog without translating it here."""
    return text


ALWAYS_OFFERED = (
    Option(DONT_KNOW, N_("I don't know"), "thinking-face"),
    Option(RATHER_NOT_SAY, N_("I'd rather not say"), "zipper-mouth-face"),
)

# What results and exports count as one row: the answers that are no substantive answer (the anonymous data keeps
# them apart). Fewer small rows means fewer counts hidden to protect them.
NOT_SUBSTANTIVE = ("not_sure", DONT_KNOW, RATHER_NOT_SAY)
NOT_SURE_OR_NOT_SAYING = Option("not_sure_or_not_saying", N_("Not sure or not saying"), "person-shrugging")

YES_NO = (
    Option("yes", N_("Yes"), "thumbs-up"),
    Option("no", N_("No"), "thumbs-down"),
    Option("not_sure", N_("Not sure"), "person-shrugging"),
)

SORTING = (
    Option("good", N_("Good"), "thumbs-up"),
    Option("not_sure", N_("Not sure"), "person-shrugging"),
    Option("not_good", N_("Not good"), "thumbs-down"),
)

HOW_OFTEN = {
    "child": (
        Option("every_day", N_("Every day"), "check-mark-button"),
        Option("sometimes", N_("Sometimes"), "shuffle-tracks-button"),
        Option("never", N_("Never"), "cross-mark"),
    ),
    "teen": (
        Option("always", N_("Always"), "check-mark-button"),
        Option("often", N_("Often"), "repeat-button"),
        Option("sometimes", N_("Sometimes"), "shuffle-tracks-button"),
        Option("rarely", N_("Rarely"), "hourglass-not-done"),
        Option("never", N_("Never"), "cross-mark"),
    ),
}

FACES = {
    5: (
        Option("very_sad", N_("Very sad"), "crying-face"),
        Option("sad", N_("Sad"), "slightly-frowning-face"),
        Option("okay", N_("Okay"), "neutral-face"),
        Option("happy", N_("Happy"), "slightly-smiling-face"),
        Option("very_happy", N_("Very happy"), "grinning-face-with-big-eyes"),
    ),
    3: (
        Option("sad", N_("Sad"), "slightly-frowning-face"),
        Option("okay", N_("Okay"), "neutral-face"),
        Option("happy", N_("Happy"), "slightly-smiling-face"),
    ),
}

# Feelings as numbers, for charts of feelings over time: 1 (very sad) to 5 (very happy).
FEELING_SCORES = {"very_sad": 1, "sad": 2, "okay": 3, "happy": 4, "very_happy": 5}

_CLOCK_WORDS = (
    "twelve",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
)
MAX_CLOCKS = 10


def clock_picture(time: str) -> str:
    """Name the clock-face picture showing a time such as "19:30"."""
    hours, minutes = (int(part) for part in time.split(":"))
    word = _CLOCK_WORDS[hours % 12]
    return f"{word}-thirty" if minutes == 30 else f"{word}-oclock"


def time_slots(start: str, end: str, step: int) -> list[str]:
    """List the times from start to end inclusive, crossing midnight if end comes before start."""
    to_minutes = lambda time: int(time[:2]) * 60 + int(time[3:])  # noqa: E731
    first, last = to_minutes(start), to_minutes(end)
    if last < first:
        last += 24 * 60
    return [f"{(m // 60) % 24:02d}:{m % 60:02d}" for m in range(first, last + 1, step)]


def time_options(start: str, end: str, step: int) -> tuple[Option, ...]:
    """Make clock cards; the word says "or earlier" / "or later" on the first and last."""
    slots = time_slots(start, end, step)
    return tuple(Option(slot, slot, clock_picture(slot)) for slot in slots)
