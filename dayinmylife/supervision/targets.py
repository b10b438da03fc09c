"""How many sessions each practitioner is expected to finish in a quarter, as an administrator sets it."""

from datetime import date

from dayinmylife import store
from dayinmylife.store.db import get_db

EXPECTED_SETTING = "sessions_expected_per_quarter"


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def expected_per_quarter() -> int | None:
    """The sessions each practitioner is expected to finish in a quarter; None when none is set."""
    value = store.users.app_setting(get_db(), EXPECTED_SETTING, "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def set_expected_per_quarter(sessions: int | None) -> None:
    store.users.set_app_setting(get_db(), EXPECTED_SETTING, str(sessions or ""))
