"""Which sessions to put together: the two to compare, and an account of each kind from the same weeks."""

from datetime import date, timedelta

from flask import abort
from flask_babel import gettext as _

from dayinmylife.questionnaire.disagreements import ACCOUNTS
from dayinmylife.vocabulary import CHILDS_OWN


def chosen_pair(sessions: list[dict], raw_from: str | None, raw_to: str | None):
    """Pick the earlier and later session to compare from the query, else the child's latest two finished.

    Returns ((earlier, later) or None, a problem to explain or None). A session of another child is a 404.
    """
    by_id = {session["id"]: session for session in sessions}
    chosen, problem = [], None
    for raw in (raw_from, raw_to):
        if raw in (None, ""):
            chosen.append(None)
        elif not (raw.isascii() and raw.isdigit()):
            chosen, problem = [None, None], _("Those sessions could not be read, so here are the latest two.")
            break
        elif int(raw) not in by_id:
            abort(404)
        else:
            chosen.append(by_id[int(raw)])
    earlier, later = chosen
    if earlier is not None and earlier is later:
        return None, _("Choose two different sessions to compare.")
    earlier, later = _fill_in(sessions, earlier, later)
    if earlier is None or later is None:
        return None, problem
    if (earlier["started_at"], earlier["id"]) > (later["started_at"], later["id"]):
        earlier, later = later, earlier
    return (earlier, later), problem


def _fill_in(sessions: list[dict], earlier: dict | None, later: dict | None):
    """Choose what the query left out: the latest session before (or after) the other, of the same account."""
    if later is None:
        pool = [s for s in sessions if s is not earlier and _after(s, earlier)]
        later = _likeliest(pool, account_of(earlier) if earlier else CHILDS_OWN)
    if earlier is None and later is not None:
        pool = [s for s in sessions if s is not later and _after(later, s)]
        earlier = _likeliest(pool, account_of(later))
    return earlier, later


def _likeliest(pool: list[dict], account: str) -> dict | None:
    """The session to compare: one of this account, finished, the latest; else the nearest to that."""
    return max(
        pool,
        key=lambda s: (account_of(s) == account, s["status"] == "finished", s["started_at"], s["id"]),
        default=None,
    )


def account_of(session: dict) -> str:
    return session.get("account") or CHILDS_OWN


def _after(session: dict | None, other: dict | None) -> bool:
    if session is None or other is None:
        return True
    return (session["started_at"], session["id"]) > (other["started_at"], other["id"])


SAME_PERIOD = timedelta(weeks=6)


def chosen_sessions(sessions: list[dict], asked: dict[str, str]) -> dict[str, dict]:
    """Pick a session per account: the one asked for, else the latest within six weeks of the newest, a
    finished one before an unfinished one (newest first in, finished sessions set the weeks if there are any)."""
    finished = [s for s in sessions if s["status"] == "finished"]
    newest = date.fromisoformat((finished or sessions)[0]["started_at"][:10]) if sessions else None
    chosen = {}
    for account in ACCOUNTS:
        theirs = [s for s in sessions if s["account"] == account]
        wanted = next((s for s in theirs if str(s["id"]) == asked.get(account)), None)
        recent = [s for s in theirs if abs(newest - date.fromisoformat(s["started_at"][:10])) <= SAME_PERIOD]
        recent.sort(key=lambda s: s["status"] != "finished")  # stable: newest first within each
        pick = wanted or (recent[0] if recent and asked.get(account) != "none" else None)
        if pick is not None:
            chosen[account] = pick
    return chosen
