"""Every child in their own language: complete catalogs, the choice of language, right to left, one set of
answers read in any language."""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import session

from dayinmylife import store
from dayinmylife.vocabulary import LANGUAGES
from dayinmylife.web.i18n import TRANSLATIONS, compile_catalogs
from dayinmylife.web.page_language import select_locale
from tests.conftest import csrf_token

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = {
    language: TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    for language in LANGUAGES
    if language != "en"
}
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def text_of(response) -> str:
    return html.unescape(response.text)


def page_language(response) -> tuple[str, str]:
    found = re.search(r'<html lang="([^"]+)" dir="([^"]+)">', response.text)
    return found.group(1), found.group(2)


def read_catalog(path: Path):
    with path.open("rb") as source:
        return read_po(source)


# The catalogs: complete, placeholders intact, compiling


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """Extract every message afresh, so a string added anywhere today fails until it is translated."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [
            str(pybabel),
            "-q",
            "extract",
            "-F",
            "translations/babel.cfg",
            "-k",
            "_l",
            "-k",
            "N_",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    return read_catalog(pot)


def test_welsh_polish_and_urdu_are_shipped():
    assert set(CATALOGS) == {"cy", "pl", "ur"}
    assert all(path.exists() for path in CATALOGS.values())


@pytest.mark.parametrize("language", sorted(CATALOGS))
def test_every_message_is_translated_and_none_is_fuzzy(template, language):
    catalog = read_catalog(CATALOGS[language])
    missing, fuzzy, empty = [], [], []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        if found is None:
            missing.append(message.id)
        elif found.fuzzy:
            fuzzy.append(message.id)
        elif not all(form.strip() for form in _forms(found)):
            empty.append(message.id)
    assert not missing, f"{language}: {len(missing)} messages not in the catalog, e.g. {missing[:5]}"
    assert not fuzzy, f"{language}: fuzzy: {fuzzy[:5]}"
    assert not empty, f"{language}: untranslated: {empty[:5]}"
    assert not catalog.fuzzy


@pytest.mark.parametrize("language", sorted(CATALOGS))
def test_every_plural_has_all_its_forms(language):
    catalog = read_catalog(CATALOGS[language])
    plurals = [message for message in catalog if message.pluralizable]
    assert plurals, "the app has plural messages"
    for message in plurals:
        assert len(message.string) == catalog.num_plurals, message.id


@pytest.mark.parametrize("language", sorted(CATALOGS))
def test_placeholders_are_the_same_in_every_translation(language):
    catalog = read_catalog(CATALOGS[language])
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        wanted = [sorted(PLACEHOLDER.findall(text)) for text in ids]
        for form in _forms(message):
            assert sorted(PLACEHOLDER.findall(form)) in wanted, f"{language}: {message.id!r} -> {form!r}"


@pytest.mark.parametrize("language", sorted(CATALOGS))
def test_each_catalog_compiles_without_errors(language):
    catalog = read_catalog(CATALOGS[language])
    problems = [(message.id, errors) for message, errors in catalog.check()]
    assert not problems


def test_catalogs_are_compiled_when_missing_or_older_than_their_source(tmp_path):
    source = tmp_path / "cy" / "LC_MESSAGES" / "messages.po"
    source.parent.mkdir(parents=True)
    source.write_bytes(CATALOGS["cy"].read_bytes())
    assert compile_catalogs(tmp_path) == [source.with_suffix(".mo")]
    assert compile_catalogs(tmp_path) == []
    later = source.with_suffix(".mo").stat().st_mtime + 10
    os.utime(source, (later, later))
    assert compile_catalogs(tmp_path) == [source.with_suffix(".mo")]


def _forms(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


# Choosing a language: a child's session, then a choice, the practitioner's preference, the browser, English


@pytest.mark.parametrize(
    ("accept", "chosen", "expected"),
    [
        (None, None, "en"),
        ("pl-PL,pl;q=0.9,en;q=0.5", None, "pl"),
        ("fr-FR, ur;q=0.7", None, "ur"),
        ("fr-FR, de", None, "en"),
        ("pl", "cy", "cy"),
        ("pl", "xx", "pl"),
    ],
)
def test_the_language_follows_a_choice_then_the_browser_then_english(app, accept, chosen, expected):
    headers = {"Accept-Language": accept} if accept else {}
    with app.test_request_context("/sign-in", headers=headers):
        if chosen:
            session["language"] = chosen
        assert select_locale() == expected


def test_a_browser_asking_for_polish_gets_the_sign_in_page_in_polish(client):
    response = client.get("/sign-in", headers={"Accept-Language": "pl,en;q=0.5"})
    assert page_language(response) == ("pl", "ltr")
    assert "Zaloguj się" in text_of(response)


def test_a_practitioners_saved_language_comes_before_the_browsers(client, practitioners, signed_in):
    practitioners.post("/settings", {"language": "cy"})
    response = client.get("/", headers={"Accept-Language": "pl"})
    assert page_language(response) == ("cy", "ltr")
    assert "Fy mhlant" in text_of(response)  # "My children"


def test_a_choice_in_this_browser_comes_before_the_saved_language(client, practitioners, signed_in):
    practitioners.post("/settings", {"language": "cy"})
    with client.session_transaction() as browser:
        browser["language"] = "pl"
    assert page_language(client.get("/")) == ("pl", "ltr")


def test_the_settings_page_is_in_the_header_and_saves_the_language(client, db, practitioners, signed_in):
    page = client.get("/")
    assert 'href="/settings"' in page.text
    settings = client.get("/settings")
    for name in ("English", "Cymraeg", "Polski", "اردو"):
        assert name in text_of(settings)
    response = practitioners.post("/settings", {"language": "ur"})
    assert response.status_code == 302
    assert store.users.user_by_id(db, signed_in)["language"] == "ur"
    saved = client.get(response.location)
    assert page_language(saved) == ("ur", "rtl") and "آپ کی ترتیبات محفوظ ہو گئی ہیں" in text_of(saved)
    practitioners.post("/settings", {"language": ""})
    assert store.users.user_by_id(db, signed_in)["language"] is None
    assert page_language(client.get("/", headers={"Accept-Language": "pl"})) == ("pl", "ltr")


def test_an_unknown_language_is_refused_on_the_settings_page(client, db, practitioners, signed_in):
    response = practitioners.post("/settings", {"language": "xx"})
    assert response.status_code == 400 and "error-summary" in response.text
    assert store.users.user_by_id(db, signed_in)["language"] is None


# The child's language is part of their session


@pytest.fixture
def leo(db, signed_in, child_of):
    return child_of(signed_in, "Leo")


def test_the_practitioner_sets_the_childs_language_when_starting_a_session(client, db, practitioners, leo):
    form = text_of(client.get(f"/children/{leo}/sessions/new"))
    assert '<option lang="ur" value="ur">اردو</option>' in form
    response = practitioners.post(
        f"/children/{leo}/sessions/new", {"questionnaire": "primary", "language": "pl"}
    )
    session_id = int(response.location.strip("/").split("/")[-1])
    assert store.sessions.session_by_id(db, session_id)["language"] == "pl"
    start = client.get(f"/day/{session_id}/")
    assert page_language(start) == ("pl", "ltr")
    assert "Opowiedz nam o swoim dniu" in text_of(start)


def test_the_next_session_starts_in_the_language_of_the_last_one(client, db, leo, questionnaires, signed_in):
    store.sessions.start_session(db, leo, questionnaires["primary"], signed_in, language="cy")
    form = client.get(f"/children/{leo}/sessions/new").text
    assert '<option lang="cy" selected value="cy">Cymraeg</option>' in form


def test_a_childs_pages_speak_the_sessions_language_whatever_the_practitioner_reads(
    client, db, practitioners, leo, questionnaires, signed_in
):
    practitioners.post("/settings", {"language": "pl"})
    session_id = store.sessions.start_session(db, leo, questionnaires["primary"], signed_in, language="cy")
    question = client.get(f"/day/{session_id}/school-day/who_wakes_you")
    assert page_language(question) == ("cy", "ltr")
    assert page_language(client.get(f"/sessions/{session_id}")) == ("pl", "ltr")
    with client.session_transaction() as browser:
        browser["language"] = "ur"  # even a choice made in this browser
    assert page_language(client.get(f"/day/{session_id}/review")) == ("cy", "ltr")
    assert page_language(client.get(f"/sessions/{session_id}")) == ("ur", "rtl")


def test_the_child_chooses_their_language_on_the_first_page(client, db, practitioners, leo):
    response = practitioners.post(f"/children/{leo}/sessions/new", {"questionnaire": "primary"})
    session_id = int(response.location.strip("/").split("/")[-1])
    start = client.get(f"/day/{session_id}/")
    for code, name in LANGUAGES.items():
        assert f'name="language" value="{code}" lang="{code}"' in start.text and name in text_of(start)
    chosen = practitioners.post(
        f"/day/{session_id}/language", {"language": "ur"}, token_from=f"/day/{session_id}/"
    )
    assert chosen.location == f"/day/{session_id}/"
    assert store.sessions.session_by_id(db, session_id)["language"] == "ur"
    again = client.get(chosen.location)
    assert page_language(again) == ("ur", "rtl") and "ہمیں اپنے دن کے بارے میں بتائیں" in text_of(again)
    assert 'value="ur" lang="ur" dir="rtl" aria-current="true"' in again.text
    # The device was the practitioner's: once they take it back, their own pages are as before.
    with client.session_transaction() as browser:
        assert "language" not in browser


def test_the_language_cannot_change_once_answers_are_written(
    client, db, practitioners, leo, questionnaires, signed_in
):
    session_id = store.sessions.start_session(db, leo, questionnaires["primary"], signed_in, language="pl")
    store.sessions.save_answer(db, session_id, "mornings_own_words", "school", "Mama mnie budzi")
    practitioners.post(
        f"/day/{session_id}/language", {"language": "en"}, token_from=f"/day/{session_id}/review"
    )
    assert store.sessions.session_by_id(db, session_id)["language"] == "pl"


def test_an_unknown_language_changes_nothing(client, db, practitioners, leo, questionnaires, signed_in):
    session_id = store.sessions.start_session(db, leo, questionnaires["primary"], signed_in, language="pl")
    response = practitioners.post(
        f"/day/{session_id}/language", {"language": "xx"}, token_from=f"/day/{session_id}/"
    )
    assert response.status_code == 302
    assert store.sessions.session_by_id(db, session_id)["language"] == "pl"


def test_a_young_person_on_their_own_device_keeps_their_language_beyond_the_questions(
    app, db, leo, questionnaires, signed_in
):
    session_id = store.sessions.start_session(db, leo, questionnaires["teenager"], signed_in)
    young_person = app.test_client()
    with young_person.session_transaction() as browser:
        browser["grants"] = {str(session_id): {"consultation": 0}}  # as a consultation code lets them in
    token = csrf_token(young_person.get(f"/day/{session_id}/").text)
    young_person.post(f"/day/{session_id}/language", data={"language": "pl", "csrf_token": token})
    assert page_language(young_person.get(f"/day/{session_id}/")) == ("pl", "ltr")
    assert page_language(young_person.get("/sign-in")) == ("pl", "ltr")


# A Welsh and an Urdu child see the questions, the buttons and the answers in their language


def test_a_welsh_question_page(client, db, leo, questionnaires, signed_in):
    session_id = store.sessions.start_session(db, leo, questionnaires["primary"], signed_in, language="cy")
    page = text_of(client.get(f"/day/{session_id}/school-day/who_wakes_you"))
    assert "Pwy sy'n dy ddeffro di?" in page  # the question
    assert "Larwm" in page and "Rydw i'n deffro ar fy mhen fy hun" in page  # its answers
    assert "Dydw i ddim yn gwybod" in page and "Hepgor hwn" in page and "Ymlaen" in page  # the buttons
    assert "Ar ddiwrnod ysgol" in page and "Darllena fe i mi" in page
    assert "Who wakes you up?" not in page


def test_an_urdu_question_page_reads_right_to_left(client, db, leo, questionnaires, signed_in):
    session_id = store.sessions.start_session(db, leo, questionnaires["primary"], signed_in, language="ur")
    response = client.get(f"/day/{session_id}/school-day/who_wakes_you")
    page = text_of(response)
    assert page_language(response) == ("ur", "rtl")
    assert "آپ کو کون جگاتا ہے؟" in page and "الارم" in page
    assert "مجھے نہیں معلوم" in page and "یہ چھوڑ دیں" in page and "آگے چلیں" in page
    assert 'data-no-voice="معاف کیجیے، یہ آلہ اردو پڑھ کر نہیں سنا سکتا"' in page


def test_a_wrong_answer_is_explained_in_the_childs_language(
    client, db, practitioners, leo, questionnaires, signed_in
):
    session_id = store.sessions.start_session(db, leo, questionnaires["primary"], signed_in, language="pl")
    url = f"/day/{session_id}/school-day/who_wakes_you"
    response = practitioners.post(url, {"action": "continue"})
    assert response.status_code == 400
    assert "Wybierz odpowiedź albo naciśnij „Pomiń to pytanie”." in text_of(response)


# One set of answers, any language


@pytest.fixture
def answered_in_polish(db, leo, questionnaires, signed_in):
    primary = questionnaires["primary"]
    session_id = store.sessions.start_session(
        db, leo, primary, signed_in, language="pl", started_at="2026-05-03T10:00:00+00:00"
    )
    store.sessions.save_answer(db, session_id, "who_wakes_you", "school", "alarm")
    store.sessions.save_answer(db, session_id, "mornings_own_words", "school", "Mama robi mi kanapki <3")
    store.sessions.save_answer(db, session_id, "feeling_at_school", "once", "happy")
    store.sessions.finish_session(db, session_id)
    earlier = store.sessions.start_session(
        db, leo, primary, signed_in, started_at="2026-02-03T10:00:00+00:00"
    )
    store.sessions.save_answer(db, earlier, "who_wakes_you", "school", "myself")
    store.sessions.finish_session(db, earlier)
    return session_id


def test_a_session_answered_in_polish_reads_in_english_for_the_practitioner(client, leo, answered_in_polish):
    for url in (
        f"/sessions/{answered_in_polish}",
        f"/sessions/{answered_in_polish}/print",
        f"/children/{leo}/compare",
        f"/children/{leo}/history",
    ):
        response = client.get(url)
        page = text_of(response)
        assert response.status_code == 200 and page_language(response) == ("en", "ltr"), url
        assert "An alarm" in page, url  # the answer, stored as an id, in the reader's language
        assert "Budzik" not in page, url
    session_page = text_of(client.get(f"/sessions/{answered_in_polish}"))
    assert "Mama robi mi kanapki <3" in session_page  # their own words, as written
    assert "(written in Polski)" in session_page
    assert (
        '<blockquote class="own-words" lang="pl" dir="auto">'
        in client.get(f"/sessions/{answered_in_polish}").text
    )


def test_the_same_session_reads_in_welsh_for_a_welsh_practitioner(client, practitioners, answered_in_polish):
    practitioners.post("/settings", {"language": "cy"})
    page = text_of(client.get(f"/sessions/{answered_in_polish}"))
    assert "Larwm" in page and "(wedi'i ysgrifennu yn Polski)" in page


def test_own_words_in_the_pages_language_are_not_marked(client, db, leo, questionnaires, signed_in):
    session_id = store.sessions.start_session(db, leo, questionnaires["primary"], signed_in)
    store.sessions.save_answer(db, session_id, "mornings_own_words", "school", "Mum makes toast")
    page = text_of(client.get(f"/sessions/{session_id}"))
    assert "Mum makes toast" in page and "written in" not in page


def test_the_child_reviews_their_polish_answers_in_polish(client, db, leo, questionnaires, signed_in):
    session_id = store.sessions.start_session(db, leo, questionnaires["primary"], signed_in, language="pl")
    store.sessions.save_answer(db, session_id, "who_wakes_you", "school", "alarm")
    store.sessions.save_answer(db, session_id, "mornings_own_words", "school", "Mama robi mi kanapki <3")
    page = text_of(client.get(f"/day/{session_id}/review"))
    assert "Budzik" in page and "Mama robi mi kanapki <3" in page and "written in" not in page


# Every page says its language and direction


PRACTITIONER_PAGES = [
    "/",
    "/settings",
    "/children/new",
    "/children/{child}",
    "/children/{child}/sessions/new",
    "/sessions/{session}",
    "/sessions/{session}/print",
    "/children/{child}/compare",
    "/children/{child}/compare/print",
    "/children/{child}/history",
    "/children/{child}/history/print",
    "/children/{child}/accounts",
    "/children/{child}/outcomes/new",
    "/children/{child}/everything",
    "/children/{child}/erase",
]
CHILD_PAGES = [
    "/day/{fresh}/",
    "/day/{fresh}/school-day/who_wakes_you",
    "/day/{fresh}/review",
    "/day/{session}/thanks",
    "/day/{session}/sent",
    "/day/{session}/help",
    "/day/{session}/stop",
]


@pytest.mark.parametrize(
    ("language", "direction"), [("en", "ltr"), ("cy", "ltr"), ("pl", "ltr"), ("ur", "rtl")]
)
def test_every_page_says_its_language_and_direction(
    client, db, practitioners, leo, answered_in_polish, questionnaires, signed_in, language, direction
):
    practitioners.post("/settings", {"language": language})
    fresh = store.sessions.start_session(db, leo, questionnaires["primary"], signed_in, language=language)
    store.sessions.set_session_language(db, answered_in_polish, language)
    for url in PRACTITIONER_PAGES + CHILD_PAGES:
        url = url.format(child=leo, session=answered_in_polish, fresh=fresh)
        response = client.get(url)
        assert response.status_code == 200, url
        assert page_language(response) == (language, direction), url
    client.post("/sign-out", data={"csrf_token": csrf_token(client.get("/").text)})
    for url in ("/sign-in", "/join/", "/no-such-page"):
        response = client.get(url, headers={"Accept-Language": language})
        assert page_language(response) == (language, direction), url


def test_the_back_links_chevron_is_mirrored_by_the_bidi_algorithm_not_swapped_twice():
    import unicodedata
    from pathlib import Path

    css = (Path(__file__).resolve().parents[1] / "static/css/app.css").read_text()
    assert '.back-link::before { content: "‹ "; }' in css
    assert unicodedata.mirrored("‹")  # an Urdu page shows it as › by itself
    assert '[dir="rtl"] .back-link' not in css  # swapping it too turned it back the wrong way


@pytest.mark.parametrize(
    "page", ["/sessions/{session}", "/sessions/{session}/print", "/children/{leo}/history/print"]
)
def test_pages_name_the_questionnaire_in_the_readers_language_not_by_its_id(
    client, db, leo, questionnaires, signed_in, page
):
    session_id = store.sessions.start_session(db, leo, questionnaires["primary"], signed_in)
    store.sessions.save_answer(db, session_id, "who_wakes_you", "school", "alarm")
    store.sessions.finish_session(db, session_id)
    shown = client.get(page.format(session=session_id, leo=leo), headers={"Accept-Language": "pl"}).text
    named = re.search(r"<dt>Kwestionariusz</dt><dd>([^<]*)</dd>", shown).group(1)
    assert named.startswith("Mój dzień") and "primary" not in named
