"""Static files: versioned addresses cached for a year, text compressed for browsers that accept it, pages not."""

import gzip
import re
from pathlib import Path

import brotli

STATIC = Path(__file__).resolve().parents[1] / "static"


def _get(client, url, **kwargs):
    """Fetch and close (a static file is sent from an open file)."""
    with client.get(url, **kwargs) as response:
        response.get_data()
        return response


def _stylesheet_url(client) -> str:
    html = client.get("/join/").get_data(as_text=True)
    return re.search(r'href="(/static/css/app\.css\?v=[0-9a-f]+)"', html).group(1)


def test_pages_link_static_files_by_a_version_of_their_content(client):
    html = client.get("/join/").get_data(as_text=True)
    assert re.search(r'/static/css/app\.css\?v=[0-9a-f]{12}"', html)
    assert re.search(r'/static/pictures/sunrise\.svg\?v=[0-9a-f]{12}"', html)


def test_a_versioned_file_is_cached_for_a_year(client):
    response = _get(client, _stylesheet_url(client))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_an_unversioned_or_outdated_address_is_not_cached_for_long(client):
    for url in ("/static/css/app.css", "/static/css/app.css?v=000000000000"):
        assert "immutable" not in _get(client, url).headers.get("Cache-Control", "")


def test_text_files_are_sent_as_brotli_to_browsers_that_accept_it(client):
    response = _get(client, _stylesheet_url(client), headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert brotli.decompress(response.data) == (STATIC / "css" / "app.css").read_bytes()
    assert int(response.headers["Content-Length"]) == len(response.data)


def test_text_files_are_gzipped_for_browsers_that_accept_only_gzip(client):
    response = _get(client, _stylesheet_url(client), headers={"Accept-Encoding": "gzip, deflate"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.data) == (STATIC / "css" / "app.css").read_bytes()


def test_each_encoding_has_its_own_etag(client):
    tags = {
        _get(client, "/static/js/read-aloud.js", headers={"Accept-Encoding": encoding}).headers["ETag"]
        for encoding in ("br", "gzip", "identity")
    }
    assert len(tags) == 3


def test_browsers_that_do_not_accept_gzip_get_the_plain_file(client):
    response = _get(client, _stylesheet_url(client))
    assert "Content-Encoding" not in response.headers
    assert response.data == (STATIC / "css" / "app.css").read_bytes()


def test_pictures_are_compressed_but_fonts_are_sent_as_they_are(client):
    svg = _get(client, "/static/pictures/sunrise.svg", headers={"Accept-Encoding": "gzip, br"})
    assert svg.headers["Content-Encoding"] == "br"
    font = _get(client, "/static/fonts/andika-400.woff2", headers={"Accept-Encoding": "gzip, br"})
    assert font.status_code == 200 and "Content-Encoding" not in font.headers


def test_fonts_are_linked_from_the_stylesheet_by_versioned_addresses_and_cached_for_a_year(client):
    """The @font-face rules are in app.css (scripts/vendor_assets.py writes them): no fonts.css to fetch."""
    stylesheet = (STATIC / "css" / "app.css").read_text()
    addresses = re.findall(r'url\("([^"]+)"\)', stylesheet)
    assert addresses and all(
        re.fullmatch(r"\.\./fonts/[a-z0-9-]+\.woff2\?v=[0-9a-f]{12}", url) for url in addresses
    )
    assert {re.search(r"fonts/([a-z0-9-]+)\.woff2", url).group(1) for url in addresses} == {
        path.stem for path in (STATIC / "fonts").glob("*.woff2") if "-record-" not in path.name
    }  # a record's (PDF) whole fonts are in css/record-fonts.css
    for address in addresses:
        response = _get(client, f"/static/css/{address}")
        assert response.status_code == 200, address
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable", address


def test_a_question_page_needs_only_small_fonts(client):
    """Latin fonts are cut to what an English page shows, the accented letters apart (scripts/vendor_assets.py)."""
    for font in ("andika-400", "atkinson-400"):
        assert (STATIC / "fonts" / f"{font}.woff2").stat().st_size < 7_500, font
    for font in ("andika-latin-ext-400", "atkinson-latin-ext-400"):
        assert (STATIC / "fonts" / f"{font}.woff2").stat().st_size < 11_000, font


def test_the_childrens_font_has_every_letter_english_welsh_and_polish_need():
    from fontTools.ttLib import TTFont

    letters = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?'’“”()–")
    letters |= set("âêîôûŵŷàèìòùẁỳáéíóúẃýäëïöüẅÿÂÊÎÔÛŴŶ") | set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
    covered = set()
    for font in ("andika-400", "andika-latin-ext-400"):
        covered |= {chr(code) for code in TTFont(STATIC / "fonts" / f"{font}.woff2").getBestCmap()}
    assert letters <= covered, "".join(sorted(letters - covered))


def test_pages_are_never_compressed_because_they_carry_a_csrf_token(client):
    response = client.get("/join/", headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def _child_page_classes() -> set[str]:
    """Every class a child's pages can carry: their templates' class attributes and what the scripts add."""
    templates = STATIC.parent / "templates"
    text = "\n".join(
        path.read_text() for folder in ("my_day", "join") for path in (templates / folder).glob("*.html")
    )
    attributes = re.findall(r'class="([^"]*)"', text) + re.findall(
        r"{% block \w+_class %}(.*?){% endblock %}", text
    )
    scripts = "\n".join(path.read_text() for path in (STATIC / "js").glob("*.js"))
    return set(re.findall(r"[a-z][\w-]*", " ".join(attributes))) | set(
        re.findall(r'"([a-z][\w-]*)"', scripts)
    )


def _selectors(prelude: str) -> list[str]:
    """A selector list's selectors (a comma inside :is() or :not() is not one of its commas)."""
    selectors, depth, start = [], 0, 0
    for at, char in enumerate(prelude):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            selectors.append(prelude[start:at])
            start = at + 1
    return [*selectors, prelude[start:]]


def test_practitioner_css_styles_nothing_only_a_childs_page_shows():
    """A child answering on their own loads app.css alone (base.html): their pages' rules must be there."""
    import tinycss2

    child = _child_page_classes()
    stylesheet = tinycss2.parse_stylesheet((STATIC / "css" / "practitioner.css").read_text(), True, True)
    rules = [rule for rule in stylesheet if rule.type == "qualified-rule"]
    for block in (rule for rule in stylesheet if rule.type == "at-rule" and rule.content):
        rules += [
            rule
            for rule in tinycss2.parse_rule_list(block.content, True, True)
            if rule.type == "qualified-rule"
        ]
    for rule in rules:
        for selector in _selectors(tinycss2.serialize(rule.prelude)):
            classes = set(re.findall(r"\.([a-zA-Z][\w-]*)", selector))
            assert classes and not classes <= child, selector.strip()


def test_a_child_answering_alone_loads_one_stylesheet_and_signed_in_people_two(client):
    join = client.get("/join/").text
    assert re.search(r'/static/css/app\.css\?v=[0-9a-f]{12}"', join) and "practitioner.css" not in join
    sign_in = client.get("/sign-in").text
    assert re.search(
        r'css/app\.css\?v=[0-9a-f]{12}">\s*<link rel="stylesheet" href="/static/css/practitioner\.css',
        sign_in,
    )
