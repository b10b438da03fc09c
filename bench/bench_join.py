"""A whole school starting at 9:00 (issue 20): 1,000 pupils join one consultation within 10 seconds, on the same
gunicorn settings as bench_school, each typing the code, choosing a class and opening the first question.

`join_p95_ms` is the slowest p95 of the join pages (target ≤ 500 ms on two cores); `join_failures` counts the
requests that did not get the page they should (target 0); `join_pupils_in` how many reached their first question.
"""

import os
import tempfile
from pathlib import Path

from bench.bench_school import _consultation, _free_port, _gunicorn, _pupils, _request_figures, _stop

PUPILS = int(os.environ.get("JOIN_PUPILS", 1000))
SECONDS = 10
JOIN_PAGES = (
    "join: code page",
    "join: code",
    "join: group page",
    "join: start",
    "start page",
    "question page",
)


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        database = folder / "join.sqlite3"
        _consultation(database)
        port = _free_port()
        server = _gunicorn("dayinmylife:create_app()", port, {"DAYINMYLIFE_DATABASE": str(database)})
        try:
            print(f"   {PUPILS} pupils joining within {SECONDS} s", flush=True)
            result = _pupils(folder, port, PUPILS, mode="join", spawn_seconds=SECONDS)
        finally:
            _stop(server)
    _request_figures(result, "join ")
    requests = result["requests"]
    return {
        "join_pupils": PUPILS,
        "join_pupils_in": result["finished"],
        "join_p95_ms": max(requests[name]["p95_ms"] for name in JOIN_PAGES if name in requests),
        "join_failures": result["all_failures"],
    }
