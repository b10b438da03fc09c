"""Take screenshots of the key pages at phone and tablet size into docs/screenshots/ (`make screenshots`).

Serves the app on loopback with a fresh demo database and drives Debian's Chromium with Playwright, as the
browser tests do. The pictures are for people (the README, reviews), not for tests: look at them.
"""

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dayinmylife import create_app  # noqa: E402
from dayinmylife.demo import ADMIN_EMAIL, DEMO_EMAIL, DEMO_PASSWORD, MANAGER_EMAIL, seed  # noqa: E402
from dayinmylife.demo.consultation import LEAD_EMAIL  # noqa: E402
from dayinmylife.store.db import connect  # noqa: E402
from dayinmylife.store.migrations import migrate  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, TABLET, LiveServer  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZES = {"phone": PHONE, "tablet": TABLET}


def sign_in(page, email):
    page.goto("/sign-in")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def practitioner_pages(page, size):
    sign_in(page, DEMO_EMAIL)
    shoot(page, "caseload", size)
    page.get_by_role("link", name="Leo").click()
    shoot(page, "child", size)
    page.locator("table tbody tr th a").first.click()
    shoot(page, "day-picture", size)
    leo = re.search(r"/children/(\d+)", page.locator("a.back-link").get_attribute("href")).group(1)
    page.goto(f"/children/{leo}/compare")
    shoot(page, "compare", size)
    page.goto(f"/children/{leo}/history")
    shoot(page, "history", size)
    page.goto(f"/children/{leo}/chronology")
    shoot(page, "chronology", size)
    if size == "tablet":  # a PDF is the same at any size: its first pages, as a viewer shows them
        latest = re.findall(r"/sessions/(\d+)", page.context.request.get(f"/children/{leo}").text())[0]
        pdf_pages(page, f"/sessions/{latest}/record.pdf", "session-pdf", 3)
        pdf_pages(page, f"/children/{leo}/chronology.pdf", "chronology-pdf", 1)
    page.goto(f"/children/{leo}/accounts")
    shoot(page, "accounts", size)


def pdf_pages(page, url, name, pages):
    """The PDF at url, its first pages as pictures: docs/screenshots/NAME-N.png."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "record.pdf").write_bytes(page.context.request.get(url).body())
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-l", str(pages), f"{folder}/record.pdf", OUT / name], check=True
        )


def child_pages(page, size):
    sign_in(page, DEMO_EMAIL)
    page.get_by_role("link", name="Add a child").click()
    page.get_by_label("Name").fill({"phone": "Sky", "tablet": "Rowan"}[size])  # one database for both sizes
    page.get_by_label("Date of birth").fill("2018-05-02")
    page.get_by_role("button", name="Add child").click()
    page.get_by_role("link", name="Start a session").click()
    page.get_by_role("button", name="Start").click()
    shoot(page, "child-start", size)
    page.get_by_text("Who will see my answers?").click()
    shoot(page, "child-who-will-see", size)
    page.get_by_role("link", name="Let's start").click()
    page.locator(".cards .card").nth(1).click()
    shoot(page, "child-question", size)
    page.get_by_role("button", name="Continue").click()
    for _ in range(20):  # on to the first feelings question
        if page.locator(".cards--feelings").count():
            break
        page.get_by_role("button", name="Skip this one").click()
    shoot(page, "child-feelings", size)
    session = re.search(r"/day/(\d+)/", page.url).group(1)
    page.goto(f"/day/{session}/any-day/safe_at_home")  # the child says they do not feel safe at home
    page.get_by_text("No", exact=True).click()
    page.get_by_role("button", name="Continue").click()
    worker = page.context.browser.new_context(
        viewport=page.viewport_size, base_url=page.url.split("/day/")[0]
    )
    laptop = worker.new_page()
    sign_in(laptop, DEMO_EMAIL)
    shoot(laptop, "caseload-alert", size)
    laptop.locator(".alert-panel a").first.click()
    laptop.locator("#alerts").scroll_into_view_if_needed()
    shoot(laptop, "child-alert", size)
    worker.close()


def picture_pages(page, size):
    """Ellis's "My day in pictures": his and his mum's accounts side by side, then a board of pictures to sort."""
    sign_in(page, DEMO_EMAIL)
    page.get_by_role("link", name="Ellis").click()
    ellis = re.search(r"/children/(\d+)", page.url).group(1)
    page.goto(f"/children/{ellis}/accounts")
    shoot(page, "pictures-accounts", size)
    page.goto("/children/new")
    page.get_by_label("Name").fill(
        {"phone": "Ari", "tablet": "Robin"}[size]
    )  # Ellis's own sessions stay as they are
    page.get_by_label("Date of birth").fill("2015-09-12")
    page.get_by_role("button", name="Add child").click()
    page.get_by_role("link", name="Start a session").click()
    page.get_by_label("Questionnaire").select_option("disability")
    page.get_by_role("button", name="Start").click()
    page.get_by_role("link", name="Let's start").click()
    page.get_by_text("A grown-up").click()
    page.get_by_text("For the practitioner: how did the child show this?").click()
    page.get_by_label("Eye gaze").check()
    shoot(page, "pictures-shown-by", size)
    session = re.search(r"/day/(\d+)/", page.url).group(1)
    page.goto(f"/day/{session}/any-day/sort_lessons")
    page.get_by_role("button", name="Lessons").click()
    page.locator("#mat-good").click()
    page.get_by_role("button", name="Playtime").click()
    page.locator("#mat-not_sure").click()
    page.get_by_role("button", name="Lunch").click()
    shoot(page, "pictures-board", size)


def consultation_pages(page, size):
    sign_in(page, LEAD_EMAIL)
    page.get_by_role("link", name=re.compile("Year 5 and 6")).first.click()
    page.get_by_role("link", name=re.compile("results", re.I)).first.click()
    shoot(page, "consultation-results", size)
    weekend = page.locator("section[aria-labelledby=weekend-different]")  # the headline chart and its table
    weekend.screenshot(path=str(OUT / f"consultation-weekend-{size}.png"))
    page.get_by_role("link", name="Consultations").click()
    page.get_by_role("link", name=re.compile("Our county")).first.click()
    shoot(page, "consultation-schools", size)
    page.get_by_role("link", name=re.compile("results", re.I)).first.click()
    page.get_by_role("link", name=re.compile("Hillside Primary")).click()
    page.get_by_role("link", name=re.compile("5 Ash")).click()
    shoot(page, "consultation-school-class", size)


def school_pupil_pages(page, size):
    page.goto("/join/")
    page.get_by_label("Type your code").fill("HIL 234")
    page.get_by_role("button", name="Go").click()
    shoot(page, "join-school", size)


def manager_pages(page, size):
    sign_in(page, MANAGER_EMAIL)
    shoot(page, "team", size)
    page.get_by_role("link", name="Leo").first.click()
    shoot(page, "team-child", size)


def partnership_pages(page, size):
    sign_in(page, ADMIN_EMAIL)
    page.get_by_role("link", name="Impact").click()
    shoot(page, "impact-report", size)


def shoot(page, name, size):
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT / f"{name}-{size}.png"))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "screenshots.sqlite3"
        migrate(path)
        app = create_app(
            {"DATABASE": str(path), "SECRET_KEY": "screenshots-only-" * 3, "DAYINMYLIFE_ENV": "development"}
        )
        db = connect(path)
        seed(db, app.extensions["questionnaires"])
        db.conn.close()
        with LiveServer(app) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for size, viewport in SIZES.items():
                for pages in (
                    child_pages,
                    picture_pages,
                    practitioner_pages,
                    consultation_pages,
                    school_pupil_pages,
                    manager_pages,
                    partnership_pages,
                ):
                    context = browser.new_context(viewport=viewport, base_url=server.url)
                    pages(context.new_page(), size)
                    context.close()
            browser.close()
    print(f"Screenshots in {OUT.relative_to(ROOT)}: {len(list(OUT.glob('*.png')))}")


if __name__ == "__main__":
    main()
