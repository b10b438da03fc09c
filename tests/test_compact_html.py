"""Pages without their templates' indentation and empty lines (web/compact_html.py): fewer bytes, the same page."""

import re

from dayinmylife.web.compact_html import CompactHtml
from tests.answering.test_my_day import session_id  # noqa: F401  (a fixture)

PAGES = (
    "/day/{session}/",
    "/day/{session}/school-day/who_wakes_you",
    "/day/{session}/school-day/mornings_own_words",
)


def _pages(client, session: int) -> list[str]:
    answers = [client.get(page.format(session=session)) for page in PAGES]
    assert [answer.status_code for answer in answers] == [200] * len(PAGES)
    pages = [answer.text for answer in answers]
    # What changes from one second to the next: the CSRF token (signed afresh), the session's time left
    return [re.sub(r'(name="csrf_token" value|seconds-left)="[^"]+"', "", page) for page in pages]


def test_pages_lose_their_indentation_and_empty_lines_but_nothing_they_show(
    app,
    client,
    session_id,  # noqa: F811
    monkeypatch,
):
    compact = _pages(client, session_id)
    monkeypatch.setattr(CompactHtml, "preprocess", lambda self, source, name, filename=None: source)
    app.jinja_env.cache.clear()
    app.extensions["kept_parts"].clear()
    as_written = _pages(client, session_id)
    for small, large in zip(compact, as_written, strict=True):
        assert len(small) < len(large)
        assert not re.search(r"\n[ \t]", small)
        # HTML shows any run of spaces and line breaks as one space: so every page shows the same
        assert re.sub(r"\s+", " ", small).strip() == re.sub(r"\s+", " ", large).strip()
