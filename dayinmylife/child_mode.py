"""Child mode: a practitioner's device handed to a child shows that child's questionnaire and nothing else."""

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from . import throttling
from .auth import password_matches
from .forms import UnlockForm

bp = Blueprint("child_mode", __name__)

# What a child may reach while the device is locked, besides their own session's pages.
_ALWAYS_ALLOWED = {"static", "child_mode.unlock"}


def lock_to(session_id: int) -> None:
    """Hand the device over: from now on only this session's pages open until unlocked."""
    session["child_mode"] = session_id


def locked_session() -> int | None:
    return session.get("child_mode")


def keep_child_in_their_questionnaire():
    """Send every request outside the locked session back to it."""
    locked = locked_session()
    if locked is None or request.endpoint in _ALWAYS_ALLOWED:
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
    locked = locked_session()
    if locked is None:
        return redirect(url_for("caseload.index"))
    form = UnlockForm()
    if form.validate_on_submit():
        if throttling.too_many_failures("unlock", str(current_user.id)):
            form.password.errors.append(
                _("Too many wrong passwords. For safety, wait 15 minutes, then try again.")
            )
        elif password_matches(current_user, form.password.data):
            session.pop("child_mode")
            return redirect(url_for("caseload.session_view", session_id=locked))
        else:
            throttling.record_failure("unlock", str(current_user.id))
            form.password.errors.append(_("That password is not right."))
    return render_template("child_mode/unlock.html", form=form, session_id=locked)


def init_app(app) -> None:
    app.before_request(keep_child_in_their_questionnaire)
