"""Working hours, as an alert waits for someone to act: Monday to Friday, 9 to 5, in the council's time zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

from dayinmylife.notify.working_hours import working_hours_between

LONDON = ZoneInfo("Europe/London")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def test_hours_within_one_working_day():
    assert working_hours_between(at("2026-12-07 10:00"), at("2026-12-07 14:00"), LONDON) == 4  # a Monday


def test_evenings_nights_and_weekends_do_not_count():
    # Friday 16:00 to Monday 11:00: one hour on Friday, two on Monday.
    assert working_hours_between(at("2026-12-04 16:00"), at("2026-12-07 11:00"), LONDON) == 3
    # Raised on a Saturday night, nothing counts until Monday 9:00.
    assert working_hours_between(at("2026-12-05 22:00"), at("2026-12-07 09:00"), LONDON) == 0


def test_a_moment_given_in_utc_is_read_in_the_councils_time_zone():
    summer = datetime.fromisoformat("2026-07-06T08:00:00+00:00")  # 9:00 in London, in summer time
    assert working_hours_between(summer, datetime.fromisoformat("2026-07-06T12:00:00+00:00"), LONDON) == 4


def test_no_time_has_passed_before_it_was_raised():
    assert working_hours_between(at("2026-12-07 14:00"), at("2026-12-07 10:00"), LONDON) == 0
