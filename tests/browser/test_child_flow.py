"""A child answers in a real browser; the practitioner then reads every answer."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, PHONE, TABLET, accessibility_violations, screenshot, sign_in

pytestmark = pytest.mark.browser

OWN_WORDS = "I make my own toast. Mum is asleep."


def start_session(page, questionnaire: str, child: str = "Leo", born: str = "2019-03-14") -> None:
    """Sign in, add a child and start a session, as a practitioner would in the browser."""
    sign_in(page)
    page.get_by_role("link", name="Add a child").click()
    page.get_by_label("Name").fill(child)
    page.get_by_label("Date of birth").fill(born)
    page.get_by_role("button", name="Add child").click()
    page.get_by_role("link", name="Start a session").click()
    page.get_by_label("Questionnaire").select_option(questionnaire)
    page.get_by_role("button", name="Start").click()


def on_question_page(page) -> bool:
    return "/school-day/" in page.url or "/weekend/" in page.url or "/any-day/" in page.url


def press_tab_until(page, matches: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches a CSS selector (the keyboard is all the child uses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", matches):
            return
    raise AssertionError(f"Tab never reached {matches} on {page.url}")


def answer_by_keyboard(page, question_number: int) -> tuple[str, str]:
    """Answer the question on screen with the keyboard alone; return (prompt, what was chosen)."""
    prompt = page.locator("h1").inner_text()
    if page.locator("textarea").count():
        press_tab_until(page, "textarea")
        page.keyboard.type(OWN_WORDS)
        chosen = OWN_WORDS
    else:
        press_tab_until(page, "input[name=answer]")
        is_weekend_question = ".weekend_different" in page.url
        # Say the weekend is different for the first parts, so weekend questions are answered too.
        if is_weekend_question and question_number > 12:
            page.keyboard.press("ArrowDown")  # moves to and chooses "No"
        else:
            page.keyboard.press("Space")
        chosen = page.evaluate("() => document.activeElement.closest('label').innerText.trim()")
    press_tab_until(page, "button[value=continue]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return prompt, chosen


@pytest.mark.a11y
def test_a_child_finishes_the_primary_questionnaire_with_the_keyboard_alone(page):
    start_session(page, "primary")
    press_tab_until(page, "a.button--go")  # "Let's start", after the folded "who will see"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    given = []
    for number in range(200):
        if not on_question_page(page):
            break
        given.append(answer_by_keyboard(page, number))
    assert "/review" in page.url, f"stuck on {page.url}"
    assert len(given) > 30
    assert page.get_by_text(OWN_WORDS).first.is_visible()

    press_tab_until(page, "form.actions button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Thank you!")).to_be_visible()  # waits for it
    assert page.get_by_text("0800 1111").is_visible()

    # The practitioner takes the device back and finds every answer.
    page.get_by_role("link", name="take the device back").click()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    assert re.search(r"/sessions/\d+$", page.url)
    for prompt, chosen in given:
        if chosen in ("Yes", "No") and "different at the weekend" in prompt:
            continue  # shown as "The weekend is different" above each part
        row = page.locator(".answer-tile", has=page.locator(".answer-tile__question", has_text=prompt)).first
        assert chosen in row.inner_text(), f"{prompt!r}: {chosen!r} not shown"
    assert page.get_by_text("The weekend is different.").first.is_visible()
    assert page.get_by_text(f"“{OWN_WORDS}”").first.is_visible()


def test_a_preschool_child_answers_by_clicking_pictures(page):
    start_session(page, "preschool", child="Ava", born="2022-06-01")
    page.get_by_role("link", name="Let's start").click()
    chosen = []
    for _ in range(120):
        if not on_question_page(page):
            break
        if page.locator("textarea").count():
            page.locator("textarea").fill("Teddy and cake")
        else:
            card = page.locator(".cards:not(.cards--small) .card").first
            card.locator(".pic").click()
            chosen.append(card.inner_text().strip())
            assert card.locator("input").is_checked()
        with page.expect_navigation():  # the next page has arrived before the loop reads it
            page.get_by_role("button", name="Continue").click()
    assert "/review" in page.url
    screenshot(page, "preschool-review-tablet")
    with page.expect_navigation():
        page.get_by_role("button", name="That's my day – finish").click()
    expect(page.get_by_role("heading", name="Thank you!")).to_be_visible()  # waits for it


def test_child_mode_keeps_the_child_in_their_questionnaire(page):
    start_session(page, "primary")
    session_url = page.url
    for address in ("/", "/children/new", "/sessions/1", "/settings"):
        page.goto(address)
        assert page.url.endswith(session_url.split("127.0.0.1")[-1].split("/", 1)[-1]) or "/day/" in page.url
        assert page.get_by_role("link", name="My children").count() == 0
    page.goto("/sign-in")  # the practitioner's way back when unlocking is refused: no menu for the child
    assert page.get_by_text("takes this device out of child mode").is_visible()
    assert page.get_by_role("link", name="My children").count() == 0


@pytest.mark.a11y
def test_a_child_is_told_before_the_practitioners_time_runs_out_that_their_answers_are_saved(page, live_app):
    live_app.app.config.update(SESSION_ABSOLUTE_HOURS=1)
    page.clock.install()
    start_session(page, "primary")
    page.wait_for_load_state()  # the warning's timers start once its script has run
    notice = page.locator(".session-warning__final")
    page.clock.run_for("49:00")
    assert notice.is_hidden()
    page.clock.run_for("01:05")  # ten minutes before the limit
    assert notice.is_visible() and "Your answers are saved" in notice.inner_text()
    assert page.get_by_role("button", name="Stay signed in").count() == 0
    assert accessibility_violations(page) == []


@pytest.mark.a11y
def test_tapping_an_answer_never_moves_on_by_itself(page):
    start_session(page, "primary")
    page.get_by_role("link", name="Let's start").click()
    url = page.url
    page.locator(".card").first.click()
    page.wait_for_timeout(300)
    assert page.url == url


@pytest.mark.a11y
@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (TABLET, "tablet")])
def test_question_pages_pass_the_accessibility_checks_at_phone_and_tablet_size(
    browser, live_app, viewport, size
):
    context = browser.new_context(viewport=viewport, base_url=live_app.url)
    page = context.new_page()
    start_session(page, "primary")
    assert accessibility_violations(page) == []
    screenshot(page, f"primary-start-{size}")
    page.get_by_text("Who will see my answers?").click()  # one tap opens the words
    assert page.get_by_text("People who work with Sam Taylor may read them too.").is_visible()
    assert accessibility_violations(page) == []
    screenshot(page, f"primary-who-will-see-{size}")
    page.get_by_role("link", name="Let's start").click()
    seen_types = set()
    for _ in range(80):
        if not on_question_page(page):
            break
        kind = (
            page.locator(".cards").first.get_attribute("class") if page.locator(".cards").count() else "words"
        )
        if kind not in seen_types:
            seen_types.add(kind)
            assert accessibility_violations(page) == [], page.url
            screenshot(page, f"primary-{len(seen_types)}-{size}")
        page.get_by_role("button", name="Skip this one").click()
    assert "/review" in page.url
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="That's my day – finish").click()
    page.wait_for_url("**/thanks")
    assert accessibility_violations(page) == []
    screenshot(page, f"thanks-{size}")
    context.close()


@pytest.mark.a11y
def test_an_error_is_announced_and_linked_from_a_summary(page):
    start_session(page, "primary")
    page.get_by_role("link", name="Let's start").click()
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("alert").get_by_text("Choose an answer").is_visible()
    expect(page).to_have_title(re.compile(r"^Error:"))  # waits for the page to arrive
    assert accessibility_violations(page) == []


@pytest.mark.a11y
def test_read_aloud_reads_the_question_in_the_page_language(page):
    page.add_init_script(
        """
        window.__spoken = [];
        window.speechSynthesis.getVoices = () => [{name: "Daniel", lang: "en-GB"}];  // headless has none
        window.SpeechSynthesisUtterance = function (text) { this.text = text; };
        window.speechSynthesis.speak = (u) => window.__spoken.push({text: u.text, lang: u.lang});
        """
    )
    start_session(page, "primary")
    page.get_by_role("link", name="Let's start").click()
    page.get_by_role("button", name="Read it to me").click()
    spoken = page.evaluate("window.__spoken")
    assert spoken and "Who wakes you up?" in spoken[0]["text"] and spoken[0]["lang"] == "en"
