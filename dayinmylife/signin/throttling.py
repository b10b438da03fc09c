"""Sign-in throttling per account and per address, kept in the database so every server process agrees."""

import hashlib
import hmac

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from dayinmylife import clock, store
from dayinmylife.store.db import get_db

WINDOW_SECONDS = 15 * 60
ACCOUNT_LIMIT = 5  # failures for one account (an e-mail, known or not) within the window
ADDRESS_LIMIT = 20  # failures from one address within the window, whatever the accounts
# The same words whether or not the account exists.
TOO_MANY_TRIES = _l("Too many tries to sign in. For safety, wait 15 minutes, then try again.")


def _address() -> str:
    return request.remote_addr or "unknown"


def account_key(account: str, secret: str | bytes) -> str:
    """What failures are counted under: a keyed hash of what was typed, never the text itself (it may be a
    password typed into the e-mail box). The same account, however it is capitalised, gives the same key."""
    secret = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(secret, account.strip().lower().encode(), hashlib.sha256).hexdigest()


def _key(account: str) -> str:
    return account_key(account, current_app.secret_key)


def too_many_failures(kind: str, account: str) -> bool:
    """Tell whether this account, or this address, has failed too often lately."""
    since = int(clock.epoch()) - WINDOW_SECONDS
    by_account, by_address = store.users.sign_in_failures_since(
        get_db(), kind, _key(account), _address(), since
    )
    return by_account >= ACCOUNT_LIMIT or by_address >= ADDRESS_LIMIT


def record_failure(kind: str, account: str) -> None:
    """Count one failed sign-in (or unlock) against the account and the address."""
    store.users.record_sign_in_failure(get_db(), kind, _key(account), _address(), int(clock.epoch()))
