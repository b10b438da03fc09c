"""A second step at sign-in: codes from an authenticator app (TOTP, RFC 6238) and single-use recovery codes."""

import hashlib
import hmac
import secrets

import pyotp
from flask import session as cookie

from dayinmylife import clock, store
from dayinmylife.store.db import get_db

ISSUER = "Day in my life"  # the name the authenticator app shows beside the codes
REQUIRED_SETTING = "require_two_factor"
PENDING_SECONDS = 5 * 60  # how long the second step waits after a right password
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o or 1/i/l to misread on paper
_RECOVERY_GROUPS, _RECOVERY_GROUP_LENGTH = 3, 4  # "abcd-efgh-jkmn": 12 letters, about 59 random bits

# What happened to what was typed at the second step.
CODE, RECOVERY_CODE, USED_ALREADY, WRONG = "code", "recovery_code", "used_already", "wrong"


def new_secret() -> str:
    return pyotp.random_base32()  # 160 bits, as RFC 4226 recommends


def authenticator_uri(secret: str, email: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def _cleaned(entered: str) -> str:
    return "".join(entered.split()).replace("-", "").lower()


def matching_step(secret: str, entered: str) -> int | None:
    """Return the time step whose code was entered (one step either side for a phone's clock), else None."""
    code = _cleaned(entered)
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now = int(clock.epoch()) // totp.interval
    return next(
        (step for step in (now - 1, now, now + 1) if hmac.compare_digest(totp.generate_otp(step), code)), None
    )


def use_current_code(user: dict, entered: str) -> str:
    """Check a code from the app; each code lets someone through once (so a code seen over a shoulder is spent)."""
    step = matching_step(user["totp_secret"], entered)
    if step is None:
        return WRONG
    return CODE if store.users.use_totp_step(get_db(), user["id"], step) else USED_ALREADY


def use_code_or_recovery_code(user: dict, entered: str) -> str:
    """Check the second step of signing in: a code from the app, or one of the recovery codes, once."""
    outcome = use_current_code(user, entered)
    if outcome != WRONG:
        return outcome
    spent = store.users.use_recovery_code(get_db(), user["id"], recovery_code_hash(entered))
    return RECOVERY_CODE if spent else WRONG


def new_recovery_codes() -> list[str]:
    def group() -> str:
        return "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_GROUP_LENGTH))

    return ["-".join(group() for _ in range(_RECOVERY_GROUPS)) for _ in range(RECOVERY_CODE_COUNT)]


def recovery_code_hash(code: str) -> str:
    # SHA-256, not a slow password hash: each code is ~59 random bits, far beyond guessing from a stolen hash,
    # and a plain digest lets one indexed UPDATE find and spend the code.
    return hashlib.sha256(_cleaned(code).encode()).hexdigest()


def required() -> bool:
    """Tell whether an administrator requires everyone to use a second step."""
    return store.users.app_setting(get_db(), REQUIRED_SETTING, "0") == "1"


def await_second_step(user: dict, next_page: str, via: str = "password") -> None:
    """After a right password (or the organisation's sign-in without a second factor): remember, in a fresh
    session, whose code is due and how they came, for a few minutes only."""
    cookie.clear()
    cookie["second_step"] = {
        "user_id": user["id"],
        "session_version": user["session_version"],
        "until": int(clock.epoch()) + PENDING_SECONDS,
        "next": next_page,
        "via": via,
    }


def awaiting_second_step() -> dict | None:
    """The account whose code is due; None when none is, it took too long, or the account signed out since."""
    pending = cookie.get("second_step")
    if not isinstance(pending, dict) or pending.get("until", 0) < clock.epoch():
        return None
    user = store.users.user_by_id(get_db(), pending.get("user_id", 0))
    if not user or user["session_version"] != pending.get("session_version") or not user["totp_secret"]:
        return None
    return user
