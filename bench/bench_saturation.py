"""Saturation: how many requests a second two cores serve with p95 ≤ 50 ms, the app against the floor of its stack.

A closed loop with no think time: SATURATION_LEVELS simulated pupils at once (Locust, bench/school_pupils.py,
niced as in bench_school), each starting again as a new pupil the moment they finish, for SATURATION_SECONDS at
each level, against gunicorn on loopback with bench_school's settings (WORKERS, WORKER_CLASS, THREADS). The app:
a pupil's whole primary questionnaire (join, every question GET + POST, review, finish, thank you), answers
chosen at random as in bench_school. The floor (bench/floor_app.py, the same stack doing the same work: session,
CSRF, the same pages, one row read, one upsert a save): as many GET + POST pairs as the questionnaire has pages.

Figures, at the level with the most requests a second whose p95 (of every request) is at most P95_LIMIT_MS:

- `saturation_rps`, `floor_saturation_rps` and `saturation_ratio` (app ÷ floor);
- `interviews_per_hour`: complete interviews at that rate (`requests_per_interview`: the mean of the interviews
  the pupils finished). Locust runs on the same two cores and takes a good share of them;
- `server_cpu_ms_per_request` (gunicorn's master and workers, from psutil) and `interviews_per_hour_cpu_bound`:
  what the machine's cores would sustain at that cost with nothing else on them (a projection, not a run);
- the load average before each level: whatever else the machine runs takes from the same cores.

Environment: SATURATION_LEVELS ("2,4,8,16"), SATURATION_SECONDS (20), P95_LIMIT_MS (50); WORKERS, WORKER_CLASS,
THREADS and LOCUST_NICE as bench_school. About three minutes.
"""

import os
import tempfile
from pathlib import Path

import psutil

from bench.bench_question_page import question_pages
from bench.bench_school import (
    WORKER_CLASS,
    WORKERS,
    _consultation,
    _free_port,
    _gunicorn,
    _pupils,
    _stop,
    floor_environment,
)

LEVELS = [int(level) for level in os.environ.get("SATURATION_LEVELS", "2,4,8,16").split(",")]
SECONDS = float(os.environ.get("SATURATION_SECONDS", 20))
P95_LIMIT_MS = float(os.environ.get("P95_LIMIT_MS", 50))
CORES = os.cpu_count() or 1


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        app = _saturate(folder, "app")
        floor = _saturate(folder, "floor", steps=app["pages"])
    per_interview = app["requests_per_interview"]
    figures = {
        "saturation_rps": app["rps"],
        "saturation_p95_ms": app["p95_ms"],
        "saturation_pupils": app["pupils"],
        "saturation_load_average": app["load_average"],
        "server_cpu_ms_per_request": app["cpu_ms"],
        "floor_saturation_rps": floor["rps"],
        "floor_saturation_p95_ms": floor["p95_ms"],
        "floor_saturation_pupils": floor["pupils"],
        "floor_saturation_load_average": floor["load_average"],
        "floor_server_cpu_ms_per_request": floor["cpu_ms"],
        "saturation_ratio": round(app["rps"] / floor["rps"], 2) if app["rps"] and floor["rps"] else None,
        "requests_per_interview": per_interview,
        "interviews_per_hour": round(app["rps"] * 3600 / per_interview) if per_interview else None,
        "interviews_per_hour_cpu_bound": round(CORES * 3_600_000 / (app["cpu_ms"] * per_interview))
        if per_interview and app["cpu_ms"]
        else None,
        "saturation_workers": f"{WORKER_CLASS} x{WORKERS}",
    }
    print(
        f"   saturation: the app {figures['saturation_rps']} requests/s (p95 {figures['saturation_p95_ms']} ms, "
        f"{figures['saturation_pupils']} pupils at once), the floor {figures['floor_saturation_rps']}/s: ratio "
        f"{figures['saturation_ratio']}; {figures['interviews_per_hour']} interviews an hour "
        f"({per_interview} requests each); server CPU {figures['server_cpu_ms_per_request']} ms a request "
        f"(floor {figures['floor_server_cpu_ms_per_request']}): {figures['interviews_per_hour_cpu_bound']} "
        f"interviews an hour if {CORES} cores did nothing else"
    )
    return figures


def _saturate(folder: Path, which: str, steps: int = 0) -> dict:
    """Step up the pupils at once until p95 passes the limit (or a request fails); the best level within it."""
    port = _free_port()
    pages = steps
    if which == "app":
        database = folder / "saturation.sqlite3"
        _consultation(database)
        pages = len(question_pages(database))
        server = _gunicorn("dayinmylife:create_app()", port, {"DAYINMYLIFE_DATABASE": str(database)})
    else:
        server = _gunicorn(
            "bench.floor_app:create_app()", port, floor_environment(folder), ready="/floor/0/0"
        )
    best = {"rps": 0.0, "p95_ms": None, "pupils": 0, "load_average": None, "cpu_ms": None}
    per_interview: list = []
    try:
        for pupils in LEVELS:
            load = round(os.getloadavg()[0], 2)
            cpu_before = _cpu_seconds(server.pid)
            result = _pupils(
                folder,
                port,
                pupils,
                mode="school" if which == "app" else "floor",
                steps=steps,
                spawn_seconds=0.5,
                loop=True,
                deadline=SECONDS,
                think=0,
            )
            total = result["all_requests"]
            cpu_ms = round((_cpu_seconds(server.pid) - cpu_before) * 1000 / max(total["count"], 1), 2)
            per_interview.append(result["requests_per_pupil"])
            print(
                f"   {which}: {pupils} pupils at once (load average {load}): {total['rps']} requests/s, "
                f"p50 {total['p50_ms']} / p95 {total['p95_ms']} ms, server CPU {cpu_ms} ms a request, "
                f"{result['finished']} interviews finished, {result['all_failures']} failed",
                flush=True,
            )
            if result["all_failures"] or total["p95_ms"] > P95_LIMIT_MS:
                break
            if total["rps"] > best["rps"]:
                best = {
                    "rps": total["rps"],
                    "p95_ms": total["p95_ms"],
                    "pupils": pupils,
                    "load_average": load,
                    "cpu_ms": cpu_ms,
                }
    finally:
        _stop(server)
    finished = [count for count in per_interview if count]
    requests_per_interview = round(sum(finished) / len(finished), 1) if finished else 0
    return {**best, "pages": pages, "requests_per_interview": requests_per_interview}


def _cpu_seconds(pid: int) -> float:
    """CPU seconds gunicorn's master and workers have used so far."""
    master = psutil.Process(pid)
    return sum(sum(process.cpu_times()[:2]) for process in (master, *master.children(recursive=True)))


if __name__ == "__main__":
    print(run())
