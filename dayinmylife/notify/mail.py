"""Sending one e-mail: by SMTP (the standard library's smtplib) or GOV.UK Notify (its official client), as the
settings say; or not at all when neither is set (alerts are then on screen only, and the app says so in its log)."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage

import requests
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str  # plain text: no names of children, no answers (e-mail leaves the council's systems)


class NotSent(Exception):
    """The mail service refused the message or could not be reached; worth trying again later."""


def sender(config: Mapping) -> Callable[[Message], None] | None:
    """How to send with these settings; None when mail is off."""
    if config.get("SMTP_HOST"):
        return lambda message: send_by_smtp(config, message)
    if config.get("NOTIFY_API_KEY"):
        return lambda message: send_by_notify(config, message)
    return None


def sent_by(config: Mapping) -> str | None:
    """What sends the app's mail, as an administrator reads it; None when mail is off."""
    if config.get("SMTP_HOST"):
        return f"SMTP ({config['SMTP_HOST']}:{config['SMTP_PORT']})"
    return "GOV.UK Notify" if config.get("NOTIFY_API_KEY") else None


def send_by_smtp(config: Mapping, message: Message) -> None:
    email = EmailMessage()
    email["From"] = config["MAIL_FROM"]
    email["To"] = message.to
    email["Subject"] = message.subject
    email.set_content(message.body)
    try:
        with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=15) as smtp:
            if config["SMTP_STARTTLS"]:
                smtp.starttls(context=ssl.create_default_context())
            if config.get("SMTP_USER"):
                smtp.login(config["SMTP_USER"], config["SMTP_PASSWORD"] or "")
            smtp.send_message(email)
    except (OSError, smtplib.SMTPException) as failure:
        raise NotSent(f"{type(failure).__name__}: {failure}") from failure


def send_by_notify(config: Mapping, message: Message) -> None:
    """Through GOV.UK Notify: one e-mail template whose subject is ((subject)) and whose body is ((body))."""
    client = NotificationsAPIClient(config["NOTIFY_API_KEY"], base_url=config["NOTIFY_BASE_URL"], timeout=15)
    try:
        client.send_email_notification(
            email_address=message.to,
            template_id=config["NOTIFY_TEMPLATE_ID"],
            personalisation={"subject": message.subject, "body": message.body},
        )
    except (APIError, requests.RequestException) as failure:
        raise NotSent(f"GOV.UK Notify: {failure}") from failure
