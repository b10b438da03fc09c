"""Real-browser fixtures: the app served on loopback, Debian's Chromium driven by Playwright, axe-core."""

import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server

from dayinmylife import create_app, store
from dayinmylife.signin.passwords import hash_password
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate
from tests.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium stalls reaching Google's services on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 375, "height": 667}
TABLET = {"width": 1024, "height": 768}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


def whole_responses(app):
    """Hand Werkzeug's development server each response whole, its files already closed.

    When a browser drops a connection mid-response (Chromium cancels a font when the page moves on), the
    development server can skip closing the response, leaving a static file open until garbage collection:
    a ResourceWarning that fails whichever test is running. Gunicorn, which serves the real app, closes it.
    """

    def buffered(environ, start_response):
        response = app(environ, start_response)
        try:
            return [b"".join(response)]
        finally:
            if hasattr(response, "close"):
                response.close()

    return buffered


class LiveServer:
    def __init__(self, app):
        self.app = app
        self.server = make_server(
            "127.0.0.1", 0, whole_responses(app), threaded=True, request_handler=QuietHandler
        )
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def live_app(tmp_path):
    path = tmp_path / "browser.sqlite3"
    migrate(path)
    app = create_app(
        {"DATABASE": str(path), "SECRET_KEY": "browser-test-secret-" * 2, "DAYINMYLIFE_ENV": "development"}
    )
    db = connect(path)
    user_id = store.users.create_user(db, "sam@example.org", "Sam Taylor", hash_password(PASSWORD))
    app.config["TEST_PRACTITIONER_ID"] = user_id
    db.conn.close()
    with LiveServer(app) as server:
        yield server


@pytest.fixture
def administrator(live_app) -> str:
    """An administrator, Ada, besides the practitioner: her e-mail (the password is the practitioner's)."""
    db = connect(live_app.app.config["DATABASE"])
    store.users.create_user(db, "ada@example.org", "Ada Admin", hash_password(PASSWORD), "administrator")
    db.conn.close()
    return "ada@example.org"


@pytest.fixture
def page(browser, live_app):
    context = browser.new_context(viewport=TABLET, base_url=live_app.url)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, email="sam@example.org", password=PASSWORD):
    page.goto("/sign-in")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():  # the page after signing in has arrived before the test reads it
        page.get_by_role("button", name="Sign in").click()


def accessibility_violations(page) -> list[str]:
    """Run axe-core's WCAG 2.2 A and AA rules on the page; describe each violation."""
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']][:3]}"
        for violation in result.response["violations"]
    ]


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
