"""What makes a password acceptable: long enough, and not one of the most common ones."""

from functools import cache

from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

MIN_PASSWORD_LENGTH = 12


@cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords, as zxcvbn ships them (MIT): checked here, never online."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # a large module: load it only when needed

    return frozenset(FREQUENCY_LISTS["passwords"])


def password_problem(password: str) -> str | None:
    """Say what is wrong with a new password, or None when it will do."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _l("The password must be at least %(count)d characters.", count=MIN_PASSWORD_LENGTH)
    if password.lower() in common_passwords() or len(set(password)) < 4:
        return _l("That password is one of the most common ones, easy to guess: choose another.")
    return None


def hash_password(password: str) -> str:
    return generate_password_hash(password)


def password_matches(user, password: str) -> bool:
    return check_password_hash(user.password_hash, password)
