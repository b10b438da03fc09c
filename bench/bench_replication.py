"""How many seconds of acknowledged answers a dead disk could lose with Litestream replicating (issue 20).

Rows are written at the pace of 300 pupils answering a question every 8 seconds (37.5 a second, each its own
transaction with `synchronous=FULL`, as the app saves an answer; a new session each, so the newest restored can be
told), with `flask replicate` running beside. At a moment the machine "dies":
Litestream is killed at once (SIGKILL, no last sync) and the database with it. The replica is restored and the
newest answer in it is found; `replication_lag_s` is the longest time, over the trials, between that answer
and the last one acknowledged before the death: what a dead disk would have lost.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dayinmylife import store
from dayinmylife.questionnaire.loader import load_all
from dayinmylife.signin.passwords import hash_password
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate

FLASK = str(Path(sys.executable).parent / "flask")
PER_SECOND = 300 / 8
TRIALS = 5


def _environment(folder: Path) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DAYINMYLIFE_")},
        "DAYINMYLIFE_DATABASE": str(folder / "bench.sqlite3"),
        "DAYINMYLIFE_REPLICA": str(folder / "replica"),
    }


def trial(folder: Path, seconds: float) -> float:
    database = folder / "bench.sqlite3"
    migrate(database)
    db = connect(database)
    user = store.users.create_user(db, "bench@example.org", "Bench", hash_password("bench-password-123456"))
    child = store.children.create_child(db, user, "Leo", "2017-03-14", None)
    primary = load_all()["primary"]
    replicating = subprocess.Popen(
        [FLASK, "--app", "dayinmylife", "replicate"],
        env=_environment(folder),
        cwd=folder,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.5)  # Litestream's first snapshot
    acknowledged: dict[int, float] = {}
    started = time.monotonic()
    number = 0
    while time.monotonic() - started < seconds:
        session = store.sessions.start_session(db, child, primary, user)
        acknowledged[session] = time.monotonic()
        number += 1
        time.sleep(max(0.0, started + number / PER_SECOND - time.monotonic()))
    os.killpg(replicating.pid, signal.SIGKILL)  # the machine dies: no last sync
    replicating.wait()
    died = time.monotonic()
    db.conn.close()
    for lost in folder.glob("bench.sqlite3*"):
        if not lost.name.endswith(".litestream.yml"):
            lost.unlink()
    restored = folder / "restored.sqlite3"
    subprocess.run(
        [FLASK, "--app", "dayinmylife", "restore", str(restored)],
        env=_environment(folder),
        cwd=folder,
        check=True,
        capture_output=True,
    )
    copy = connect(restored)
    newest = copy.execute("SELECT MAX(id) FROM sessions").fetchone()[0]
    copy.conn.close()
    last = max(acknowledged)
    return 0.0 if newest == last else round(died - acknowledged.get(newest, started), 2)


def run() -> dict:
    lags = []
    for number in range(TRIALS):
        with tempfile.TemporaryDirectory() as folder:
            lags.append(trial(Path(folder), seconds=4 + number))
    print(f"   seconds of acknowledged writes lost at a sudden death, {TRIALS} trials: {lags}")
    return {"replication_lag_s": max(lags)}
