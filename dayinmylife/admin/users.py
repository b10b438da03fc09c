"""Administrators manage accounts: create them, change their role, reset a password, disable and enable."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from dayinmylife import audit, store
from dayinmylife.access import role_required
from dayinmylife.admin import user_rules
from dayinmylife.admin.forms import NewAccountForm, NewPasswordForm, PassOnCaseloadForm, RoleForm
from dayinmylife.admin.user_rules import AccountRefused
from dayinmylife.store.db import get_db
from dayinmylife.vocabulary import ROLES
from dayinmylife.web.fields import ConfirmForm

bp = Blueprint("account_admin", __name__, url_prefix="/admin/accounts")


def _with_roles(form):
    form.role.choices = list(ROLES.items())
    return form


def _account_or_404(user_id: int) -> dict:
    account = store.users.account_by_id(get_db(), user_id)
    if account is None:
        abort(404)
    return account


@bp.get("")
@role_required("administrator")
def index():
    """List every account with its role and whether it can sign in."""
    return render_template(
        "account_admin/index.html",
        accounts=store.users.all_accounts(get_db()),
        stranded=store.children.children_needing_a_practitioner(get_db()),
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required("administrator")
def create():
    """Create an account with a first password that the administrator passes on."""
    form = _with_roles(NewAccountForm(data={"role": "practitioner"}))
    problem = None
    if form.validate_on_submit():
        try:
            user_id = user_rules.create_account(
                get_db(), form.email.data, form.name.data, form.password.data, form.role.data
            )
        except AccountRefused as refused:
            problem = str(refused)
        else:
            flash(_("The account is ready. Give them their password in person or by phone, never by e-mail."))
            return redirect(url_for("account_admin.account", user_id=user_id))
    status = 400 if form.errors or problem else 200
    return render_template("account_admin/new.html", form=form, problem=problem), status


@bp.get("/<int:user_id>")
@role_required("administrator")
def account(user_id: int):
    """Show one account with its role, password and disable forms."""
    return _account_page(_account_or_404(user_id))


def _account_page(account: dict, role_form=None, password_form=None, caseload_form=None, problem=None):
    role_form = role_form or _with_roles(RoleForm(data={"role": account["role"]}))
    caseload_form = caseload_form or _with_takers(PassOnCaseloadForm(formdata=None), account)
    forms = (role_form, password_form, caseload_form)
    failed = bool(problem or any(form and form.errors for form in forms))
    return render_template(
        "account_admin/account.html",
        account=account,
        role_form=role_form,
        password_form=password_form or NewPasswordForm(formdata=None),
        caseload_form=caseload_form,
        caseload=store.children.caseload_size(get_db(), account["id"]),
        enable_form=ConfirmForm(),
        problem=problem,
        is_me=account["id"] == current_user.id,
    ), 400 if failed else 200


def _with_takers(form, account: dict):
    takers = store.children.practitioners_taking_children(get_db())
    form.to.choices = [
        (taker["id"], f"{taker['name']} ({taker['email']})")
        for taker in takers
        if taker["id"] != account["id"]
    ]
    return form


@bp.post("/<int:user_id>/caseload")
@role_required("administrator")
def pass_on_caseload(user_id: int):
    """Move every child on this account's caseload to another practitioner, with all their records."""
    account = _account_or_404(user_id)
    form = _with_takers(PassOnCaseloadForm(), account)
    if not form.validate_on_submit():
        return _account_page(account, caseload_form=form)
    moved = store.children.pass_on_caseload(get_db(), account["id"], form.to.data)
    for child_id in moved:
        audit.record(
            get_db(), "caseload_passed_on", child_id=child_id, practitioner=account["id"], to=form.to.data
        )
    taker = store.users.account_by_id(get_db(), form.to.data)
    flash(
        ngettext(
            "%(num)d child is now on %(name)s's caseload, with every record of theirs.",
            "%(num)d children are now on %(name)s's caseload, with every record of theirs.",
            len(moved),
            name=taker["name"],
        )
    )
    return redirect(url_for("account_admin.account", user_id=user_id))


@bp.post("/<int:user_id>/role")
@role_required("administrator")
def change_role(user_id: int):
    """Give an account another role; they are signed out everywhere."""
    account = _account_or_404(user_id)
    form = _with_roles(RoleForm())
    if not form.validate_on_submit():
        return _account_page(account, role_form=form)
    try:
        user_rules.change_role(get_db(), account, form.role.data, by=current_user.id)
    except AccountRefused as refused:
        return _account_page(account, problem=str(refused))
    flash(
        _(
            "%(name)s is now: %(role)s. They were signed out everywhere.",
            name=account["name"],
            role=ROLES[form.role.data],
        )
    )
    return redirect(url_for("account_admin.account", user_id=user_id))


@bp.post("/<int:user_id>/password")
@role_required("administrator")
def reset_password(user_id: int):
    """Set a new password for an account; they are signed out everywhere."""
    account = _account_or_404(user_id)
    form = NewPasswordForm()
    if not form.validate_on_submit():
        return _account_page(account, password_form=form)
    user_rules.reset_password(get_db(), account, form.password.data)
    flash(
        _(
            "%(name)s has a new password and was signed out everywhere. Give it to them in person or by phone,"
            " never by e-mail.",
            name=account["name"],
        )
    )
    return redirect(url_for("account_admin.account", user_id=user_id))


@bp.route("/<int:user_id>/disable", methods=["GET", "POST"])
@role_required("administrator")
def disable(user_id: int):
    """Ask to confirm, then stop an account signing in and sign it out everywhere."""
    account = _account_or_404(user_id)
    form = ConfirmForm()
    problem = None
    if form.validate_on_submit():
        try:
            user_rules.disable(get_db(), account, by=current_user.id)
        except AccountRefused as refused:
            problem = str(refused)
        else:
            flash(_("%(name)s can no longer sign in and was signed out everywhere.", name=account["name"]))
            return redirect(url_for("account_admin.account", user_id=user_id))
    page = render_template("account_admin/disable.html", account=account, form=form, problem=problem)
    return page, 400 if problem else 200


@bp.post("/<int:user_id>/enable")
@role_required("administrator")
def enable(user_id: int):
    """Let a disabled account sign in again."""
    account = _account_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        user_rules.enable(get_db(), account)
        flash(_("%(name)s can sign in again.", name=account["name"]))
    return redirect(url_for("account_admin.account", user_id=user_id))


@bp.post("/<int:user_id>/impact-report")
@role_required("administrator")
def impact_report(user_id: int):
    """Let an account read the partnership's impact report, or no longer; it applies at their next page."""
    account = _account_or_404(user_id)
    if ConfirmForm().validate_on_submit() and account["role"] != "administrator":
        reads = request.form.get("reads") == "yes"
        store.users.set_reads_impact_report(get_db(), account["id"], reads)
        audit.record(
            get_db(), "impact_report_granted" if reads else "impact_report_withdrawn", account=account["id"]
        )
        if reads:
            flash(_("%(name)s can now read the partnership's impact report.", name=account["name"]))
        else:
            flash(_("%(name)s can no longer read the partnership's impact report.", name=account["name"]))
    return redirect(url_for("account_admin.account", user_id=user_id))


@bp.post("/<int:user_id>/organisation-sign-in")
@role_required("administrator")
def organisation_sign_in(user_id: int):
    """Let the first sign-in with the organisation's account match this account by its verified e-mail, or not;
    or unmatch it from the provider (a new laptop account, a wrong match)."""
    account = _account_or_404(user_id)
    if ConfirmForm().validate_on_submit():
        change = request.form.get("change")
        if change == "unmatch":
            store.single_sign_on.forget_subject(get_db(), account["id"])
            store.users.end_sessions_of_user(get_db(), account["id"])
            flash(_("%(name)s is no longer matched to an account of the organisation.", name=account["name"]))
        elif change in ("allow", "stop"):
            store.single_sign_on.allow_email_match(get_db(), account["id"], change == "allow")
            if change == "allow":
                flash(
                    _(
                        "%(name)s's first sign-in with the organisation's account will match them by e-mail.",
                        name=account["name"],
                    )
                )
            else:
                flash(_("%(name)s will not be matched by e-mail.", name=account["name"]))
        else:
            abort(400)
        audit.record(get_db(), "single_sign_on_changed", account=account["id"], change=change)
    return redirect(url_for("account_admin.account", user_id=user_id))
