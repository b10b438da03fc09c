"""The outbox for administrators: every e-mail the app sent or tried to send, to whom, about what, how it went."""

from flask import Blueprint, current_app, render_template

from dayinmylife import store
from dayinmylife.access import role_required
from dayinmylife.notify.mail import sent_by
from dayinmylife.store.db import get_db

bp = Blueprint("mail_admin", __name__, url_prefix="/admin/mail")


@bp.get("")
@role_required("administrator")
def outbox():
    """The latest e-mails, newest first, and whether mail is on."""
    return render_template(
        "admin/mail.html",
        messages=store.outbox.recent(get_db()),
        sent_by=sent_by(current_app.config),
    )
