"""Teams, set up by administrators: which practitioners work together and who manages them."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from dayinmylife import audit, store
from dayinmylife.access import role_required
from dayinmylife.admin.forms import ExpectedSessionsForm, TeamForm, TeamMemberForm
from dayinmylife.store.db import get_db
from dayinmylife.supervision.targets import expected_per_quarter, set_expected_per_quarter
from dayinmylife.vocabulary import ROLES
from dayinmylife.web.fields import ConfirmForm

bp = Blueprint("team_admin", __name__, url_prefix="/admin/teams")
administrators = role_required("administrator")


@bp.route("", methods=["GET", "POST"])
@administrators
def index():
    """Every team, and a form to make one."""
    form = TeamForm()
    if form.validate_on_submit():
        team_id = store.teams.create_team(get_db(), form.name.data)
        if team_id is not None:
            audit.record(get_db(), "team_created", team=team_id)
            return redirect(url_for("team_admin.team", team_id=team_id))
        form.name.errors.append(_("A team has that name already: choose another."))
    expected = ExpectedSessionsForm(formdata=None, data={"sessions": expected_per_quarter()})
    page = render_template(
        "team_admin/index.html", teams=store.teams.all_teams(get_db()), form=form, expected_form=expected
    )
    return page, 400 if form.errors else 200


@bp.post("/expected-sessions")
@administrators
def expected_sessions():
    """Set how many sessions each practitioner is expected to finish in a quarter (or none)."""
    form = ExpectedSessionsForm()
    if not form.validate_on_submit():
        page = render_template(
            "team_admin/index.html",
            teams=store.teams.all_teams(get_db()),
            form=TeamForm(formdata=None),
            expected_form=form,
        )
        return page, 400
    set_expected_per_quarter(form.sessions.data)
    audit.record(get_db(), "expected_sessions_changed", sessions=form.sessions.data)
    flash(_("Saved: the Team page shows each practitioner's sessions against it."))
    return redirect(url_for("team_admin.index"))


def _team_or_404(team_id: int) -> dict:
    team = store.teams.team_by_id(get_db(), team_id)
    if team is None:
        abort(404)
    return team


def _with_joiners(form: TeamMemberForm, team_id: int) -> TeamMemberForm:
    """Practitioners in no team yet, and managers not managing this one, can join."""
    members = {member["id"] for member in store.teams.members_of_team(get_db(), team_id)}
    form.member.choices = [
        (
            account["id"],
            f"{account['name']} ({ROLES[account['role']]})",
        )
        for account in store.users.all_accounts(get_db())
        if account["active"]
        and account["id"] not in members
        and (
            account["role"] == "manager"
            or account["role"] == "practitioner"
            and store.teams.team_of_practitioner(get_db(), account["id"]) is None
        )
    ]
    return form


@bp.route("/<int:team_id>", methods=["GET", "POST"])
@administrators
def team(team_id: int):
    """The team's managers and practitioners; add someone to it."""
    team = _team_or_404(team_id)
    form = _with_joiners(TeamMemberForm(), team_id)
    if form.validate_on_submit():
        joiner = store.users.account_by_id(get_db(), form.member.data)
        if store.teams.add_member(get_db(), team_id, joiner["id"], joiner["role"] == "manager"):
            audit.record(get_db(), "team_member_joined", team=team_id, member=joiner["id"])
            flash(_("%(name)s is in %(team)s now.", name=joiner["name"], team=team["name"]))
            return redirect(url_for("team_admin.team", team_id=team_id))
        form.member.errors.append(_("They cannot join this team: a practitioner works in one team only."))
    members = store.teams.members_of_team(get_db(), team_id)
    page = render_template(
        "team_admin/team.html", team=team, members=members, form=form, remove_form=ConfirmForm()
    )
    return page, 400 if form.errors else 200


@bp.post("/<int:team_id>/members/<int:user_id>/remove")
@administrators
def remove(team_id: int, user_id: int):
    """Take someone out of the team; their children stay on their caseload."""
    team = _team_or_404(team_id)
    if ConfirmForm().validate_on_submit() and store.teams.remove_member(get_db(), team_id, user_id):
        audit.record(get_db(), "team_member_left", team=team_id, member=user_id)
        flash(_("Taken out of %(team)s.", team=team["name"]))
    return redirect(url_for("team_admin.team", team_id=team_id))
