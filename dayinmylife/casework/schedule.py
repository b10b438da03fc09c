"""When a child's next session is due: planned, first, due soon or overdue."""

from dataclasses import dataclass
from datetime import date, timedelta

from dayinmylife import clock

NEXT_SESSION_AFTER_MONTHS = 3


DUE_SOON_DAYS = 14


@dataclass(frozen=True)
class NextSession:
    on: date | None
    status: str  # overdue | due_soon | planned | first (no session yet)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (day.day, 30, 29, 28):  # the 31st of a shorter month becomes its last day
        try:
            return date(year, month, last_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def next_session(
    next_session_on: str | None, last_session_at: str | None, today: date | None = None
) -> NextSession:
    """When the child's next session is due: the date set, else three months after the last session."""
    today = today or clock.today()
    if next_session_on:
        due = date.fromisoformat(next_session_on)
    elif last_session_at:
        due = add_months(date.fromisoformat(last_session_at[:10]), NEXT_SESSION_AFTER_MONTHS)
    else:
        return NextSession(None, "first")
    if due < today:
        return NextSession(due, "overdue")
    return NextSession(due, "due_soon" if due <= today + timedelta(days=DUE_SOON_DAYS) else "planned")
