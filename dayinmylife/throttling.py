"""Sign-in throttling per account and per address, kept in the database so every server process agrees."""

from flask import request
from flask_babel import lazy_gettext as _l

from . import queries, session_limits
from .db import get_db

WINDOW_SECONDS = 15 * 60
ACCOUNT_LIMIT = 5  # failures for one account (an e-mail, known or not) within the window
ADDRESS_LIMIT = 20  # failures from one address within the window, whatever the accounts
# The same words whether or not the account exists.
TOO_MANY_TRIES = _l("Too many tries to sign in. For safety, wait 15 minutes, then try again.")


def _address() -> str:
    return request.remote_addr or "unknown"


def too_many_failures(kind: str, account: str) -> bool:
    """Tell whether this account, or this address, has failed too often lately."""
    since = int(session_limits.clock()) - WINDOW_SECONDS
    by_account, by_address = queries.sign_in_failures_since(
        get_db(), kind, account.strip().lower(), _address(), since
    )
    return by_account >= ACCOUNT_LIMIT or by_address >= ADDRESS_LIMIT


def record_failure(kind: str, account: str) -> None:
    """Count one failed sign-in (or unlock) against the account and the address."""
    queries.record_sign_in_failure(
        get_db(), kind, account.strip().lower(), _address(), int(session_limits.clock())
    )
