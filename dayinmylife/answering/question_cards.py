"""A question's picture cards as a child's page shows them, worked out once per question and language.

A question page shows a dozen or more cards, each a translated word (for a clock, a sentence built by the
`option_label` macro) beside a picture. Whole schools ask for the same few dozen questions in a lesson, so
each question's cards are built once per questionnaire version, question and language, and kept.
"""

from dataclasses import dataclass

from flask import current_app, g, get_template_attribute, request
from flask_babel import get_locale, gettext
from markupsafe import Markup

from dayinmylife.questionnaire.builtins import ALWAYS_OFFERED
from dayinmylife.questionnaire.model import Question, Questionnaire
from dayinmylife.web.i18n import child_name
from dayinmylife.web.static_files import picture_tag


@dataclass(frozen=True)
class Card:
    """One card: the value it sends, its word in the page's language and its picture."""

    value: str
    word: str
    picture: Markup


@dataclass(frozen=True)
class QuestionCards:
    """A question's own cards, and the small ones every question offers ("I don't know", ...)."""

    cards: tuple[Card, ...]
    always_offered: tuple[Card, ...]


def question_cards(questionnaire: Questionnaire, question: Question) -> QuestionCards:
    """The cards of a question in the page's language, built on the first page that asks for them (words for an
    adult's account keep `{name}`, filled in with this page's child)."""
    key = (
        questionnaire.id,
        questionnaire.version,
        questionnaire.wording,
        question.id,
        g.get("sprites_key"),  # the sprites this page draws its pictures from (web/sprites.py), if any
        str(get_locale()),
        request.script_root,
    )
    kept = current_app.extensions.setdefault("question_cards", {})
    if key not in kept or current_app.debug:
        name, g.child_name = g.get("child_name"), "{name}"
        try:
            kept[key] = _build(question)
        finally:
            g.child_name = name
    cards = kept[key]
    if questionnaire.wording != "adult":
        return cards
    name = child_name()
    return QuestionCards(
        tuple(Card(card.value, card.word.replace("{name}", name), card.picture) for card in cards.cards),
        cards.always_offered,
    )


def _build(question: Question) -> QuestionCards:
    option_label = get_template_attribute("macros/answers.html", "option_label")
    position_of = get_template_attribute("macros/answers.html", "position_of")
    cards = tuple(
        Card(
            option.value,
            option_label(question, option, position_of(question, option)),
            picture_tag(option.picture, 96),
        )
        for option in question.options
    )
    always = tuple(
        Card(option.value, gettext(option.label), picture_tag(option.picture, 40))
        for option in ALWAYS_OFFERED
    )
    return QuestionCards(cards, always)
