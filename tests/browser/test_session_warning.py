"""The warning before the idle timeout, in a real browser with the page's clock moved on."""

import pytest

from tests.browser.conftest import accessibility_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.a11y]  # each checks WCAG 2.2 AA


def test_the_warning_shows_before_the_idle_timeout_and_stay_signed_in_keeps_the_session(page):
    page.clock.install()
    sign_in(page)
    page.wait_for_url(lambda url: "/sign-in" not in url)
    page.wait_for_load_state("load")  # the page's script has set its timers before the clock moves on
    warning = page.locator(".session-warning")
    assert warning.is_hidden()
    page.clock.run_for("27:00")
    assert warning.is_hidden()
    page.clock.run_for("01:01")  # two minutes before the 30-minute idle timeout
    assert warning.is_visible() and "signed out in 2 minutes" in warning.inner_text()
    assert accessibility_violations(page) == []
    with page.expect_response("**/session/keep-alive") as kept:
        page.get_by_role("button", name="Stay signed in").click()
    assert kept.value.status == 204
    assert warning.is_hidden()
