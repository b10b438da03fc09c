"""Which account someone signing in with the organisation's account is: by the provider's stable subject id;
the first time, by a verified e-mail only where an administrator allowed it for that account, or a new
practitioner's account where an administrator turned provisioning on. Nobody gets in just by having a login at
the organisation."""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from werkzeug.security import generate_password_hash

from dayinmylife import audit, store
from dayinmylife.store.db import get_db

NO_ACCOUNT, DISABLED = "no_account", "disabled"


def account_for(claims: Mapping, settings: Mapping) -> tuple[dict | None, str | None]:
    """The active account these (checked) ID token claims prove someone is, or None and why not."""
    db, issuer, subject = get_db(), claims["iss"], claims["sub"]
    row = store.single_sign_on.user_by_subject(db, issuer, subject)
    if row is None:
        row = _first_sign_in(claims, settings)
    if row is None:
        return None, NO_ACCOUNT
    if not row["active"]:
        return None, DISABLED
    return row, None


def _first_sign_in(claims: Mapping, settings: Mapping) -> dict | None:
    db, issuer, subject = get_db(), claims["iss"], claims["sub"]
    email = verified_email(claims, settings["OIDC_ALLOWED_DOMAINS"])
    if email is None:
        return None
    row = store.single_sign_on.user_by_email_any(db, email)
    allowed = row is not None and row["oidc_email_match"] and row["oidc_subject"] is None
    if allowed and store.single_sign_on.match_subject(db, row["id"], issuer, subject):
        audit.record(db, "single_sign_on_matched", actor=f"sign-in as {row['email']!r}", how="e-mail")
        return store.single_sign_on.user_by_subject(db, issuer, subject)
    if row is None and settings["OIDC_PROVISIONING"]:
        name = str(claims.get("name") or email.split("@")[0])[:200]
        unusable = generate_password_hash(secrets.token_urlsafe(32))  # they sign in through the provider only
        user_id = store.users.create_user(db, email, name, unusable)
        store.single_sign_on.match_subject(db, user_id, issuer, subject)
        audit.record(db, "single_sign_on_matched", actor=f"sign-in as {email!r}", how="new account")
        return store.single_sign_on.user_by_subject(db, issuer, subject)
    return None


def verified_email(claims: Mapping, allowed_domains: tuple[str, ...]) -> str | None:
    """The e-mail the provider vouches for, if it is of a domain allowed here; None otherwise."""
    email = str(claims.get("email") or "").strip()
    if claims.get("email_verified") is not True or "@" not in email:
        return None
    return email if email.rsplit("@", 1)[1].lower() in allowed_domains else None


def second_factor_checked(claims: Mapping, settings: Mapping) -> bool:
    """Whether the provider says it checked a second factor: an `amr` or `acr` value the settings count as one."""
    methods = claims.get("amr") or []
    methods = [methods] if isinstance(methods, str) else methods
    if any(str(method).lower() in settings["OIDC_MFA_AMR"] for method in methods):
        return True
    return str(claims.get("acr") or "").lower() in settings["OIDC_MFA_ACR"] and bool(claims.get("acr"))
