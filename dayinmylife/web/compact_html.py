"""Pages without their templates' indentation and empty lines (issue 20: a question page goes out uncompressed,
because it carries a CSRF token, so every byte of it counts, on each of a consultation's 61 pages).

In HTML a run of spaces and line breaks shows as one space, or as nothing between blocks. So in a template a line
break and the indentation after it become one line break, and a tag that prints nothing (if, for, set, a comment)
alone on its line leaves no empty line: the whitespace between any two things a page shows is still there, and
what a page shows is the same. Only text in <pre>, <textarea> or an element with `white-space: pre` would change:
no template indents text inside one (a child's words are printed inline).
"""

import re

from jinja2.ext import Extension

LINE_BREAK_AND_INDENTATION = re.compile(r"[ \t]*\n\s*")
# A tag that prints nothing, alone on its line (a line break before it, or the template's start): the line break
# after it goes. Not {% block %}, {% call %}, {% include %} or {% macro %}: what they print may end without a space.
SILENT_TAG_LINE = re.compile(
    r"(?<![^\n])(\{%-?\s*(?:if|elif|else|endif|for|endfor|set|endset|from|import|with|endwith|extends)\b"
    r"(?:(?!%\}).)*%\}|\{#(?:(?!#\}).)*#\})\n",
    re.S,
)


class CompactHtml(Extension):
    """Read each .html template without its indentation and empty lines."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if not (name or "").endswith(".html"):
            return source
        return SILENT_TAG_LINE.sub(r"\1", LINE_BREAK_AND_INDENTATION.sub("\n", source))


def init_app(app) -> None:
    app.jinja_env.add_extension(CompactHtml)
