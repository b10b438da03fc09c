"""The rules for changing accounts, shared by the administrators' pages and the command line.

Disabling, resetting a password and changing a role end every session of that person at once. Nobody can
disable or demote themselves, and the last active administrator can never be disabled or demoted.
"""

import sqlite3

from flask_babel import lazy_gettext as _l

from dayinmylife import audit, store
from dayinmylife.signin.passwords import hash_password, password_problem
from dayinmylife.vocabulary import ROLES


class AccountRefused(Exception):
    """A change the rules do not allow; the message says why, in words for the person who asked."""


def create_account(db, email: str, name: str, password: str, role: str) -> int:
    """Create an account that can sign in straight away."""
    _check_password(password)
    if role not in ROLES:
        raise AccountRefused(_l("Choose a role"))
    if store.users.account_by_email(db, email):
        raise AccountRefused(_l("There is already an account for %(email)s.", email=email.strip()))
    try:
        user_id = store.users.create_user(db, email, name, hash_password(password), role)
    except sqlite3.IntegrityError:  # created meanwhile by someone else
        raise AccountRefused(_l("There is already an account for %(email)s.", email=email.strip())) from None
    audit.record(db, "account_created", account=user_id, role=role)
    return user_id


def disable(db, account: dict, by: int | None) -> None:
    """Stop an account signing in, and sign it out everywhere."""
    if account["id"] == by:
        raise AccountRefused(_l("You cannot disable your own account."))
    if account["active"]:
        _change(db, account, "account_disabled", active=0)


def enable(db, account: dict) -> None:
    """Let a disabled account sign in again."""
    if not account["active"]:
        _change(db, account, "account_enabled", active=1)


def reset_password(db, account: dict, password: str) -> None:
    """Set a new password chosen by an administrator, and sign the account out everywhere."""
    _check_password(password)
    _change(db, account, "password_reset", password_hash=hash_password(password))


def change_role(db, account: dict, role: str, by: int | None) -> None:
    """Give an account another role, and sign it out everywhere so the new role applies at once."""
    if role not in ROLES:
        raise AccountRefused(_l("Choose a role"))
    if role == account["role"]:
        return
    if account["id"] == by:
        raise AccountRefused(_l("You cannot change your own role: ask another administrator."))
    _change(db, account, "role_changed", role=role, detail={"was": account["role"], "now": role})


def _check_password(password: str) -> None:
    if problem := password_problem(password):
        raise AccountRefused(problem)


def _change(db, account: dict, event: str, detail: dict | None = None, **changes) -> None:
    if not store.users.update_account(db, account["id"], **changes):
        raise AccountRefused(
            _l(
                "%(name)s is the last active administrator: make someone else an administrator first.",
                name=account["name"],
            )
        )
    audit.record(db, event, account=account["id"], **(detail or {}))
