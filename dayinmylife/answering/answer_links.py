"""A teenager's own link: a one-time link that opens one session on their own phone, and nothing else."""

import hashlib
import secrets
from datetime import timedelta

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask import session as cookie
from flask_babel import gettext as _
from flask_login import current_user

from dayinmylife import audit, clock, store
from dayinmylife.access import caseload_required, session_or_404
from dayinmylife.answering import grants
from dayinmylife.casework.page_sections import may_send_link
from dayinmylife.store.db import get_db
from dayinmylife.web import qr_codes

bp = Blueprint("answer_links", __name__)

_TO_SHOW = "new_answer_link"


def token_hash(token: str) -> str:
    """The only form of a token the database keeps: a leaked table cannot open any session."""
    return hashlib.sha256(token.encode()).hexdigest()


@bp.post("/sessions/<int:session_id>/answer-links")
@caseload_required
def create(session_id: int):
    """Make a new link for the young person and show it (and its QR code) this once."""
    session = session_or_404(session_id)
    if not may_send_link(session):
        flash(_("Only an unfinished teenager's session in their own account can go to their own phone."))
        return redirect(url_for("caseload.session_view", session_id=session_id))
    token = secrets.token_urlsafe(32)  # 256 bits
    expires_at = clock.now() + timedelta(days=current_app.config["ANSWER_LINK_DAYS"])
    db = get_db()
    link_id = store.sessions.create_answer_link(
        db, session_id, current_user.id, token_hash(token), expires_at.isoformat(timespec="seconds")
    )
    audit.record(db, "answer_link_created", child_id=session["child_id"], session_id=session_id, link=link_id)
    # Shown once, by the page after this POST: a reload can neither make a second link nor show this one again.
    cookie[_TO_SHOW] = {"link_id": link_id, "token": token}
    return redirect(url_for("answer_links.show", session_id=session_id, link_id=link_id))


@bp.get("/sessions/<int:session_id>/answer-links/<int:link_id>")
@caseload_required
def show(session_id: int, link_id: int):
    """Show a new link (and its QR code) this once; afterwards only its state on the session page."""
    session = session_or_404(session_id)
    pending = cookie.pop(_TO_SHOW, None)
    link_row = store.sessions.answer_link_by_id(get_db(), link_id)
    if (
        not pending
        or pending["link_id"] != link_id
        or link_row is None
        or link_row["session_id"] != session_id
    ):
        flash(
            _("A link is shown only once, when it is made. If it was not sent, revoke it and make a new one.")
        )
        return redirect(url_for("caseload.session_view", session_id=session_id) + "#own-phone")
    link = url_for("answer_links.welcome", token=pending["token"], _external=True)
    return render_template(
        "answer_links/created.html",
        session=session,
        link=link,
        # Inline, so the token is in no other URL.
        qr_code=qr_codes.svg_inline(link, _("QR code of the link")),
        expires_on=link_row["expires_at"][:10],
    )


@bp.post("/sessions/<int:session_id>/answer-links/<int:link_id>/revoke")
@caseload_required
def revoke(session_id: int, link_id: int):
    """Stop a link working, on the phone that already used it too."""
    session = session_or_404(session_id)
    if not store.sessions.revoke_answer_link(get_db(), session_id, link_id):
        abort(404)
    audit.record(
        get_db(), "answer_link_revoked", child_id=session["child_id"], session_id=session_id, link=link_id
    )
    flash(_("The link no longer works."))
    return redirect(url_for("caseload.session_view", session_id=session_id) + "#own-phone")


@bp.get("/link/<token>")
def welcome(token: str):
    """Greet the young person with a Start button; opening the link changes nothing."""
    link = store.sessions.answer_link_by_hash(get_db(), token_hash(token))
    if link and grants.used_link_here(link):
        return redirect(url_for("my_day.resume", session_id=link["session_id"]))
    if link is None or not _still_works(link):
        return _link_not_working()
    return render_template("answer_links/open.html", token=token)


@bp.post("/link/<token>")
def use(token: str):
    """Use the link once: from now on this browser may answer that one session, and nothing else."""
    db = get_db()
    link = store.sessions.use_answer_link(db, token_hash(token), clock.now_iso())
    if link is None:
        return _link_not_working()
    grants.let_link_answer(link["session_id"], link["id"])
    session = store.sessions.session_by_id(db, link["session_id"])
    audit.record(
        db, "answer_link_used", child_id=session["child_id"], session_id=session["id"], link=link["id"]
    )
    return redirect(url_for("my_day.resume", session_id=session["id"], welcome=1))


def _still_works(link: dict) -> bool:
    session = store.sessions.session_by_id(get_db(), link["session_id"])
    return (
        link["used_at"] is None
        and link["revoked_at"] is None
        and link["expires_at"] > clock.now_iso()
        and session is not None
        and session["status"] != "finished"
    )


def _link_not_working():
    # One message for unknown, expired, revoked and used links: it tells a guesser nothing.
    return render_template("answer_links/not_working.html"), 404
