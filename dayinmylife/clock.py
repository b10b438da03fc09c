"""The one clock: every "now" the app reads comes from here, so a test moves time by patching `epoch` alone."""

import time
from datetime import UTC, date, datetime


def epoch() -> float:
    """Seconds since 1970 (UTC)."""
    return time.time()


def now() -> datetime:
    """This moment, in UTC."""
    return datetime.fromtimestamp(epoch(), UTC)


def now_iso() -> str:
    """This moment as the database keeps it: ISO 8601, UTC, to the second."""
    return now().isoformat(timespec="seconds")


def today() -> date:
    """Today's date where the server is."""
    return date.fromtimestamp(epoch())
