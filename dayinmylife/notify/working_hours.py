"""Working hours: how long an alert has waited in the hours someone is at work to act on it. Pure."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo

OPENS, CLOSES = (
    time(9),
    time(17),
)  # Monday to Friday, in the council's time zone; bank holidays count as working days


def working_hours_between(start: datetime, end: datetime, zone: tzinfo) -> float:
    """The working hours between two moments (aware datetimes), in the council's time zone."""
    if end <= start:
        return 0.0
    seconds = 0.0
    day = start.astimezone(zone).date()
    while day <= end.astimezone(zone).date():
        if day.weekday() < 5:
            opens = datetime.combine(day, OPENS, zone)
            closes = datetime.combine(day, CLOSES, zone)
            seconds += max(0.0, (min(closes, end) - max(opens, start)).total_seconds())
        day += timedelta(days=1)
    return seconds / 3600
