"""Child mode: a practitioner's device handed to a child shows that child's questionnaire and nothing else."""

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from dayinmylife import audit
from dayinmylife.answering import grants
from dayinmylife.signin import throttling
from dayinmylife.signin.forms import UnlockForm
from dayinmylife.signin.passwords import password_matches
from dayinmylife.store.db import get_db

bp = Blueprint("child_mode", __name__)


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
