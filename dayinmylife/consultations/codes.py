"""The rules of a school consultation that its pages share: who runs one, its join code, whether it is open,
when its answers go, and the consultation of the signed-in lead. No views here: every consultation page (and
joining) imports these, never another page's module."""

import secrets
from datetime import date, timedelta

from flask import url_for

from dayinmylife import clock
from dayinmylife.vocabulary import RUNS_CONSULTATIONS

# Easy to read aloud and to type: no 0 or O, no 1, I or L.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
MAX_GROUPS = 20  # of a school, or of a consultation without schools
MAX_SCHOOLS = 2_500  # a country's (the Big Ask: 2,000): over COUNTED_AHEAD_OVER, results are counted ahead
MOST_RESPONSES = 1_000_000  # the most answers a consultation may be set to accept
MAX_GROUP_NAME = 40
LONGEST_RUN = timedelta(days=366)


def runs_consultations(user) -> bool:
    """Whether this person may run consultations."""
    return user.is_authenticated and user.role in RUNS_CONSULTATIONS


def make_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """Read a code as a pupil might type it: any case, with spaces or dashes."""
    return "".join(character for character in typed.upper() if character not in " -\t\r\n")


def spaced_code(code: str) -> str:
    """Split a code in two halves, as it is read aloud: ABC 234."""
    return f"{code[:3]} {code[3:]}"


def status_on(consultation: dict, today: date | None = None) -> str:
    """Say whether pupils can join today: not_yet_open, open or closed."""
    today = (today or clock.today()).isoformat()
    if today < consultation["opens_on"]:
        return "not_yet_open"
    return "open" if today <= consultation["closes_on"] else "closed"


def answers_deleted_on(consultation: dict, retention_days: int) -> date:
    """The day `flask retention --apply` may delete a consultation's responses: the retention after it closes."""
    return date.fromisoformat(consultation["closes_on"]) + timedelta(days=retention_days)


def join_url(code: str) -> str:
    return url_for("join.enter_code", code=code, _external=True)
