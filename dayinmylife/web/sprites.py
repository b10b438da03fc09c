"""A question page's pictures in two files instead of twenty (issue 20: 300 tablets start at once on a school's
network, and each request costs about as much in headers as a picture does in bytes).

One sprite holds what every question of a questionnaire shows (its parts, the chrome, "I don't know"), fetched
once for the whole session; another holds one question's own answers. Each picture is a <symbol>, drawn where the
page wants it with <use>. A sprite's address names its questionnaire and question and carries a hash of its
pictures' files, so it is cached for a year and changes when a picture does. Other pages keep plain <img>s.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from flask import Response, abort, current_app, g, has_request_context, request, url_for

from dayinmylife.questionnaire.builtins import ALWAYS_OFFERED, YES_NO
from dayinmylife.questionnaire.model import Question, Questionnaire
from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.web.static_files import ONE_YEAR, compressed_for, static_version

EVERY_QUESTION = "every-question"
ICON = "sunrise"  # the app's icon, and one of the pictures every question page shows
# What every question page shows besides its parts and its answers (and "is the weekend different?", yes or no).
CHROME = (
    ICON,
    "raising-hands",
    "pencil",
    "stop-sign",
    "school",
    "house-with-garden",
    "speaker-high-volume",
)


def every_question(questionnaire: Questionnaire) -> tuple[str, ...]:
    pictures = (
        *CHROME,
        *(part.picture for part in questionnaire.parts),
        *(option.picture for option in (*ALWAYS_OFFERED, *YES_NO)),
    )
    return tuple(sorted(set(pictures)))


def own(questionnaire: Questionnaire, question: Question) -> tuple[str, ...]:
    """A question's answers' pictures; for a picture sorted on a board, every picture of its board too."""
    shared = set(every_question(questionnaire))
    pictures = {option.picture for option in question.options}
    if question.board:
        pictures |= {questionnaire.questions_by_id[item].picture for item in question.board.items}
    return tuple(sorted(pictures - shared))


def use_question_sprites(questionnaire: Questionnaire, question: Question) -> None:
    """Draw this question page's pictures from its questionnaire's sprite and its question's."""
    key = (questionnaire.id, questionnaire.version, question.id, request.script_root)
    kept = current_app.extensions.setdefault("question_sprites", {})
    if key not in kept or current_app.debug:  # in debug mode an edited picture gets its new address at once
        kept[key] = _question_sprites(questionnaire, question)
    g.sprites, g.sprites_key = kept[key], key


def _question_sprites(questionnaire: Questionnaire, question: Question) -> dict[str, str]:
    """Each picture of a question page, with the address of the sprite that holds it."""
    sprites = {}
    for which, names in (
        (EVERY_QUESTION, every_question(questionnaire)),
        (question.id, own(questionnaire, question)),
    ):
        if names:
            address = url_for("sprite", questionnaire_id=questionnaire.id, which=which, v=_version(names))
            sprites.update(dict.fromkeys(names, address))
    return sprites


def sprite(questionnaire_id: str, which: str):
    """A questionnaire's sprite, or one question's, compressed and cached for a year."""
    questionnaire = all_questionnaires().get(questionnaire_id)
    if questionnaire is None:
        abort(404)
    if which == EVERY_QUESTION:
        names = every_question(questionnaire)
    elif which in questionnaire.questions_by_id:
        names = own(questionnaire, questionnaire.questions_by_id[which])
    else:
        abort(404)
    folder = str(Path(current_app.static_folder) / "pictures")
    shown = ICON if which == EVERY_QUESTION else None
    body, encoding = compressed_for(_sprite(folder, names, shown).encode(), "image/svg+xml")
    response = Response(body, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    response.headers["Vary"] = "Accept-Encoding"
    if encoding:
        response.headers["Content-Encoding"] = encoding
    return response


def _version(names: tuple[str, ...]) -> str:
    versions = "".join(static_version(f"pictures/{name}.svg") or "" for name in names)
    return hashlib.sha256(versions.encode()).hexdigest()[:12]


def page_icon() -> str | None:
    """The address of a question page's icon: its questionnaire's sprite, which the page loads anyway and which
    shows the app's sunrise when drawn whole; None on other pages (base.html links the sunrise's own file)."""
    return g.get("sprites", {}).get(ICON) if has_request_context() else None


@lru_cache(maxsize=512)
def _sprite(folder: str, names: tuple[str, ...], shown: str | None = None) -> str:
    symbols = "".join(_symbol(Path(folder) / f"{name}.svg", name) for name in names)
    if shown is None:
        return f'<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>'
    # Drawn whole (as the page's icon) it shows one of its pictures; drawn by <use>, each symbol as before.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><use href="#{shown}"/>{symbols}</svg>'
    )


def _symbol(path: Path, name: str) -> str:
    """A picture's file as a <symbol> of its name; its own ids made the picture's, so no two pictures clash."""
    root = re.search(r"<svg\b([^>]*)>(.*)</svg>", path.read_text(encoding="utf-8"), re.S)
    view_box = re.search(r'viewBox="([^"]+)"', root.group(1)).group(1)
    inner = root.group(2)
    for own_id in re.findall(r'\bid="([^"]+)"', inner):
        made = f"{name}-{own_id}"
        inner = inner.replace(f'id="{own_id}"', f'id="{made}"').replace(f"url(#{own_id})", f"url(#{made})")
        inner = inner.replace(f'href="#{own_id}"', f'href="#{made}"')
    return f'<symbol id="{name}" viewBox="{view_box}">{inner}</symbol>'


def init_app(app) -> None:
    app.add_url_rule("/pictures/<questionnaire_id>/<which>.svg", "sprite", sprite)
    app.add_template_global(page_icon)
