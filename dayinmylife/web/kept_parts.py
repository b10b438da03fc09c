"""Parts of a page that every child who sees them sees the same, rendered once per process and kept.

A child's question page repeats, for every pupil of a school, the same day-progress strip (eleven pictures
and titles, each translated) and the same question with its pictures; rendering them is most of the page's
cost. In a template:

    {% call kept_part("progress", questionnaire.id, questionnaire.version, part_number) %} … {% endcall %}

renders the part once for each key and then returns it as it was. The key names what the part shows; the
page's language, the address the app is served under, the sprites its pictures come from and the child's
name (a questionnaire's `{name}`) are added to it here. Only for parts that show nothing of one child's
session: no answers, no session id, no CSRF token. In debug mode nothing is kept, so an edit shows at once.
"""

from flask import current_app, g, has_request_context, request
from flask_babel import get_locale
from markupsafe import Markup

MOST_PARTS = 20_000  # a few questionnaires × their questions × languages: far fewer; a bound, not a target


def kept_part(*key, caller) -> Markup:
    """The part inside `{% call kept_part(...) %}`: rendered the first time for its key, then kept."""
    if not has_request_context():  # a page rendered outside a request (none today): nothing to key it by
        return Markup(caller())
    whole_key = (*key, str(get_locale()), request.script_root, g.get("sprites_key"), g.get("child_name"))
    kept = current_app.extensions.setdefault("kept_parts", {})
    if whole_key in kept and not current_app.debug:
        return kept[whole_key]
    part = Markup(caller())
    if len(kept) < MOST_PARTS:
        kept[whole_key] = part
    return part


def init_app(app) -> None:
    app.add_template_global(kept_part)
