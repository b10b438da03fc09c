"""Child mode: a practitioner's device handed to a child shows that child's questionnaire and nothing else."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from dayinmylife import audit
from dayinmylife.answering import grants
from dayinmylife.signin import throttling
from dayinmylife.signin.forms import UnlockForm
from dayinmylife.signin.signing_in import password_matches
from dayinmylife.store.db import get_db

bp = Blueprint("child_mode", __name__)

# What a locked device may reach besides the child's own session: signing in afresh also ends child mode,
# so a practitioner locked out of the unlock page (too many wrong passwords) can still take the device back.
_ALWAYS_ALLOWED = {"static", "child_mode.unlock", "auth.sign_in", "auth.second_step"}


def keep_child_in_their_questionnaire():
    """Send every request outside the locked session back to it; hand back a device whose adult has gone."""
    locked = grants.locked_session()
    if locked is None or request.endpoint == "static":
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


@bp.route("/child-mode/unlock", methods=["GET", "POST"])
@login_required
def unlock():
    """Let the practitioner take the device back with their password."""
    locked = grants.locked_session()
    if locked is None:
        return redirect(url_for("caseload.index"))
    form = UnlockForm()
    if form.validate_on_submit():
        if throttling.too_many_failures("unlock", str(current_user.id)):
            form.password.errors.append(
                _("Too many wrong passwords. For safety, wait 15 minutes, or sign in again instead.")
            )
        elif password_matches(current_user, form.password.data):
            grants.unlock()
            audit.record(get_db(), "child_mode_unlocked", session_id=locked)
            return redirect(url_for("caseload.session_view", session_id=locked))
        else:
            throttling.record_failure("unlock", str(current_user.id))
            audit.record(get_db(), "child_mode_unlock_failed", session_id=locked)
            form.password.errors.append(_("That password is not right."))
    return render_template("child_mode/unlock.html", form=form, session_id=locked)


def init_app(app) -> None:
    app.before_request(keep_child_in_their_questionnaire)
    app.add_template_global(grants.locked_session)
