"""A child's chronology: one timeline of everything that happened with and around them, and what keeps
happening. Pure: what the store read goes in, entries come out (words are the page's: entries say what kind
of thing happened and carry its facts)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from dayinmylife.questionnaire.model import Questionnaire
from dayinmylife.questionnaire.outcomes import MET, NOT_MET, Outcome, outcome_status

SESSION, OUTCOME, MESSAGE, ALERT, SUPERVISION, CARE_TEAM, EVENT, NEXT_SESSION = (
    "session",
    "outcome",
    "message",
    "alert",
    "supervision",
    "care_team",
    "event",
    "next_session",
)
KINDS = (SESSION, EVENT, ALERT, OUTCOME, MESSAGE, SUPERVISION, CARE_TEAM, NEXT_SESSION)


@dataclass(frozen=True)
class Entry:
    on: str  # ISO date or moment: when it happened
    kind: str
    facts: Mapping = field(default_factory=dict)  # the row it came from, and what the page shows of it

    @property
    def day(self) -> str:
        return self.on[:10]


@dataclass(frozen=True)
class Repeat:
    """The same significant event more than once in a year: "Missed health appointment: 3 times since March"."""

    what: str
    times: int
    since: str


def entries(
    sessions: Iterable[Mapping],
    outcomes: Iterable[Mapping],
    messages: Iterable[Mapping],
    alerts: Iterable[Mapping],
    supervision: Iterable[Mapping],
    care_team: Iterable[Mapping],
    events: Iterable[Mapping],
    next_session_on: str | None,
) -> list[Entry]:
    """Every entry, oldest first. An alert acknowledged is two entries: raised, and what was done."""
    found = [Entry(s["started_at"], SESSION, s) for s in sessions]
    found += [Entry(o["created_at"], OUTCOME, o) for o in outcomes]
    found += [Entry(m["written_at"], MESSAGE, m) for m in messages]
    for alert in alerts:
        found.append(Entry(alert["raised_at"], ALERT, {**alert, "acknowledgement": False}))
        if alert["acknowledged_at"]:
            found.append(Entry(alert["acknowledged_at"], ALERT, {**alert, "acknowledgement": True}))
    found += [Entry(n["discussed_on"], SUPERVISION, n) for n in supervision]
    found += [Entry(c["at"], CARE_TEAM, c) for c in care_team]
    found += [Entry(e["happened_on"], EVENT, e) for e in events]
    if next_session_on:
        found.append(Entry(next_session_on, NEXT_SESSION, {"due_on": next_session_on}))
    return sorted(found, key=lambda entry: (entry.on, KINDS.index(entry.kind)))


def chosen(
    found: list[Entry], kinds: Iterable[str], since: date | None, until: date | None, newest_first: bool
) -> list[Entry]:
    """The entries of these kinds within the period, in the order asked for."""
    wanted = set(kinds)
    kept = [
        entry
        for entry in found
        if entry.kind in wanted
        and (since is None or entry.day >= since.isoformat())
        and (until is None or entry.day <= until.isoformat())
    ]
    return list(reversed(kept)) if newest_first else kept


def repeated_events(events: Iterable[Mapping], today: date) -> list[Repeat]:
    """Significant events that happened more than once in the last year, counted by what happened (written
    the same way, whatever the case or spacing), the most frequent first."""
    year_ago = (
        today.replace(year=today.year - 1)
        if not (today.month == 2 and today.day == 29)
        else today.replace(year=today.year - 1, day=28)
    )
    alike: dict[str, list[Mapping]] = defaultdict(list)
    for event in events:
        if event["happened_on"] >= year_ago.isoformat():
            alike[" ".join(event["what"].lower().split())].append(event)
    repeats = [
        Repeat(same[0]["what"], len(same), min(event["happened_on"] for event in same))
        for same in alike.values()
        if len(same) > 1
    ]
    return sorted(repeats, key=lambda repeat: (-repeat.times, repeat.since))


def session_headlines(
    sessions: Iterable[Mapping], found: Mapping[int, object], part_titles: Mapping[str, str]
) -> dict[int, dict]:
    """Per finished session with findings: the parts of the day said to differ at the weekend, and the areas
    of care worth exploring now that were not at the session before of the same account (and those no longer):
    a parent's account is compared with the parent's before, never with the child's."""
    headlines: dict[int, dict] = {}
    before: dict[str, set[str]] = {}
    for session in sessions:
        findings = found.get(session["id"])
        if findings is None:
            continue
        areas, earlier = findings.areas("worth_exploring"), before.get(session["account"])
        headlines[session["id"]] = {
            "weekend": [
                part_titles.get(part, part) for part, said in findings.weekend.items() if said == "yes"
            ],
            "now_worth": sorted(areas - earlier) if earlier is not None else [],
            "no_longer": sorted(earlier - areas) if earlier is not None else [],
        }
        before[session["account"]] = areas
    return headlines


def outcomes_at_sessions(
    sessions: Iterable[Mapping],
    outcomes: Iterable[Mapping],
    answers: Mapping[int, Mapping],
    questionnaires: Mapping[str, Questionnaire],
) -> dict[int, dict]:
    """Per finished session: the outcomes agreed by then that it shows met, and those it shows not met (an
    outcome it cannot say about — not asked, skipped, "don't know" — is in neither)."""
    agreed = [(row["created_at"][:10], row["statement"], Outcome.from_row(row)) for row in outcomes]
    statuses: dict[int, dict] = {}
    for session in sessions:
        questionnaire = questionnaires.get(session["questionnaire_id"])
        if session["status"] != "finished" or questionnaire is None:
            continue
        said = {MET: [], NOT_MET: []}
        for day, statement, outcome in agreed:
            if day <= session["started_at"][:10]:
                status = outcome_status(questionnaire, answers.get(session["id"], {}), outcome)
                said.get(status, []).append(statement)
        if said[MET] or said[NOT_MET]:
            statuses[session["id"]] = {"outcomes_met": said[MET], "outcomes_not_met": said[NOT_MET]}
    return statuses
