"""Acknowledging an alert: whoever works with or oversees the child says what was done; it is audited."""

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from dayinmylife import audit, store
from dayinmylife.access import child_to_read_or_404, reads_children
from dayinmylife.alerts.forms import AcknowledgeForm
from dayinmylife.store.db import get_db
from dayinmylife.vocabulary import ALERT_ACTIONS

bp = Blueprint("alerts", __name__)


@bp.post("/children/<int:child_id>/alerts/<int:alert_id>/acknowledge")
@reads_children
def acknowledge(child_id: int, alert_id: int):
    """Record what was done about an open alert; back to the child's alerts."""
    child_to_read_or_404(child_id)
    form = AcknowledgeForm()
    back = redirect(url_for("caseload.child", child_id=child_id, _anchor="alerts"))
    if not form.validate_on_submit():
        flash(next(iter(form.errors.values()))[0])
        return back
    note = (form.note.data or "").strip() or None
    if not store.alerts.acknowledge(get_db(), child_id, alert_id, current_user.id, form.action.data, note):
        abort(404)  # not this child's, or acknowledged already
    audit.record(get_db(), "alert_acknowledged", child_id=child_id, alert=alert_id, action=form.action.data)
    flash(_("Alert acknowledged: %(action)s.", action=ALERT_ACTIONS[form.action.data]))
    return back
