"""Accounts and the organisation's identity provider: which account a provider's subject is, matching it once."""

from sqlite_utils import Database

from dayinmylife.store.db import write_transaction
from dayinmylife.store.rows import first_row


def user_by_subject(db: Database, issuer: str, subject: str) -> dict | None:
    """The account matched to this subject of this provider, disabled or not (the sign-in says which)."""
    return first_row(db, "SELECT * FROM users WHERE oidc_issuer = ? AND oidc_subject = ?", (issuer, subject))


def user_by_email_any(db: Database, email: str) -> dict | None:
    """The account with this e-mail, disabled or not."""
    return first_row(db, "SELECT * FROM users WHERE email = ?", (email.strip(),))


def match_subject(db: Database, user_id: int, issuer: str, subject: str) -> bool:
    """Remember the provider's subject for an account not matched yet; False if it was (or the subject is taken)."""
    with write_transaction(db):
        taken = db.execute(
            "SELECT 1 FROM users WHERE oidc_issuer = ? AND oidc_subject = ?", (issuer, subject)
        ).fetchone()
        if taken:
            return False
        return (
            db.execute(
                "UPDATE users SET oidc_issuer = ?, oidc_subject = ?, oidc_email_match = 0 "
                "WHERE id = ? AND oidc_subject IS NULL",
                (issuer, subject, user_id),
            ).rowcount
            == 1
        )


def forget_subject(db: Database, user_id: int) -> None:
    """Unmatch an account from the provider (the next sign-in matches it again only if allowed)."""
    with write_transaction(db):
        db.execute("UPDATE users SET oidc_issuer = NULL, oidc_subject = NULL WHERE id = ?", (user_id,))


def allow_email_match(db: Database, user_id: int, allowed: bool) -> None:
    """Let (or stop) the first sign-in through the provider match this account by its verified e-mail."""
    with write_transaction(db):
        db.execute("UPDATE users SET oidc_email_match = ? WHERE id = ?", (int(allowed), user_id))
