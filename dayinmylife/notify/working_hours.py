"""Working hours: how long an alert has waited in the hours someone is at work to act on it; and when this week's
reminders were due. Pure."""

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


def latest_weekly(now: datetime, weekday: int, hour: int, zone: tzinfo) -> datetime:
    """The latest moment, not after now, that falls on this weekday (0 is Monday) at this hour in the zone."""
    local = now.astimezone(zone)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    moment = datetime.combine(day, time(hour), zone)
    return moment if moment <= now else moment - timedelta(days=7)
