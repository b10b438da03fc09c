"""A practitioner's own settings: the language they read the app in, and their weekly e-mail."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask import session as cookie
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required

from dayinmylife import store
from dayinmylife.signin.forms import LanguagePreferenceForm
from dayinmylife.store.db import get_db
from dayinmylife.web.fields import ConfirmForm

bp = Blueprint("settings", __name__)


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def index():
    """Show and save the practitioner's language."""
    form = LanguagePreferenceForm(data={"language": current_user.language or ""})
    if form.validate_on_submit():
        language = form.language.data or None
        store.users.set_user_language(get_db(), current_user.id, language)
        current_user.language = language
        cookie.pop("language", None)  # the saved preference now decides, not an earlier choice
        refresh()  # say "saved" in the language just chosen
        flash(_("Your settings are saved."))
        return redirect(url_for("settings.index"))
    return render_template("settings/index.html", form=form), 400 if form.errors else 200


@bp.post("/settings/weekly-reminder")
@login_required
def weekly_reminder():
    """Turn the weekly e-mail of children due or overdue a session on or off."""
    if ConfirmForm().validate_on_submit():
        wanted = request.form.get("wanted") == "yes"
        store.users.set_weekly_reminder(get_db(), current_user.id, wanted)
        flash(_("The weekly e-mail is on.") if wanted else _("The weekly e-mail is off."))
    return redirect(url_for("settings.index"))
