"""The checks every request passes before its page runs, in the order GUARDS lists them."""

from flask import current_app, flash, redirect, request, url_for
from flask import session as cookie
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from dayinmylife import clock
from dayinmylife.answering import grants
from dayinmylife.signin.session_limits import idle_seconds
from dayinmylife.signin.two_factor import required


def timed_out(now: float) -> bool:
    """Tell whether this session is past its absolute limit, or idle too long outside child mode."""
    if now - cookie["signed_in_at"] > current_app.config["SESSION_ABSOLUTE_HOURS"] * 3600:
        return True
    return grants.locked_session() is None and now - cookie.get("last_seen", 0) > idle_seconds()


# Files every page needs, whoever asks: the static files and the sprites of a question page's pictures.
FILES = {"static", "sprite"}


def end_timed_out_session():
    """Sign out a session that has timed out; otherwise note that it is in use."""
    if "signed_in_at" not in cookie or request.endpoint in FILES:
        return None
    now = clock.epoch()
    if not timed_out(now):
        if current_user.is_authenticated:  # an old copy of an ended session's cookie is not activity
            cookie["last_seen"] = int(now)
        return None
    # An old copy of this cookie times out the same way, so other devices of the same person stay signed in.
    locked, last_seen = grants.locked_session(), cookie.get("last_seen")
    logout_user()
    cookie.clear()
    if locked is not None:  # the child is holding the device: child mode saves their answer and hands it back
        grants.lock_to(locked)
        cookie["last_seen"] = last_seen
        return None
    flash(_("You were signed out to keep the records safe. Sign in again to carry on."))
    return redirect(url_for("auth.sign_in"))


# What a locked device may reach besides the child's own session: signing in afresh also ends child mode,
# so a practitioner locked out of the unlock page (too many wrong passwords) can still take the device back.
_ALWAYS_ALLOWED = {
    *FILES,
    "child_mode.unlock",
    "auth.sign_in",
    "auth.second_step",
    "single_sign_on.start",
    "single_sign_on.done",
}


def keep_child_in_their_questionnaire():
    """Send every request outside the locked session back to it; hand back a device whose adult has gone."""
    locked = grants.locked_session()
    if locked is None or request.endpoint in FILES:
        return None
    if grants.child_mode_ended():
        # The answer being sent is saved by the question page, which then hands the device back.
        return None if grants.answer_in_flight(locked) else grants.give_device_back()
    if request.endpoint in _ALWAYS_ALLOWED:
        return None
    if (request.endpoint or "").startswith("my_day.") and (request.view_args or {}).get(
        "session_id"
    ) == locked:
        return None
    return redirect(url_for("my_day.resume", session_id=locked))


def send_to_set_up():
    """While it is required, send a signed-in person without a second step to set one up first."""
    if request.endpoint in _OPEN_BEFORE_SET_UP or grants.locked_session() is not None:
        return None  # a device in child mode stays with the child until the practitioner unlocks it
    if not current_user.is_authenticated or current_user.has_two_factor or not required():
        return None
    if cookie.get("second_factor_by_provider"):  # the organisation's sign-in checked one
        return None
    return redirect(url_for("two_factor.set_up"))


# Where someone who must set up a second step may still go before they have.
_OPEN_BEFORE_SET_UP = {
    *FILES,
    "auth.sign_out",
    "two_factor.set_up",
    "two_factor.qr_code",
    "session_limits.keep_alive",
}


# In this order: a timed-out device is signed out first; child mode then keeps a handed-over device with the
# child; only then may a second step that is required send someone to set one up.
GUARDS = (end_timed_out_session, keep_child_in_their_questionnaire, send_to_set_up)


def init_app(app) -> None:
    for guard in GUARDS:
        app.before_request(guard)
