"""Setting up two-step sign-in on one's own account, and an administrator's view of everyone's."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from dayinmylife import audit, store
from dayinmylife.signin import throttling, two_factor
from dayinmylife.signin.forms import ConfirmAuthenticatorForm, RenewRecoveryCodesForm, TurnOffTwoFactorForm
from dayinmylife.signin.passwords import password_matches
from dayinmylife.signin.signing_in import TOO_MANY_CODES
from dayinmylife.store.db import get_db
from dayinmylife.web import qr_codes

bp = Blueprint("two_factor", __name__, url_prefix="/account/two-factor")


@bp.route("", methods=["GET", "POST"])
@login_required
def set_up():
    """Add an authenticator app by its QR code or key, proven by a code; or manage the one already added."""
    user = store.users.user_by_id(get_db(), current_user.id)
    if user["totp_secret"]:
        return _manage_page(user)
    # Kept on the server until a code proves the app has it: a cookie is readable on the device.
    secret = store.users.pending_two_factor_secret(get_db(), user["id"], two_factor.new_secret())
    form = ConfirmAuthenticatorForm()
    if form.validate_on_submit():
        step = two_factor.matching_step(secret, form.code.data)
        if step is not None:
            codes = two_factor.new_recovery_codes()
            store.users.start_two_factor(get_db(), user["id"], secret, step, _hashes(codes))
            audit.record(get_db(), "two_factor_set_up")
            return render_template("two_factor/recovery_codes.html", codes=codes, first_time=True)
        form.code.errors.append(
            _(
                "That code is not right. Check the time on your phone is right, then enter the code it shows now."
            )
        )
    page = render_template(
        "two_factor/set_up.html", form=form, secret=two_factor.grouped(secret), required=two_factor.required()
    )
    return page, 400 if form.errors else 200


@bp.get("/qr.svg")
@login_required
def qr_code():
    """Serve the QR code of the secret being set up (there is none once set up)."""
    user = store.users.user_by_id(get_db(), current_user.id)
    secret = user["pending_totp_secret"]
    if not secret or user["totp_secret"]:
        abort(404)
    uri = two_factor.authenticator_uri(secret, current_user.email)
    svg = qr_codes.svg_image(uri, _("QR code for your authenticator app"))
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


@bp.post("/recovery-codes")
@login_required
def renew_recovery_codes():
    """Replace every recovery code with new ones, after a code from the app."""
    user = store.users.user_by_id(get_db(), current_user.id)
    if not user["totp_secret"]:
        return redirect(url_for(".set_up"))
    form = RenewRecoveryCodesForm()
    if form.validate_on_submit() and _code_lets_through(user, form.current_code):
        codes = two_factor.new_recovery_codes()
        store.users.renew_recovery_codes(get_db(), user["id"], _hashes(codes))
        audit.record(get_db(), "recovery_codes_renewed")
        return render_template("two_factor/recovery_codes.html", codes=codes, first_time=False)
    return _manage_page(user, renew_form=form), 400


@bp.post("/turn-off")
@login_required
def turn_off():
    """Turn two-step sign-in off, with the password and a code from the app."""
    user = store.users.user_by_id(get_db(), current_user.id)
    if not user["totp_secret"]:
        return redirect(url_for(".set_up"))
    form = TurnOffTwoFactorForm()
    if form.validate_on_submit() and _password_and_code_let_through(user, form):
        store.users.end_two_factor(get_db(), user["id"])
        audit.record(get_db(), "two_factor_turned_off")
        flash(_("Two-step sign-in is off. Your recovery codes no longer work."))
        return redirect(url_for(".set_up"))
    return _manage_page(user, turn_off_form=form), 400


def _manage_page(user: dict, renew_form=None, turn_off_form=None) -> str:
    return render_template(
        "two_factor/manage.html",
        codes_left=store.users.recovery_codes_left(get_db(), user["id"]),
        renew_form=renew_form or RenewRecoveryCodesForm(formdata=None),
        turn_off_form=turn_off_form or TurnOffTwoFactorForm(formdata=None),
        has_errors=any(form and form.errors for form in (renew_form, turn_off_form)),
    )


def _code_lets_through(user: dict, field) -> bool:
    """Check a code from the app; say on the field what is wrong.

    Wrong codes and passwords here count with wrong passwords at child mode's unlock: one limit per person.
    """
    if throttling.too_many_failures("unlock", str(user["id"])):
        field.errors.append(TOO_MANY_CODES)
        return False
    outcome = two_factor.use_current_code(user, field.data)
    if outcome == two_factor.CODE:
        return True
    throttling.record_failure("unlock", str(user["id"]))
    if outcome == two_factor.USED_ALREADY:
        field.errors.append(_("That code has been used already. Wait for your app to show a new one."))
    else:
        field.errors.append(_("That code is not right. Enter the code your app shows now."))
    return False


def _password_and_code_let_through(user: dict, form) -> bool:
    if throttling.too_many_failures("unlock", str(user["id"])):
        form.code.errors.append(TOO_MANY_CODES)
        return False
    if not password_matches(current_user, form.password.data):
        throttling.record_failure("unlock", str(user["id"]))
        form.password.errors.append(_("That password is not right."))
        return False
    return _code_lets_through(user, form.code)


def _hashes(codes: list[str]) -> list[str]:
    return [two_factor.recovery_code_hash(code) for code in codes]
