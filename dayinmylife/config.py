"""The app's settings, read from the environment (DAYINMYLIFE_…), with the defaults the README gives."""

import os
from pathlib import Path

from dayinmylife.questionnaire.loader import QUESTIONNAIRES_DIR


def from_environment(instance: Path) -> dict:
    """Every setting create_app starts from; a test's own settings are laid over these."""
    return {
        "DATABASE": os.environ.get("DAYINMYLIFE_DATABASE", str(instance / "dayinmylife.sqlite3")),
        "SECRET_KEY": os.environ.get("DAYINMYLIFE_SECRET_KEY"),
        # "development" for a laptop or a demo; anything else is production (see security.is_development).
        "DAYINMYLIFE_ENV": os.environ.get("DAYINMYLIFE_ENV", "production"),
        # A practitioner's session ends after this long without a request, and in any case after the
        # absolute limit; a device handed over in child mode waits only for the absolute limit.
        "SESSION_IDLE_MINUTES": int(os.environ.get("DAYINMYLIFE_SESSION_IDLE_MINUTES", 30)),
        "SESSION_ABSOLUTE_HOURS": int(os.environ.get("DAYINMYLIFE_SESSION_ABSOLUTE_HOURS", 12)),
        # How many reverse proxies in front set X-Forwarded-For/-Proto: sign-in throttling counts the real address.
        "TRUSTED_PROXIES": int(os.environ.get("DAYINMYLIFE_TRUSTED_PROXIES", 0)),
        "QUESTIONNAIRES_DIR": QUESTIONNAIRES_DIR,
        # Children with no activity for this long are deleted by `flask retention --apply`.
        "RETENTION_DAYS": int(os.environ.get("DAYINMYLIFE_RETENTION_DAYS", 3 * 365)),
        # A consultation's responses are deleted by `flask retention --apply` this many days after it closes.
        "CONSULTATION_RETENTION_DAYS": int(os.environ.get("DAYINMYLIFE_CONSULTATION_RETENTION_DAYS", 365)),
        # A teenager's own link to their session stops working after this many days.
        "ANSWER_LINK_DAYS": int(os.environ.get("DAYINMYLIFE_ANSWER_LINK_DAYS", 7)),
        # The partnership's impact report shows no count of fewer children than this (and hides what would give
        # one away); a team with fewer children heard in a quarter is counted only in the whole.
        "IMPACT_REPORT_MINIMUM": int(os.environ.get("DAYINMYLIFE_IMPACT_REPORT_MINIMUM", 5)),
        # E-mail by SMTP (alerts, alerts sent again, reminders): off unless a host is set; see the README.
        "SMTP_HOST": os.environ.get("DAYINMYLIFE_SMTP_HOST"),
        "SMTP_PORT": int(os.environ.get("DAYINMYLIFE_SMTP_PORT", 587)),
        "SMTP_STARTTLS": os.environ.get("DAYINMYLIFE_SMTP_STARTTLS", "1") not in ("0", "false", "no"),
        "SMTP_USER": os.environ.get("DAYINMYLIFE_SMTP_USER"),
        "SMTP_PASSWORD": os.environ.get("DAYINMYLIFE_SMTP_PASSWORD"),
        "MAIL_FROM": os.environ.get("DAYINMYLIFE_MAIL_FROM", "Day in my life <no-reply@dayinmylife.example>"),
        # Or e-mail by GOV.UK Notify: an API key and an e-mail template with ((subject)) and ((body)).
        "NOTIFY_API_KEY": os.environ.get("DAYINMYLIFE_NOTIFY_API_KEY"),
        "NOTIFY_TEMPLATE_ID": os.environ.get("DAYINMYLIFE_NOTIFY_TEMPLATE_ID"),
        "NOTIFY_BASE_URL": os.environ.get(
            "DAYINMYLIFE_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk"
        ),
        # The app's address as people open it, for the links in e-mails.
        "BASE_URL": os.environ.get("DAYINMYLIFE_BASE_URL", "http://127.0.0.1:5000"),
        # An alert nobody acknowledges within this many working hours is sent again to the managers.
        "ALERT_ESCALATION_HOURS": float(os.environ.get("DAYINMYLIFE_ALERT_ESCALATION_HOURS", 4)),
        # Each practitioner's weekly reminder (children due or overdue a session) goes out from this day and hour.
        "REMINDER_DAY": os.environ.get("DAYINMYLIFE_REMINDER_DAY", "monday").lower(),
        "REMINDER_HOUR": int(os.environ.get("DAYINMYLIFE_REMINDER_HOUR", 8)),
        # Where the council is: moments (an alert raised at 14:05) are shown in its time.
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("DAYINMYLIFE_TIMEZONE", "Europe/London"),
        # Signing in with the organisation's own account (OpenID Connect): on when an issuer is set; see the README.
        "OIDC_ISSUER": os.environ.get("DAYINMYLIFE_OIDC_ISSUER"),
        "OIDC_CLIENT_ID": os.environ.get("DAYINMYLIFE_OIDC_CLIENT_ID"),
        "OIDC_CLIENT_SECRET": os.environ.get("DAYINMYLIFE_OIDC_CLIENT_SECRET"),
        "OIDC_LABEL": os.environ.get("DAYINMYLIFE_OIDC_LABEL", "Sign in with your organisation's account"),
        # Only e-mails of these domains may be matched to an account or given one (comma-separated).
        "OIDC_ALLOWED_DOMAINS": _words(os.environ.get("DAYINMYLIFE_OIDC_ALLOWED_DOMAINS", "")),
        # Anyone of an allowed domain gets a practitioner's account with no children at their first sign-in.
        "OIDC_PROVISIONING": _on(os.environ.get("DAYINMYLIFE_OIDC_PROVISIONING", "0")),
        # What the provider says when it checked a second factor: `amr` values, or `acr` values (comma-separated).
        "OIDC_MFA_AMR": _words(os.environ.get("DAYINMYLIFE_OIDC_MFA_AMR", "mfa")),
        "OIDC_MFA_ACR": _words(os.environ.get("DAYINMYLIFE_OIDC_MFA_ACR", "")),
        # Signing in with the app's own e-mail and password, beside the organisation's account or not.
        "PASSWORD_SIGN_IN": _on(os.environ.get("DAYINMYLIFE_PASSWORD_SIGN_IN", "1")),
        # Continuous replication of the database by Litestream (`flask replicate`): a folder on another disk, or
        # s3://bucket/path (with an endpoint for S3-compatible storage); see the README.
        "REPLICA": os.environ.get("DAYINMYLIFE_REPLICA"),
        "REPLICA_ENDPOINT": os.environ.get("DAYINMYLIFE_REPLICA_ENDPOINT"),
        "REPLICA_SYNC_INTERVAL": os.environ.get("DAYINMYLIFE_REPLICA_SYNC_INTERVAL", "1s"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,  # a child may take a long time over a page; the token lives as long as the session
    }


def _words(text: str) -> tuple[str, ...]:
    """A comma-separated setting as its values, lower case, without spaces or empty ones."""
    return tuple(word.strip().lower() for word in text.split(",") if word.strip())


def _on(text: str) -> bool:
    return text.strip().lower() not in ("0", "false", "no", "off", "")
