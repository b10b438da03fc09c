"""Parts of a child's question page rendered once and kept (web/kept_parts.py) still follow the page: its
language, and the child a parent's account is asked about."""

import html
import re

from dayinmylife import store


def _progress_and_question(page: str) -> str:
    """The kept parts of a question page: the day's progress, and the question up to its answers (not the form's
    CSRF token between them, which is the page's own and changes with the second it was made)."""
    main = page.split('<nav class="day-progress"', 1)[1]
    return re.sub(r'name="csrf_token" value="[^"]*"', "", main.split('class="read-aloud"', 1)[0])


def test_the_same_question_kept_in_one_language_is_shown_in_another(
    client, db, practitioners, signed_in, child_of, questionnaires
):
    kept = {}
    for language in ("en", "cy", "en"):
        child = child_of(signed_in, name=f"Child {language}")
        session_id = store.sessions.start_session(
            db, child, questionnaires["primary"], signed_in, language=language
        )
        page = client.get(f"/day/{session_id}/school-day/who_wakes_you").text
        kept.setdefault(language, set()).add(_progress_and_question(page))
    assert len(kept["en"]) == 1 and kept["en"] != kept["cy"]
    assert "Who wakes you up?" in kept["en"].pop() and "Who wakes you up?" not in kept["cy"].pop()


def test_a_parent_s_kept_question_names_their_own_child(client, practitioners, signed_in, child_of):
    pages = {}
    for name in ("Leo", "Maya"):
        child = child_of(signed_in, name=name)
        started = practitioners.post(
            f"/children/{child}/sessions/new", {"questionnaire": "primary", "account": "parent_carer"}
        )
        session_id = int(started.location.split("/day/")[1].split("/")[0])
        pages[name] = html.unescape(client.get(f"/day/{session_id}/school-day/who_wakes_you").text)
    assert "Leo" in _progress_and_question(pages["Leo"]) and "Maya" not in pages["Leo"]
    assert "Maya" in _progress_and_question(pages["Maya"]) and "Leo" not in pages["Maya"]


def test_no_childs_name_is_kept_and_a_name_is_shown_as_text(app, client, practitioners, signed_in, child_of):
    child = child_of(signed_in, name="<b>Leo</b>")
    started = practitioners.post(
        f"/children/{child}/sessions/new", {"questionnaire": "primary", "account": "parent_carer"}
    )
    session_id = int(started.location.split("/day/")[1].split("/")[0])
    page = client.get(f"/day/{session_id}/school-day/who_wakes_you").text
    assert "Who wakes &lt;b&gt;Leo&lt;/b&gt; up?" in page and "<b>Leo</b>" not in page
    kept = app.extensions["kept_parts"].values()
    assert not any("Leo" in part for part in kept)
    assert any("Who wakes {name} up?" in part for part in kept)
