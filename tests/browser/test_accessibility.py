"""WCAG 2.2 AA in a real browser: axe on every kind of page, and what axe cannot see, tested as a child or a
practitioner meets it (touch, zoom, motion, Help and Stop in place, answers kept, focus never hidden)."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from dayinmylife import create_app, store
from dayinmylife.demo import ADMIN_EMAIL, DEMO_EMAIL, DEMO_PASSWORD, MANAGER_EMAIL, seed
from dayinmylife.demo.consultation import LEAD_EMAIL
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate
from tests.browser.conftest import PHONE, TABLET, LiveServer, accessibility_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.a11y]

BANDS = ("baby", "preschool", "primary", "teenager")
BORN = {"baby": "2025-09-01", "preschool": "2022-06-01", "primary": "2018-03-14", "teenager": "2011-05-20"}
MIN_TARGET = 44  # CSS px, each side: WCAG 2.5.5 (AAA) and the size Apple and Android give a fingertip
MIN_GAP = 8  # CSS px between two targets, so a small finger pressing one never lands on the next
# 320 CSS px is WCAG 1.4.10's reflow width (1280 px at 400%). 200% zoom of a 1280×800 laptop is what
# Chromium's own zoom does: the layout viewport becomes 640×400 CSS px at two device pixels per CSS px, so
# media queries, fonts and layout see exactly what a zoomed browser sees (CSS `zoom` would keep the 1280 px
# viewport and media queries, which is not what a person zooming in gets).
NARROW = {"viewport": {"width": 320, "height": 568}}
ZOOMED = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The app with the demo data, served once for this module's tests (they only add to it)."""
    path = tmp_path_factory.mktemp("a11y") / "a11y.sqlite3"
    migrate(path)
    app = create_app(
        {"DATABASE": str(path), "SECRET_KEY": "a11y-browser-secret-" * 2, "DAYINMYLIFE_ENV": "development"}
    )
    db = connect(path)
    seed(db, app.extensions["questionnaires"])
    db.conn.close()
    with LiveServer(app) as server:
        yield server


@pytest.fixture
def open_page(browser, site):
    """Open pages in fresh browser contexts (any size or setting); close them after the test."""
    contexts = []

    def open_page(**settings):
        context = browser.new_context(**{"viewport": TABLET, **settings}, base_url=site.url)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def db_of(site):
    return connect(site.app.config["DATABASE"])


def demo_child(site, name: str) -> int:
    db = db_of(site)
    sam = store.users.user_by_email(db, DEMO_EMAIL)["id"]
    child_id = next(
        child["id"] for child in store.children.children_of(db, sam) if child["display_name"] == name
    )
    db.conn.close()
    return child_id


@dataclass
class Session:
    id: int
    questionnaire: object

    def url(self, step: str = "") -> str:
        return f"/day/{self.id}/{step}"


def new_session(site, band: str, answers: int = 0) -> Session:
    """A new child of the demo practitioner with a session of this band, the first few questions answered."""
    db = db_of(site)
    sam = store.users.user_by_email(db, DEMO_EMAIL)["id"]
    questionnaire = site.app.extensions["questionnaires"][band]
    child_id = store.children.create_child(db, sam, f"Test {band}", BORN[band], None)
    session_id = store.sessions.start_session(db, child_id, questionnaire, sam)
    for question in [q for q in questionnaire.questions if q.options and not q.ask_if][:answers]:
        day = "once" if question.days == "once" else "school"
        value = [question.options[0].value] if question.multiple else question.options[0].value
        source = "observed" if questionnaire.record_source else None
        store.sessions.save_answer(db, session_id, question.id, day, value, source)
    db.conn.close()
    return Session(session_id, questionnaire)


def question_pages(session: Session) -> dict[str, str]:
    """One page of each question type of the questionnaire, and its "different at the weekend?" page."""
    pages = {}
    for question in session.questionnaire.questions:
        day = "any-day" if question.days == "once" else "school-day"
        pages.setdefault(question.type, session.url(f"{day}/{question.id}"))
    first_part = next(part for part in session.questionnaire.parts if part.asks_about_weekend)
    pages["weekend question"] = session.url(f"any-day/{first_part.weekend_question_id}")
    return pages


def visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"


def report(found: dict) -> str:
    """List what failed, page by page, so the message names every offender."""
    return "\n" + "\n".join(f"{page}: {problems}" for page, problems in found.items())


def practitioner(open_page, email=DEMO_EMAIL, **settings):
    page = open_page(**settings)
    sign_in(page, email, DEMO_PASSWORD)
    return page


@pytest.mark.parametrize("band", BANDS)
def test_every_question_type_review_and_thank_you_page_has_no_violations(open_page, site, band):
    session = new_session(site, band, answers=6)
    page = practitioner(open_page)
    pages = {
        "start": session.url(),
        "who will see": session.url("who-will-see-my-answers"),
        **question_pages(session),
        "help": session.url("help"),
        "stop": session.url("stop"),
        "review": session.url("review"),
    }
    assert {"pick_one", "feelings", "own_words", "weekend question"} <= set(pages), band
    found = {}
    for name, url in pages.items():
        visit(page, url)
        if violations := accessibility_violations(page):
            found[name] = violations
    page.get_by_role("button", name="finish").click()
    page.wait_for_url("**/thanks")
    assert page.get_by_role("heading", name="Thank you").is_visible()
    if violations := accessibility_violations(page):
        found["thanks"] = violations
    assert not found, report(found)


def test_a_baby_question_asks_whether_it_was_observed_or_reported_and_passes(open_page, site):
    session = new_session(site, "baby")
    page = practitioner(open_page)
    page.goto(question_pages(session)["pick_one"])
    choice = page.get_by_role("group", name="How do you know this?")
    assert choice.get_by_role("radio").count() == 2
    assert accessibility_violations(page) == []


def test_every_practitioner_page_has_no_violations(open_page, site):
    leo = demo_child(site, "Leo")
    db = db_of(site)
    latest = store.sessions.latest_session_of_child(db, leo)["id"]
    db.conn.close()
    page = practitioner(open_page)
    urls = [
        "/",
        "/children/new",
        f"/children/{leo}",
        f"/children/{leo}/sessions/new",
        f"/sessions/{latest}",
        f"/sessions/{latest}/print",
        f"/children/{leo}/compare",
        f"/children/{leo}/compare/print",
        f"/children/{leo}/history",
        f"/children/{leo}/history/print",
        f"/children/{leo}/accounts",
        f"/children/{leo}/outcomes/new",
        f"/children/{leo}/everything",
        f"/children/{leo}/erase",
        "/settings",
    ]
    found = {}
    for url in urls:
        visit(page, url)
        if violations := accessibility_violations(page):
            found[url] = violations
    assert not found, report(found)


def test_the_team_managers_and_the_administrators_pages_have_no_violations(open_page, site):
    leo = demo_child(site, "Leo")
    db = db_of(site)
    team = store.teams.all_teams(db)[0]["id"]
    sam = store.users.user_by_email(db, DEMO_EMAIL)["id"]
    if store.users.user_by_email(db, "alex@example.org") is None:  # someone in the team to move a child to
        alex = store.users.create_user(db, "alex@example.org", "Alex Moss", "not a password")
        store.teams.add_member(db, team, alex, manages=False)
    db.conn.close()
    found = {}
    manager = practitioner(open_page, MANAGER_EMAIL)
    for url in ("/team", "/team?show=all", f"/children/{leo}", f"/children/{leo}/supervision"):
        visit(manager, url)
        if violations := accessibility_violations(manager):
            found[url] = violations
    manager.goto(f"/children/{leo}/supervision")
    manager.get_by_role("button", name="Save the discussion").click()  # nothing written: the errors
    if violations := accessibility_violations(manager):
        found["supervision, with errors"] = violations
    manager.goto("/team?show=all")
    manager.get_by_text("Move Leo to another practitioner").click()
    if violations := accessibility_violations(manager):
        found["team, move opened"] = violations
    administrator = practitioner(open_page, ADMIN_EMAIL)
    for url in ("/admin/accounts", f"/admin/accounts/{sam}", "/admin/teams", f"/admin/teams/{team}"):
        visit(administrator, url)
        if violations := accessibility_violations(administrator):
            found[url] = violations
    assert not found, report(found)


def test_the_consultation_lead_pages_and_the_pupil_pages_have_no_violations(open_page, site):
    page = practitioner(open_page, LEAD_EMAIL)
    found = {}
    for url in ("/consultations/", "/consultations/new"):
        visit(page, url)
        if violations := accessibility_violations(page):
            found[url] = violations
    page.goto("/consultations/new")
    page.get_by_role("button", name="Create").click()  # nothing filled in: the errors
    expect(page).to_have_title(re.compile(r"^Error:"))  # waits for the page to arrive
    if violations := accessibility_violations(page):
        found["new, with errors"] = violations
    pupil = open_page(viewport=PHONE)
    pupil.goto("/join/")
    pupil.get_by_label("Type your code").fill("ZZZZZZ")
    pupil.get_by_role("button", name="Go").click()
    if violations := accessibility_violations(pupil):
        found["join, wrong code"] = violations
    assert not found, report(found)


def test_the_error_pages_have_no_violations(open_page, site):
    page = open_page(viewport=PHONE)
    assert page.goto("/nowhere").status == 404
    assert accessibility_violations(page) == []
    page.goto("/sign-in")
    page.locator("input[name=csrf_token]").evaluate("input => input.value = 'stale'")
    page.get_by_label("E-mail address").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_response("**/sign-in") as answered:
        page.get_by_role("button", name="Sign in").click()
    assert answered.value.status == 400
    assert accessibility_violations(page) == []
    screenshot(page, "error-400-phone")


# Keyboard and screen readers


def tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


@pytest.mark.parametrize("band", BANDS)
def test_every_question_type_is_answered_with_the_keyboard_and_named_by_its_word(open_page, site, band):
    session = new_session(site, band)
    page = practitioner(open_page, viewport=PHONE)
    for name, url in question_pages(session).items():
        visit(page, url)
        for card in page.locator(".card").all():  # a picture's accessible name is its word, said once
            word = card.locator(".card__word").inner_text().strip()
            assert page.get_by_role(
                card.locator("input").get_attribute("type"), name=word, exact=True
            ).count()
        if name == "own_words":
            tab_to(page, "textarea")
            page.keyboard.type("Toast")
            tab_to(page, "main a, main button")  # Tab leaves the box: no keyboard trap
        else:
            tab_to(page, "input[name=answer]")
            page.keyboard.press("Space")
        if page.locator("input[name=source]").count():  # a baby's: seen or told
            tab_to(page, "input[name=source]")
            page.keyboard.press("Space")
        tab_to(page, "button[value=continue]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator(".error-summary").count() == 0 and not page.url.endswith(url), name
    visit(page, session.url("review"))
    assert page.get_by_text("Toast").first.is_visible()


# Touch


TARGETS_SCRIPT = """
({minSize, minGap}) => {
  const name = (el) => (el.getAttribute("aria-label") || el.innerText || el.value || el.name || el.tagName)
    .trim().replace(/\\s+/g, " ").slice(0, 40);
  const seen = new Set();
  const targets = [];
  for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary, label")) {
    // A radio or checkbox inside its card is pressed through the card: the card is the target.
    const target = el.matches("input") && el.closest("label") ? el.closest("label") : el;
    if (target.matches("label") && !target.querySelector("input")) continue;
    if (seen.has(target) || target.closest("[hidden], .visually-hidden")) continue;
    if (target.type === "hidden" || target.matches(".skip-link")) continue;  // shown only when focused
    const box = target.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    seen.add(target);
    targets.push({name: name(target), box});
  }
  const small = targets.filter((t) => t.box.width < minSize - 0.5 || t.box.height < minSize - 0.5)
    .map((t) => `${t.name} is ${Math.round(t.box.width)}×${Math.round(t.box.height)}`);
  const close = [];
  targets.forEach((a, i) => targets.slice(i + 1).forEach((b) => {
    const gapX = Math.max(b.box.left - a.box.right, a.box.left - b.box.right);
    const gapY = Math.max(b.box.top - a.box.bottom, a.box.top - b.box.bottom);
    if (Math.max(gapX, gapY) < minGap - 0.5) close.push(`${a.name} and ${b.name} are ${Math.round(Math.max(gapX, gapY))}px apart`);
  }));
  return [...small, ...close];
}
"""


def touch_problems(page) -> list[str]:
    return page.evaluate(TARGETS_SCRIPT, {"minSize": MIN_TARGET, "minGap": MIN_GAP})


@pytest.mark.parametrize("band", ["preschool", "primary", "teenager"])
def test_every_target_on_a_childs_page_is_big_enough_with_space_around_it(open_page, site, band):
    session = new_session(site, band, answers=6)
    page = practitioner(open_page, viewport=PHONE)
    pages = {"start": session.url(), "who will see": session.url("who-will-see-my-answers")}
    pages |= {**question_pages(session), "review": session.url("review")}
    pages |= {"help": session.url("help"), "stop": session.url("stop")}
    found = {}
    for name, url in pages.items():
        visit(page, url)
        if problems := touch_problems(page):
            found[name] = problems
    assert not found, report(found)


# Zoom and small screens


OVERFLOW_SCRIPT = """
() => {
  const root = document.scrollingElement;
  const problems = [];
  function* ancestors(el) { for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) yield up; }
  if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth}px in ${root.clientWidth}px`);
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".visually-hidden, [hidden], svg, .skip-link")) continue;
    // A data table may scroll within itself (WCAG 1.4.10's exception for two-dimensional data): its own
    // box is checked, its cells are not.
    if ([...ancestors(el)].some((up) => ["auto", "scroll"].includes(getComputedStyle(up).overflowX))) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const label = `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : ""} “${(el.innerText || el.alt || "").trim().slice(0, 30)}”`;
    if (box.left < -1 || box.right > root.clientWidth + 1) problems.push(`${label} runs off the side`);
    const clips = ["hidden", "clip"].includes(style.overflowX) || ["hidden", "clip"].includes(style.overflowY);
    if (clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) problems.push(`${label} is clipped`);
  }
  return problems.slice(0, 8);
}
"""


@pytest.mark.parametrize("size", ["narrow", "zoomed"])
def test_nothing_scrolls_sideways_or_is_clipped_at_320_px_or_200_percent_zoom(open_page, site, size):
    session = new_session(site, "primary", answers=6)
    preschool = new_session(site, "preschool")
    leo = demo_child(site, "Leo")
    db = db_of(site)
    latest = store.sessions.latest_session_of_child(db, leo)["id"]
    db.conn.close()
    page = practitioner(open_page, **(NARROW if size == "narrow" else ZOOMED))
    pages = {
        **{f"primary {name}": url for name, url in question_pages(session).items()},
        "preschool feelings": question_pages(preschool)["feelings"],
        "primary start": session.url(),
        "primary who will see": session.url("who-will-see-my-answers"),
        "primary review": session.url("review"),
        "caseload": "/",
        "child": f"/children/{leo}",
        "session": f"/sessions/{latest}",
        "compare": f"/children/{leo}/compare",
        "history": f"/children/{leo}/history",
        "accounts": f"/children/{leo}/accounts",
    }
    found = {}
    for name, url in pages.items():
        visit(page, url)
        problems = page.evaluate(OVERFLOW_SCRIPT)
        if name in ("caseload", "child"):  # their tables scroll within themselves: still keyboard-operable
            problems += accessibility_violations(page)
        if problems:
            found[name] = problems
        if name in ("primary pick_one", "caseload", "accounts"):
            screenshot(page, f"{name.replace(' ', '-')}-{size}")
    assert not found, report(found)


MOVING_SCRIPT = """
() => [...document.querySelectorAll("*")].filter((el) => {
  const style = getComputedStyle(el);
  const seconds = (list) => list.split(",").some((time) => parseFloat(time) > 0);
  return seconds(style.transitionDuration) || (style.animationName !== "none" && seconds(style.animationDuration));
}).map((el) => el.className || el.tagName)
"""


@pytest.mark.parametrize("band", ["primary"])
def test_nothing_moves_when_the_device_asks_for_reduced_motion(open_page, site, band):
    session = new_session(site, band)
    pages = [session.url(), *question_pages(session).values(), session.url("review")]
    moving = practitioner(open_page, viewport=PHONE)
    moving.goto(pages[1])
    assert moving.evaluate(MOVING_SCRIPT) != []  # cards and the sky do move, for those who like it
    still = practitioner(open_page, viewport=PHONE, reduced_motion="reduce")
    found = {}
    for url in pages:
        visit(still, url)
        if moved := still.evaluate(MOVING_SCRIPT):
            found[url] = moved
    assert not found, report(found)


def test_colour_is_never_the_only_signal_on_a_childs_page(open_page, site):
    session = new_session(site, "primary")
    page = practitioner(open_page, viewport=PHONE)
    page.goto(question_pages(session)["feelings"])
    faces = page.locator(".cards--feelings .card")
    assert faces.count() >= 3
    for face in faces.all():
        assert face.locator(".card__word").inner_text().strip(), "a face without its word"
    faces.first.click()
    # The chosen face shows a ticked radio, not only a coloured border.
    assert faces.first.get_by_role("radio").is_visible() and faces.first.get_by_role("radio").is_checked()
    assert re.match(r"Part \d+ of \d+: ", page.locator(".day-progress__words").inner_text())  # in words
    page.get_by_role("button", name="Continue").click()
    page.goto(question_pages(session)["pick_one"])
    page.get_by_role("button", name="Continue").click()
    assert "There is a problem" in page.get_by_role("alert").inner_text()  # an error in words, not red


# What axe cannot see


def test_no_answer_moves_on_by_itself(open_page, site):
    session = new_session(site, "preschool")
    page = practitioner(open_page, viewport=PHONE)
    for name, url in question_pages(session).items():
        visit(page, url)
        if name == "own_words":
            page.locator("textarea").fill("Cake")
            page.keyboard.press("Enter")  # a new line, not a new page
        else:
            page.locator(".cards:not(.cards--small) .card").first.click()
            page.keyboard.press("Space")
        page.wait_for_timeout(400)
        assert page.url.endswith(url), name


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["phone", "tablet"])
def test_help_and_stop_stand_in_the_same_place_on_every_page(open_page, site, viewport):
    session = new_session(site, "primary", answers=3)
    page = practitioner(open_page, viewport=viewport)
    places = {}
    pages = {"start": session.url(), **question_pages(session), "review": session.url("review")}
    for name, url in pages.items():
        visit(page, url)
        bar = page.get_by_role("navigation", name="Help and stopping")
        boxes = [bar.get_by_role("link", name=word).bounding_box() for word in ("Help", "Stop")]
        places[name] = tuple(round(box[key]) for box in boxes for key in ("x", "y", "width", "height"))
    assert len(set(places.values())) == 1, places


def test_back_and_the_review_page_show_the_answers_given(open_page, site):
    session = new_session(site, "primary")
    page = practitioner(open_page, viewport=PHONE)
    first = session.url("school-day/who_wakes_you")
    page.goto(first)
    moved_on = lambda url: not url.endswith(first)  # noqa: E731
    page.get_by_role("radio", name="An alarm").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(moved_on)  # the next question has loaded, so its own Back link is the one clicked
    page.get_by_role("link", name="Back").click()
    page.wait_for_url(lambda url: url.endswith(first))
    assert page.get_by_role("radio", name="An alarm").is_checked()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(moved_on)  # going back while the page is still changing has nothing to go back from
    page.go_back()  # the browser's own Back button
    assert page.url.endswith(first)
    assert page.get_by_role("radio", name="An alarm").is_checked()
    page.goto(session.url("review"))
    answer = page.locator(".review-item", has_text="Who wakes you up?").first
    assert "An alarm" in answer.inner_text()


def test_the_absolute_limit_is_announced_ten_minutes_ahead_and_cannot_be_put_off(open_page, site):
    limits = {key: site.app.config[key] for key in ("SESSION_ABSOLUTE_HOURS", "SESSION_IDLE_MINUTES")}
    site.app.config.update(SESSION_ABSOLUTE_HOURS=1, SESSION_IDLE_MINUTES=24 * 60)
    try:
        page = open_page()
        page.clock.install()
        sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
        page.wait_for_load_state()  # the warning's timers start once its script has run
        final = page.locator(".session-warning__final")
        page.clock.run_for("49:00")
        assert final.is_hidden()
        page.clock.run_for("01:05")
        assert final.is_visible() and "cannot be put off" in final.inner_text()
        assert page.get_by_role("button", name="Stay signed in").is_hidden()  # no promise it cannot keep
        assert accessibility_violations(page) == []
    finally:
        site.app.config.update(limits)


FOCUS_SCRIPT = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const target = el.matches("input") && el.closest("label") ? el.closest("label") : el;
  const box = target.getBoundingClientRect();
  const style = getComputedStyle(el.matches("input") && el.closest("label") ? target : el);
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== "none";
  const name = (target.innerText || target.value || target.tagName).trim().slice(0, 30);
  const problems = [];
  if (!ring) problems.push(`${name}: no focus ring`);
  if (box.bottom <= 0 || box.top >= innerHeight) problems.push(`${name}: out of sight`);
  for (const cover of document.querySelectorAll("body *")) {
    const position = getComputedStyle(cover).position;
    if (!["fixed", "sticky"].includes(position) || cover.contains(el) || cover.hidden) continue;
    const over = cover.getBoundingClientRect();
    if (over.width && box.top < over.bottom && box.bottom > over.top && box.left < over.right && box.right > over.left)
      problems.push(`${name}: under ${cover.className}`);
  }
  return problems;
}
"""


def focus_problems_while_tabbing(page, presses: int) -> list[str]:
    found = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        found += page.evaluate(FOCUS_SCRIPT) or []
    return found


def test_the_focus_ring_is_never_hidden_under_a_fixed_bar(open_page, site):
    session = new_session(site, "primary", answers=20)
    child = practitioner(open_page, viewport=PHONE)
    child.goto(session.url("review"))
    assert focus_problems_while_tabbing(child, 30) == []

    db = db_of(site)
    latest = store.sessions.latest_session_of_child(db, demo_child(site, "Leo"))["id"]
    db.conn.close()
    page = open_page(viewport=PHONE)
    page.clock.install()
    sign_in(page, DEMO_EMAIL, DEMO_PASSWORD)
    page.goto(f"/sessions/{latest}")  # a long page, with a form at its very end (goto waits for its load)
    page.clock.run_for("28:30")  # the warning before the idle timeout is fixed to the foot of the screen
    assert page.locator(".session-warning").is_visible()
    assert focus_problems_while_tabbing(page, 40) == []


def test_the_skip_link_is_first_and_takes_the_keyboard_to_the_page(open_page, site):
    session = new_session(site, "primary")
    page = practitioner(open_page, viewport=PHONE)
    page.goto(question_pages(session)["pick_one"])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the main content")
    assert skip.evaluate("link => link === document.activeElement")
    assert skip.bounding_box()["y"] >= 0  # shown once focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


def test_a_practitioners_errors_are_announced_and_each_links_to_its_field(open_page, site):
    page = practitioner(open_page, viewport=PHONE)
    page.goto("/children/new")
    page.get_by_role("button", name="Add child").click()
    summary = page.get_by_role("alert")
    links = summary.get_by_role("link")
    assert links.count() >= 2
    for link in links.all():
        field = page.locator(link.get_attribute("href"))
        assert field.count() == 1 and field.evaluate("el => el.matches('input, select, textarea')")
        assert "error" in (field.get_attribute("aria-describedby") or "")
    links.first.click()
    field = page.locator(links.first.get_attribute("href"))
    box = field.bounding_box()
    assert 0 <= box["y"] < PHONE["height"]
