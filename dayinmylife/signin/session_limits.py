"""How long a signed-in session lasts: ended on the server at sign-out, idle and absolute timeouts."""

from flask import current_app
from flask import session as cookie
from flask_login import logout_user

from dayinmylife import clock, store
from dayinmylife.store.db import get_db

WARNING_SECONDS = 120  # the page warns this long before the idle timeout
FINAL_WARNING_SECONDS = 600  # and this long before the absolute limit, which cannot be put off


def start(user: dict) -> None:
    """Remember, in the new session, the user's session version and when it began."""
    now = int(clock.epoch())
    cookie["session_version"] = user["session_version"]
    cookie["signed_in_at"] = cookie["last_seen"] = now


def is_current(user: dict) -> bool:
    """Tell whether this session was started since the user last signed out."""
    return cookie.get("session_version") == user["session_version"]


def end(user_id: int) -> None:
    """End every session of this user on the server, then forget this one."""
    store.users.end_sessions_of_user(get_db(), user_id)
    logout_user()
    cookie.clear()


def idle_seconds() -> int:
    return current_app.config["SESSION_IDLE_MINUTES"] * 60


def absolute_seconds_left() -> int:
    """Return how long this session has until its absolute limit (0 when not signed in)."""
    if "signed_in_at" not in cookie:
        return 0
    limit = cookie["signed_in_at"] + current_app.config["SESSION_ABSOLUTE_HOURS"] * 3600
    return max(int(limit - clock.epoch()), 0)


def warning_settings() -> dict:
    return {
        "session_idle_seconds": idle_seconds(),
        "session_warning_seconds": WARNING_SECONDS,
        "session_absolute_seconds_left": absolute_seconds_left(),
        "session_final_warning_seconds": FINAL_WARNING_SECONDS,
    }
