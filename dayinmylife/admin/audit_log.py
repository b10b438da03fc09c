"""Administration: the audit log of who saw and changed which record."""

from flask import Blueprint, render_template, request
from flask_login import login_required

from dayinmylife import store
from dayinmylife.access import role_required
from dayinmylife.store.db import get_db
from dayinmylife.vocabulary import AUDIT_EVENTS

bp = Blueprint("admin", __name__, url_prefix="/admin")

SHOWN = 500


@bp.get("/audit")
@login_required
@role_required("administrator")
def audit_log():
    """Read the audit log, newest first, filtered by event, child and date."""
    event = request.args.get("event") if request.args.get("event") in AUDIT_EVENTS else None
    child = request.args.get("child", "").strip()
    child_id = int(child) if child.isdigit() and len(child) < 18 else None
    since = request.args.get("since", "").strip()
    since = since if len(since) == 10 and since[4] == "-" and since[7] == "-" else None
    events = store.audit.audit_events(get_db(), event, child_id, since, SHOWN)
    return render_template(
        "admin/audit.html",
        events=events,
        event=event,
        child=child,
        since=since,
        shown=SHOWN,
    )
