"""Schema changes as named, append-only steps: every function named `mNNN_…` in `first_steps`, `later_steps` and
`recent_steps`, applied in number order. Never edit a step that has shipped; add the next one at the end of
`recent_steps.py`."""

import re
from pathlib import Path

from sqlite_utils import Migrations

from dayinmylife.store.db import connect
from dayinmylife.store.migrations import first_steps, later_steps, recent_steps

STEP = re.compile(r"m\d{3}_\w+")


def _steps() -> list:
    found = {
        name: step
        for module in (first_steps, later_steps, recent_steps)
        for name, step in vars(module).items()
        if STEP.fullmatch(name)
    }
    return [found[name] for name in sorted(found)]


migrations = Migrations("dayinmylife")
for _step in _steps():
    migrations(transactional=getattr(_step, "transactional", True))(_step)


def migrate(path: str | Path) -> None:
    """Bring the database at path up to the newest schema."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = connect(path)
    try:
        migrations.apply(db)
    finally:
        db.conn.close()
