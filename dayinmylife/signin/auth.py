"""Practitioners signing in and out."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask import session as cookie
from flask_babel import gettext as _
from flask_login import current_user, login_required

from dayinmylife import access, audit, store
from dayinmylife.answering import grants
from dayinmylife.signin import session_limits, throttling, two_factor
from dayinmylife.signin.forms import SecondStepForm, SignInForm
from dayinmylife.signin.signing_in import ORGANISATION, PASSWORD, TOO_MANY_CODES, sign_in_as, user_with
from dayinmylife.store.db import get_db
from dayinmylife.web import security

bp = Blueprint("auth", __name__)


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    """Sign a practitioner in with their e-mail and password (on a device in child mode, ending it)."""
    if current_user.is_authenticated and grants.locked_session() is None:
        return redirect(url_for(access.home_of(current_user.role)))
    form = SignInForm()
    if request.method == "POST" and not current_app.config["PASSWORD_SIGN_IN"]:
        abort(404)  # only the organisation's account signs people in here
    if form.validate_on_submit():
        email = form.email.data
        if throttling.too_many_failures("sign_in", email):
            form.password.errors.append(throttling.TOO_MANY_TRIES)
        elif (row := user_with(email, form.password.data)) is not None:
            if row["totp_secret"]:  # not signed in yet: the code from their app comes first
                two_factor.await_second_step(row, _safe_next(request.args.get("next"), row["role"]))
                return redirect(url_for("auth.second_step"))
            return sign_in_as(row, _safe_next(request.args.get("next"), row["role"]))
        else:
            throttling.record_failure("sign_in", email)
            form.password.errors.append(_("The e-mail or password is not right. Check them and try again."))
        audit.record(get_db(), "sign_in_failed", actor=_who_tried(email))
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-in/code", methods=["GET", "POST"])
def second_step():
    """After a right password, ask for the code from the authenticator app or a recovery code."""
    if current_user.is_authenticated and grants.locked_session() is None:
        return redirect(url_for(access.home_of(current_user.role)))
    user = two_factor.awaiting_second_step()
    if user is None:
        if cookie.pop("second_step", None) is not None:
            flash(_("It took too long to enter the code. Sign in again."))
        return redirect(url_for("auth.sign_in"))
    form = SecondStepForm()
    if form.validate_on_submit():
        account = user["email"]  # wrong codes count with wrong passwords, against the same limit
        if throttling.too_many_failures("sign_in", account):
            form.code.errors.append(TOO_MANY_CODES)
        else:
            outcome = two_factor.use_code_or_recovery_code(user, form.code.data)
            if outcome in (two_factor.CODE, two_factor.RECOVERY_CODE):
                pending = cookie["second_step"]
                return sign_in_as(user, pending["next"], pending.get("via", PASSWORD), second_step=outcome)
            throttling.record_failure("sign_in", account)
            form.code.errors.append(code_problem(outcome))
        audit.record(get_db(), "second_step_failed", actor=f"sign-in as {user['email']!r}")
    return render_template("auth/second_step.html", form=form)


def code_problem(outcome: str) -> str:
    """What to tell someone whose code from the app did not let them through."""
    if outcome == two_factor.USED_ALREADY:
        return _("That code has been used already. Wait for your app to show a new one.")
    return _("That code is not right. Enter the code your app shows now, or one of your recovery codes.")


@bp.post("/sign-out")
@login_required
def sign_out():
    """Sign out and forget everything in this browser session."""
    audit.record(get_db(), "signed_out")
    by_organisation = cookie.get("signed_in_via") == ORGANISATION
    session_limits.end(current_user.id)  # an old copy of the signed cookie stops working too
    response = redirect(url_for("single_sign_on.signed_out" if by_organisation else "auth.sign_in"))
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


def _who_tried(email: str) -> str:
    # What is typed in the e-mail box may be a password typed in the wrong box: keep it only if it is an account.
    account = store.users.user_by_email(get_db(), email)
    return f"sign-in as {account['email']!r}" if account else "sign-in with an e-mail that has no account"


def _safe_next(target: str | None, role: str) -> str:
    """The page asked for if it is on this site, else the first page of the person's role."""
    return security.safe_local_path(target) or url_for(access.home_of(role))
