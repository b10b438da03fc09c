"""Shared fixtures: an app on a real temporary SQLite file, a client, and a signed-in practitioner."""

import re
import socket
import time
from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller

from dayinmylife import clock as app_clock
from dayinmylife import create_app, store
from dayinmylife.signin.passwords import hash_password
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate
from dayinmylife.web.i18n import compile_catalogs

PASSWORD = "correct horse battery staple"
PASSWORD_HASH = hash_password(PASSWORD)  # hashing is slow on purpose: do it once for the whole run


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """Compile the translation catalogs when a .mo file is missing or stale (they are not committed)."""
    compile_catalogs()


@pytest.fixture
def app(tmp_path):
    path = tmp_path / "test.sqlite3"
    migrate(path)
    return create_app({"DATABASE": str(path), "SECRET_KEY": "test-secret-" * 4, "TESTING": True})


@pytest.fixture
def db(app):
    database = connect(app.config["DATABASE"])
    yield database
    database.conn.close()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)


class Practitioners:
    """Create practitioners and sign in as them, through the real forms (CSRF included)."""

    def __init__(self, client, db):
        self.client, self.db = client, db

    def create(self, email="sam@example.org", name="Sam Taylor") -> int:
        return store.users.create_user(self.db, email, name, PASSWORD_HASH)

    def sign_in(self, email="sam@example.org", password=PASSWORD):
        token = csrf_token(self.client.get("/sign-in").text)
        return self.client.post("/sign-in", data={"email": email, "password": password, "csrf_token": token})

    def post(self, url: str, data: dict | None = None, token_from: str | None = None):
        """POST a form the way a browser would: with the CSRF token from the page it came from."""
        page = self.client.get(token_from or url)
        return self.client.post(url, data={**(data or {}), "csrf_token": csrf_token(page.text)})


@pytest.fixture
def practitioners(client, db):
    return Practitioners(client, db)


@pytest.fixture
def signed_in(practitioners):
    """A signed-in practitioner; returns their user id."""
    user_id = practitioners.create()
    practitioners.sign_in()
    return user_id


@pytest.fixture
def questionnaires(app):
    return app.extensions["questionnaires"]


@pytest.fixture
def child_of(db):
    """Add a child to a practitioner's caseload."""

    def add(user_id, name="Leo", date_of_birth="2019-03-14"):
        return store.children.create_child(db, user_id, name, date_of_birth, None)

    return add


# The fast loop (`make test PYTEST_ARGS='-m "not slow"'`) leaves out what takes the time: real browsers, the
# property tests that try hundreds of examples, and the README's commands run in shells of their own.
SLOW_MODULES = {"test_hostile_input", "test_linked_suppression", "test_readme_commands"}


CLOCK_START = float(int(time.time()))  # the clock starts now: consultations' and links' dates still hold


@pytest.fixture
def clock(monkeypatch):
    """The app's clock, moved on by hand: `clock.at = CLOCK_START + 10 * 60`."""

    class Clock:
        at = CLOCK_START

    monkeypatch.setattr(app_clock, "epoch", lambda: Clock.at)
    return Clock


def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("browser") or item.module.__name__.rsplit(".", 1)[-1] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


# A real SMTP server on loopback (aiosmtpd) that keeps what it receives: the tests' mail, never a mock.


class Inbox:
    """What the SMTP server received: (to addresses, the message as text)."""

    def __init__(self):
        self.received: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = message_from_bytes(envelope.content, policy=default)
        text = f"Subject: {message['subject']}\n\n{message.get_content()}"
        self.received.append((list(envelope.rcpt_tos), text))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, seconds: float = 10) -> list[tuple[list[str], str]]:
        deadline = time.monotonic() + seconds
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.received


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()
