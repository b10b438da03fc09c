"""Who is signed in: the Flask-Login set-up, the signed-in person, password hashes. No views (auth.py has the
sign-in pages): child mode, the child's pages and two-step set-up import these, never the sign-in pages."""

from flask import redirect
from flask import session as cookie
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, UserMixin, login_user
from werkzeug.security import check_password_hash, generate_password_hash

from dayinmylife import audit, store
from dayinmylife.signin import session_limits
from dayinmylife.store.db import get_db

PASSWORD, ORGANISATION = "password", "organisation"  # how someone signed in

login_manager = LoginManager()
login_manager.login_view = "auth.sign_in"
login_manager.login_message = _l("Please sign in to see that page.")

# Checked when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password.
_UNKNOWN_USER_HASH = generate_password_hash("not a real password, only for timing")


class User(UserMixin):
    """Someone signed in: a practitioner, a consultation lead or an administrator (their role says which)."""

    def __init__(self, row: dict):
        self.id, self.email, self.name, self.role = row["id"], row["email"], row["name"], row["role"]
        self.password_hash = row["password_hash"]
        self.language = row.get("language")  # their saved preference; None follows the browser
        self.has_two_factor = bool(row.get("totp_secret"))
        self.weekly_reminder = bool(row.get("weekly_reminder", 1))
        self.reads_impact_report = row["role"] == "administrator" or bool(row.get("reads_impact_report"))


@login_manager.user_loader
def load_user(user_id: str):
    row = store.users.user_by_id(get_db(), int(user_id)) if user_id.isdigit() else None
    return User(row) if row and session_limits.is_current(row) else None


TOO_MANY_CODES = _l("Too many wrong codes. For safety, wait 15 minutes, then try again.")


def user_with(email: str, password: str) -> dict | None:
    """Return the active account with this e-mail and password, taking as long whether or not it exists."""
    row = store.users.user_by_email(get_db(), email)
    matches = check_password_hash(row["password_hash"] if row else _UNKNOWN_USER_HASH, password)
    return row if matches and row else None


def sign_in_as(
    row: dict, next_page: str, via: str = PASSWORD, second_factor_by_provider: bool = False, **detail
):
    """Sign this account in, in a fresh session (nothing from before carries over), and go on to next_page."""
    cookie.clear()
    login_user(User(row))
    session_limits.start(row)
    cookie["signed_in_via"] = via
    if (
        second_factor_by_provider
    ):  # the organisation checked a second factor: the app asks for none of its own
        cookie["second_factor_by_provider"] = True
    audit.record(get_db(), "signed_in", **({"via": via} if via != PASSWORD else {}), **detail)
    return redirect(next_page)
