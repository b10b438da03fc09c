"""Two-step sign-in for everyone: an administrator requires it, sees who has set it up, and resets a lost phone."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from dayinmylife import audit, store
from dayinmylife.access import role_required
from dayinmylife.admin.forms import ResetTwoFactorForm, TwoFactorRequirementForm
from dayinmylife.signin import two_factor
from dayinmylife.store.db import get_db

bp = Blueprint("two_factor_admin", __name__, url_prefix="/admin/two-factor")


@bp.route("", methods=["GET", "POST"])
@role_required("administrator")
def overview():
    """Require two-step sign-in for everyone or not, and see who has set it up."""
    required = two_factor.required()
    form = TwoFactorRequirementForm(data={"required": "1" if required else "0"})
    if form.validate_on_submit():
        store.users.set_app_setting(get_db(), two_factor.REQUIRED_SETTING, form.required.data)
        audit.record(get_db(), "two_factor_requirement_changed", required=form.required.data == "1")
        if form.required.data == "1":
            flash(_("Saved: everyone must use two-step sign-in."))
        else:
            flash(_("Saved: two-step sign-in is up to each person."))
        return redirect(url_for(".overview"))
    accounts = store.users.accounts_with_two_factor_state(get_db())
    page = render_template("admin/two_factor.html", form=form, accounts=accounts)
    return page, 400 if form.errors else 200


@bp.post("/reset")
@role_required("administrator")
def reset():
    """Remove an account's authenticator app and recovery codes, for someone who lost their phone."""
    form = ResetTwoFactorForm()
    if not form.validate_on_submit():
        return redirect(url_for(".overview"))
    account = store.users.account_by_id(get_db(), int(form.user_id.data))
    if account is None:
        abort(404)
    if store.users.end_two_factor(get_db(), account["id"]):
        audit.record(get_db(), "two_factor_reset", account=account["id"])
    flash(
        _(
            "Two-step sign-in is reset for %(name)s. They sign in with their password and set it up again.",
            name=account["name"],
        )
    )
    return redirect(url_for(".overview"))
