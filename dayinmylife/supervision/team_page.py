"""The team page, a manager's home: where each child of the team stands, and moving a child between the team's
practitioners."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from dayinmylife import audit, clock, store
from dayinmylife.access import child_to_read_or_404, role_required
from dayinmylife.alerts.shown import open_alerts_for
from dayinmylife.store.db import get_db
from dayinmylife.supervision.child_sessions import child_sessions
from dayinmylife.supervision.drift import concerns
from dayinmylife.supervision.forms import MoveChildForm
from dayinmylife.supervision.notes_due import decisions_due
from dayinmylife.supervision.overview import FIGURES, children_on_team, figures, team_figures
from dayinmylife.supervision.targets import expected_per_quarter, quarter_start
from dayinmylife.vocabulary import OVERSEES_TEAMS

bp = Blueprint("teams", __name__, url_prefix="/team")
EVERY_CHILD = "all"  # else the children who need attention, or those behind one figure
managers_only = role_required(*OVERSEES_TEAMS)


@bp.get("")
@managers_only
def index():
    """Each team this manager manages: figures per practitioner, and the children behind them."""
    shown = request.args.get("show") if request.args.get("show") in (*FIGURES, EVERY_CHILD) else None
    whose = request.args.get("practitioner", type=int)
    teams = [_team(team, shown, whose) for team in store.teams.teams_managed_by(get_db(), current_user.id)]
    every = sorted({child.id for team in teams for child in team["all"]})
    return render_template(
        "teams/index.html",
        teams=teams,
        shown=shown,
        whose=whose,
        form=MoveChildForm(),
        decisions_due=decisions_due(every),
        open_alerts=open_alerts_for(current_user.id),
        expected=expected_per_quarter(),
    )


def _team(team: dict, shown: str | None, whose: int | None) -> dict:
    members = store.teams.members_of_team(get_db(), team["id"])
    practitioners = [member for member in members if not member["manages"]]
    rows = store.teams.caseload_of_team(get_db(), team["id"])
    to_discuss = {
        child_id: concerns(*child_sessions(row)) for child_id, row in {row["id"]: row for row in rows}.items()
    }
    children = children_on_team(rows, clock.today(), to_discuss)
    listed = [
        child
        for child in children
        if whose in (None, child.practitioner_id)
        and (child.needs_attention if shown is None else shown == EVERY_CHILD or child.counts_for(shown))
    ]
    since = quarter_start(clock.today())
    return {
        "team": team,
        "this_quarter": store.teams.sessions_finished_since(get_db(), team["id"], since.isoformat()),
        "quarter_start": since,
        "lines": figures(children, practitioners),
        "total": team_figures(children, _("The whole team")),
        "children": listed,
        "every": len({child.id for child in children}),
        "all": children,
        "takers": [p for p in practitioners if p["active"] and p["role"] == "practitioner"],
    }


@bp.post("/children/<int:child_id>/move")
@managers_only
def move_child(child_id: int):
    """Move a child from one practitioner of the manager's team to another, with every record."""
    child = child_to_read_or_404(child_id)
    form = MoveChildForm()
    if not form.validate_on_submit() or not _both_in_my_teams(form.practitioner.data, form.to.data):
        abort(400)
    if store.teams.move_child(get_db(), child_id, form.practitioner.data, form.to.data):
        audit.record(
            get_db(),
            "caseload_passed_on",
            child_id=child_id,
            practitioner=form.practitioner.data,
            to=form.to.data,
        )
        taker = store.users.account_by_id(get_db(), form.to.data)
        flash(_("%(child)s is now on %(name)s's caseload.", child=child["display_name"], name=taker["name"]))
    else:
        flash(
            _(
                "%(child)s was not moved: choose a practitioner of the team who can sign in.",
                child=child["display_name"],
            )
        )
    team = store.teams.team_of_practitioner(get_db(), form.to.data)
    return redirect(url_for("teams.index") + f"#children-{team['id']}")


def _both_in_my_teams(*practitioner_ids: int) -> bool:
    mine = {team["id"] for team in store.teams.teams_managed_by(get_db(), current_user.id)}
    teams = [store.teams.team_of_practitioner(get_db(), user_id) for user_id in practitioner_ids]
    return all(team is not None and team["id"] in mine for team in teams)
