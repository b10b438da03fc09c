"""How long a signed-in session lasts: ended on the server at sign-out, idle and absolute timeouts."""

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from dayinmylife import clock, store
from dayinmylife.answering import grants
from dayinmylife.store.db import get_db

WARNING_SECONDS = 120  # the page warns this long before the idle timeout
FINAL_WARNING_SECONDS = 600  # and this long before the absolute limit, which cannot be put off


def start(user: dict) -> None:
    """Remember, in the new session, the user's session version and when it began."""
    now = int(clock.epoch())
    session["session_version"] = user["session_version"]
    session["signed_in_at"] = session["last_seen"] = now


def is_current(user: dict) -> bool:
    """Tell whether this session was started since the user last signed out."""
    return session.get("session_version") == user["session_version"]


def end(user_id: int) -> None:
    """End every session of this user on the server, then forget this one."""
    store.users.end_sessions_of_user(get_db(), user_id)
    logout_user()
    session.clear()


def idle_seconds() -> int:
    return current_app.config["SESSION_IDLE_MINUTES"] * 60


def timed_out(now: float) -> bool:
    """Tell whether this session is past its absolute limit, or idle too long outside child mode."""
    if now - session["signed_in_at"] > current_app.config["SESSION_ABSOLUTE_HOURS"] * 3600:
        return True
    return grants.locked_session() is None and now - session.get("last_seen", 0) > idle_seconds()


def end_timed_out_session():
    """Sign out a session that has timed out; otherwise note that it is in use."""
    if "signed_in_at" not in session or request.endpoint == "static":
        return None
    now = clock.epoch()
    if not timed_out(now):
        if current_user.is_authenticated:  # an old copy of an ended session's cookie is not activity
            session["last_seen"] = int(now)
        return None
    # An old copy of this cookie times out the same way, so other devices of the same person stay signed in.
    locked, last_seen = grants.locked_session(), session.get("last_seen")
    logout_user()
    session.clear()
    if locked is not None:  # the child is holding the device: child mode saves their answer and hands it back
        grants.lock_to(locked)
        session["last_seen"] = last_seen
        return None
    flash(_("You were signed out to keep the records safe. Sign in again to carry on."))
    return redirect(url_for("auth.sign_in"))


def absolute_seconds_left() -> int:
    """Return how long this session has until its absolute limit (0 when not signed in)."""
    if "signed_in_at" not in session:
        return 0
    limit = session["signed_in_at"] + current_app.config["SESSION_ABSOLUTE_HOURS"] * 3600
    return max(int(limit - clock.epoch()), 0)


def warning_settings() -> dict:
    return {
        "session_idle_seconds": idle_seconds(),
        "session_warning_seconds": WARNING_SECONDS,
        "session_absolute_seconds_left": absolute_seconds_left(),
        "session_final_warning_seconds": FINAL_WARNING_SECONDS,
    }


def init_app(app) -> None:
    app.before_request(end_timed_out_session)
    app.context_processor(warning_settings)
