"""A team at a glance, for its manager: where each child stands, what needs attention first. Pure."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from dayinmylife.casework.schedule import add_months, next_session

SEEN_WITHIN_MONTHS = 3  # a child seen (a finished session) in the last three months counts as seen

# Where a child stands, in the order a manager should look at them.
NEEDS_PRACTITIONER = "needs_practitioner"  # nobody on their team here can sign in
OVERDUE, NEVER, DUE_SOON, PLANNED = "overdue", "never", "due_soon", "planned"
STANDINGS = (NEEDS_PRACTITIONER, OVERDUE, NEVER, DUE_SOON, PLANNED)
TO_DISCUSS = "to_discuss"  # a concern for supervision besides an overdue session (supervision/drift.py)
FIGURES = ("seen", DUE_SOON, OVERDUE, NEVER, "unfinished", TO_DISCUSS, NEEDS_PRACTITIONER)


@dataclass(frozen=True)
class ChildOnTeam:
    id: int
    name: str
    case_reference: str | None
    practitioner_id: int
    practitioner_name: str
    standing: str
    due_on: date | None
    last_seen: str | None  # the day of their latest finished session
    seen: bool  # in the last three months
    unfinished: int  # sessions left unfinished for more than two weeks
    concerns: tuple = ()  # supervision/drift.py's, for this child

    @property
    def needs_attention(self) -> bool:
        """Anything besides a session planned in good time: the Team page lists these first, by default."""
        return self.standing != PLANNED or self.unfinished > 0 or bool(self.concerns)

    def counts_for(self, figure: str) -> bool:
        if figure == "seen":
            return self.seen
        if figure == "unfinished":
            return self.unfinished > 0
        if figure == TO_DISCUSS:
            return any(concern.kind != "overdue" for concern in self.concerns)
        return self.standing == figure


def children_on_team(
    rows: Iterable[dict], today: date, concerns: Mapping[int, list] | None = None
) -> list[ChildOnTeam]:
    """The team's children (one row per child and practitioner), what needs attention first, each with the
    concerns to talk about in supervision (by child id)."""
    since = add_months(today, -SEEN_WITHIN_MONTHS).isoformat()
    found = []
    for row in rows:
        due = next_session(row["next_session_on"], row["last_started"], today)
        standing = NEVER if due.status == "first" else due.status
        found.append(
            ChildOnTeam(
                row["id"],
                row["display_name"],
                row["case_reference"],
                row["practitioner_id"],
                row["practitioner_name"],
                standing if row["practitioner_active"] else NEEDS_PRACTITIONER,
                due.on,
                row["last_seen"][:10] if row["last_seen"] else None,
                bool(row["last_seen"] and row["last_seen"][:10] >= since),
                row["stale_unfinished"],
                tuple((concerns or {}).get(row["id"], ())),
            )
        )
    return sorted(
        found,
        key=lambda child: (
            STANDINGS.index(child.standing),
            -child.counts_for(TO_DISCUSS),
            child.due_on or today,
            child.name,
        ),
    )


@dataclass(frozen=True)
class Figures:
    """How many of a practitioner's (or the team's) children count for each figure."""

    who: str
    practitioner_id: int | None
    children: int
    counts: dict[str, int]


def figures(children: list[ChildOnTeam], practitioners: list[dict]) -> list[Figures]:
    """One line per practitioner of the team, those with children needing attention first, then the team."""

    def line(who, practitioner_id, theirs):
        counts = {figure: sum(child.counts_for(figure) for child in theirs) for figure in FIGURES}
        return Figures(who, practitioner_id, len(theirs), counts)

    lines = [
        line(p["name"], p["id"], [c for c in children if c.practitioner_id == p["id"]]) for p in practitioners
    ]
    attention = (NEEDS_PRACTITIONER, OVERDUE, NEVER, TO_DISCUSS, "unfinished")
    lines.sort(key=lambda each: tuple(-each.counts[figure] for figure in attention))
    return lines


def team_figures(children: list[ChildOnTeam], who: str) -> Figures:
    """The whole team: each child once, where they stand most urgently."""
    once = list({child.id: child for child in reversed(children)}.values())  # the first (most urgent) wins
    counts = {figure: sum(child.counts_for(figure) for child in once) for figure in FIGURES}
    return Figures(who, None, len(once), counts)
