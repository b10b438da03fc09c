"""The one page of session limits: answering the warning before the idle timeout keeps a practitioner signed in.
(The rules themselves are in session_limits.py, which the sign-in pages use.)"""

from flask import Blueprint
from flask_login import login_required

bp = Blueprint("session_limits", __name__)  # the endpoint keeps its name: session_limits.keep_alive


@bp.post("/session/keep-alive")
@login_required
def keep_alive():
    """Keep a practitioner signed in when they answer the warning before the idle timeout."""
    return "", 204
