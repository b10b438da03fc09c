"""Parts of a page that every child who sees them sees the same, rendered once per process and kept.

A child's question page repeats, for every pupil of a school, the same day-progress strip (eleven pictures
and titles, each translated) and the same question with its pictures; rendering them is most of the page's
cost. In a template:

    {% call kept_part("progress", questionnaire.id, questionnaire.version, part_number) %} … {% endcall %}

renders the part once for each key and then returns it as it was. The key names what the part shows; the
page's language, the address the app is served under and the sprites its pictures come from are added to it
here. Only for parts that show nothing of one child's session: no answers, no session id, no CSRF token. A
questionnaire's `{name}` (the words for a parent's account) is kept as `{name}` and filled in with this page's
child as the part is shown, so no child's name is kept. In debug mode nothing is kept, so an edit shows at once.
"""

from flask import current_app, g, has_request_context, request
from flask_babel import get_locale
from markupsafe import Markup, escape

from dayinmylife.web.i18n import child_name

NAME = "{name}"

MOST_PARTS = 20_000  # a few questionnaires × their questions × languages: far fewer; a bound, not a target


def kept_part(*key, caller) -> Markup:
    """The part inside `{% call kept_part(...) %}`: rendered the first time for its key, then kept."""
    if not has_request_context():  # a page rendered outside a request (none today): nothing to key it by
        return Markup(caller())
    whole_key = (*key, str(get_locale()), request.script_root, g.get("sprites_key"))
    kept = current_app.extensions.setdefault("kept_parts", {})
    part = kept.get(whole_key) if not current_app.debug else None
    if part is None:
        name, g.child_name = g.get("child_name"), NAME
        try:
            part = Markup(caller())
        finally:
            g.child_name = name
        if len(kept) < MOST_PARTS:
            kept[whole_key] = part
    return Markup(part.replace(NAME, escape(child_name()))) if NAME in part else part


def init_app(app) -> None:
    app.add_template_global(kept_part)
