"""An app that sends its e-mail to the real SMTP server on loopback (tests/conftest.py: smtp_server)."""

import pytest


@pytest.fixture
def mail_app(app, smtp_server):
    controller, _inbox = smtp_server
    app.config.update(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=controller.port,
        SMTP_STARTTLS=False,
        BASE_URL="https://day.example.gov.uk",
    )
    return app
