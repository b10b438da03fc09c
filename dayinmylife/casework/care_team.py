"""A child's care team: the practitioners who may see the child's record, added and removed by the team."""

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from dayinmylife import audit, store
from dayinmylife.access import caseload_required, child_or_404
from dayinmylife.casework.forms import TeamMemberForm
from dayinmylife.casework.page_sections import team_add_form
from dayinmylife.store.db import get_db

bp = Blueprint("care_team", __name__)


def _back_to_team(child_id: int):
    return redirect(url_for("caseload.child", child_id=child_id) + "#team")


@bp.post("/children/<int:child_id>/team")
@caseload_required
def add(child_id: int):
    """Add an active practitioner to the child's team: they see the child from now on."""
    child_or_404(child_id)
    form = team_add_form(child_id)
    if form.validate_on_submit() and store.children.add_to_team(get_db(), child_id, form.practitioner.data):
        audit.record(get_db(), "team_member_added", child_id=child_id, account=form.practitioner.data)
        added = store.users.account_by_id(get_db(), form.practitioner.data)
        flash(_("%(name)s is now on the team and can see this child's record.", name=added["name"]))
    else:
        flash(_("Choose a practitioner from the list to add them to the team."))
    return _back_to_team(child_id)


@bp.post("/children/<int:child_id>/team/remove")
@caseload_required
def remove(child_id: int):
    """Take a practitioner off the child's team; never the last one. Leaving takes you back to your caseload."""
    child_or_404(child_id)
    form = TeamMemberForm()
    team = {member["id"]: member for member in store.children.team_of_child(get_db(), child_id)}
    form.practitioner.choices = [SelectChoice(user_id, m["name"]) for user_id, m in team.items()]
    if not form.validate_on_submit():
        flash(_("Choose someone on the team to remove."))
        return _back_to_team(child_id)
    member = team[form.practitioner.data]
    if not store.children.remove_from_team(get_db(), child_id, member["id"]):
        flash(_("Someone active must stay on the team: add another practitioner first."))
        return _back_to_team(child_id)
    audit.record(get_db(), "team_member_removed", child_id=child_id, account=member["id"])
    if member["id"] == current_user.id:
        flash(_("You are no longer on the child's team, so you cannot see their record."))
        return redirect(url_for("caseload.index"))
    flash(_("%(name)s is no longer on the team.", name=member["name"]))
    return _back_to_team(child_id)
