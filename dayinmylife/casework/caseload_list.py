"""The caseload as a list a practitioner with sixty children can work from: search, show, sort. Pure Python."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

# What may be shown, and how it may be sorted, as chosen on the page (anything else: the default).
SHOWS = {
    "all": _l("All children"),
    "overdue": _l("Overdue a session"),
    "due_soon": _l("Due soon"),
    "unfinished": _l("With an unfinished session"),
    "first": _l("No session yet"),
}
SORTS = {
    "attention": _l("Needs attention first"),
    "name": _l("Name"),
    "age": _l("Age, youngest first"),
    "last": _l("Last session, most recent first"),
    "next": _l("Next session, soonest first"),
}
# Needs attention first: overdue, then an unfinished session to carry on, due soon, never seen, the rest.
_ATTENTION = {"overdue": 0, "unfinished": 1, "due_soon": 2, "first": 3, "planned": 4}


@dataclass(frozen=True)
class Choice:
    search: str = ""
    show: str = "all"
    sort: str = "attention"

    @classmethod
    def from_args(cls, args) -> Choice:
        show, sort = args.get("show", "all"), args.get("sort", "attention")
        return cls(
            search=" ".join(args.get("q", "").split())[:100],
            show=show if show in SHOWS else "all",
            sort=sort if sort in SORTS else "attention",
        )

    @property
    def narrowed(self) -> bool:
        return bool(self.search) or self.show != "all"


def attention(child: dict) -> str:
    """The one thing about a child that most needs the practitioner: see _ATTENTION."""
    if child["next"].status == "overdue":
        return "overdue"
    if child["unfinished_count"]:
        return "unfinished"
    return child["next"].status


def _matches(child: dict, choice: Choice) -> bool:
    words = choice.search.casefold()
    found = (
        not words
        or words in child["display_name"].casefold()
        or words in (child["case_reference"] or "").casefold()
    )
    if choice.show == "unfinished":
        return found and child["unfinished_count"] > 0
    return found and (choice.show == "all" or child["next"].status == choice.show)


def _sort_key(sort: str) -> Callable[[dict], tuple]:
    def name(child):
        return child["display_name"].casefold()

    def last(child):  # most recent first, never seen last
        started = child["last_session_at"]
        return (started is None, -datetime.fromisoformat(started).timestamp() if started else 0, name(child))

    keys = {
        "name": lambda child: (name(child),),
        "age": lambda child: (-date.fromisoformat(child["date_of_birth"]).toordinal(), name(child)),
        "last": last,
        "next": lambda child: (child["next"].on or date.min, name(child)),  # no session yet: due now
        "attention": lambda child: (_ATTENTION[attention(child)], child["next"].on or date.min, name(child)),
    }
    return keys[sort]


def caseload_list(children: Iterable[dict], choice: Choice) -> list[dict]:
    """The children to show, in the order chosen."""
    return sorted((child for child in children if _matches(child, choice)), key=_sort_key(choice.sort))
