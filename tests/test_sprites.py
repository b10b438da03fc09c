"""A question page draws its pictures from two sprites instead of twenty files: fewer requests for a school's
network, the same pictures."""

import re

from tests.answering.test_my_day import session_id  # noqa: F401  (a fixture)


def test_a_question_page_draws_every_picture_from_its_sprites(client, session_id):  # noqa: F811
    page = client.get(f"/day/{session_id}/school-day/who_wakes_you").text
    assert "<img" not in page.split("<main", 1)[1] and 'src="/static/pictures/' not in page
    uses = re.findall(r'<use href="([^"#]+)#([a-z0-9-]+)"', page)
    sprites = {address for address, _name in uses}
    assert len(sprites) == 2  # what every question shows, and this question's answers
    for address in sprites:
        answer = client.get(address, headers={"Accept-Encoding": "br"})
        assert answer.status_code == 200 and answer.mimetype == "image/svg+xml"
        assert answer.headers["Content-Encoding"] == "br" and "immutable" in answer.headers["Cache-Control"]
        plain = client.get(address).text
        for drawn in [name for found, name in uses if found == address]:
            assert f'<symbol id="{drawn}" viewBox=' in plain


def test_a_picture_s_own_ids_are_made_its_own_in_a_sprite(app):
    from dayinmylife.web.sprites import _sprite

    sprite = _sprite(app.static_folder + "/pictures", ("eleven-oclock", "teacher"))
    ids = re.findall(r'\bid="([^"]+)"', sprite)
    assert len(ids) == len(set(ids)) and ids[:1] == ["eleven-oclock"]
    for reference in re.findall(r"url\(#([^)]+)\)", sprite):
        assert reference in ids


def test_a_sprite_of_no_questionnaire_or_question_is_not_found(client):
    for address in ("/pictures/primary/no_such_question.svg", "/pictures/nonsense/every-question.svg"):
        assert client.get(address).status_code == 404
    assert client.get("/pictures/primary/every-question.svg").status_code == 200


def test_every_weekend_question_and_yes_no_answer_needs_no_sprite_of_its_own(client, session_id):  # noqa: F811
    page = client.get(f"/day/{session_id}/any-day/waking_up.weekend_different").text
    assert len(set(re.findall(r'<use href="([^"#]+)#', page))) == 1


def test_a_question_page_s_icon_is_its_questionnaire_s_sprite_showing_the_sunrise(client, session_id):  # noqa: F811
    """The browser fetches a page's icon too: the sprite the page has already loaded costs no request."""
    page = client.get(f"/day/{session_id}/school-day/who_wakes_you").text
    icon = re.search(r'<link rel="icon" href="([^"]+)"', page).group(1)
    assert re.search(rf'<use href="{re.escape(icon)}#sunrise"', page)
    assert (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><use href="#sunrise"/>'
        in client.get(icon).text
    )


def test_other_pages_keep_the_sunrise_as_their_icon(client):
    page = client.get("/join/").text
    assert re.search(r'<link rel="icon" href="/static/pictures/sunrise\.svg\?v=[0-9a-f]{12}"', page)
