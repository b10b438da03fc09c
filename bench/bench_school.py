"""A whole school at once: load, crash and page-weight figures for a consultation answered by hundreds of pupils.

1. Load: the app under gunicorn on loopback (fresh temporary database, an open consultation on the primary
   questionnaire); PUPILS simulated pupils (Locust, bench/school_pupils.py) join with the code and answer every
   question at a child's pace (THINK seconds a question on average). Afterwards the database is counted:
   every acknowledged answer (a 302 after the POST) must be there.
2. Floor: the same pupils, think time and number of answers against bench/floor_app.py (the same stack doing
   the same work: session cookie, CSRF, the same pages rendered, one row read, one upsert a save) under the same
   gunicorn settings. floor_ratio = our answer saves per second / the floor's.
3. Crash: a shorter run (CRASH_PUPILS); gunicorn's master and workers get SIGKILL mid-load and are restarted
   on the same database; pupils retry; every answer acknowledged before the kill must be in the database.
4. Page weight: headless Chromium with a cold cache downloads one question page (bytes as transferred), then
   answers the whole questionnaire (unique bytes across all its pages).

Environment: PUPILS (300), THINK (8 seconds: a child's pace, see docs/performance.md), CRASH_PUPILS (100),
WORKER_CLASS (gthread), WORKERS (2), THREADS (4), LOCUST_NICE (10: the simulated pupils yield the CPU to the
server they measure; they share its two cores).
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

from dayinmylife import store
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate
from dayinmylife.vocabulary import DAY_OF_SLUG
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # the browser tests' launch settings

ROOT = Path(__file__).resolve().parents[1]
PUPILS = int(os.environ.get("PUPILS", 300))
THINK = float(os.environ.get("THINK", 8))
CRASH_PUPILS = int(os.environ.get("CRASH_PUPILS", min(PUPILS, 100)))
WORKER_CLASS = os.environ.get("WORKER_CLASS", "gthread")
THREADS = int(os.environ.get("THREADS", 4))
WORKERS = int(os.environ.get("WORKERS", 2))
LOCUST_NICE = os.environ.get("LOCUST_NICE", "10")
PUPILS_COMMAND = ["nice", "-n", LOCUST_NICE, sys.executable, "-m", "bench.school_pupils"]
CODE = "BENCH2"
CLASSES = ("5 Oak", "5 Ash", "6 Elm", "6 Yew")
SECRET = "bench-school-" * 4
DEADLINE = 600  # seconds: each run stops by itself by then, whatever happens
KILL_AFTER = 15  # seconds into the crash run


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        figures = {
            "pupils": PUPILS,
            "think_seconds": THINK,
            "worker_class": f"{WORKER_CLASS} x{WORKERS}"
            + (f" x{THREADS} threads" if WORKER_CLASS == "gthread" else ""),
            "locust_nice": int(LOCUST_NICE),
        }
        figures.update(_load_run(folder))
        figures.update(_floor_run(folder, figures["answers_per_pupil"]))
        figures["floor_ratio"] = round(figures["answer_rps"] / figures["floor_answer_rps"], 2)
        print(
            f"   floor_ratio = our answer saves/s {figures['answer_rps']} / floor's {figures['floor_answer_rps']}"
        )
        figures.update(_crash_run(folder))
        return figures


# 1. Load


def _load_run(folder: Path) -> dict:
    database = folder / "school.sqlite3"
    _consultation(database)
    port = _free_port()
    server = _gunicorn("dayinmylife:create_app()", port, {"DAYINMYLIFE_DATABASE": str(database)})
    try:
        print(
            f"   {PUPILS} pupils answering, {THINK} s a question ({WORKER_CLASS}, {WORKERS} workers)",
            flush=True,
        )
        result = _pupils(folder, port, PUPILS, mode="school")
        figures = _request_figures(result, "")
        weight = _page_weight(f"http://127.0.0.1:{port}")
    finally:
        _stop(server)
    acknowledged = result["acknowledged"]
    lost = _missing(database, acknowledged)
    figures.update(
        {
            "pupils_finished": result["finished"],
            "acknowledged_answers": len(acknowledged),
            "answers_per_pupil": round(len(acknowledged) / max(result["finished"], 1)),
            "errors": result["all_failures"],
            "lost_answers": len(lost),
            "load_run_seconds": result["seconds"],
            **weight,
        }
    )
    print(
        f"   {result['finished']} pupils finished, {len(acknowledged)} answers acknowledged, {len(lost)} missing"
    )
    return figures


def _consultation(database: Path) -> None:
    migrate(database)
    db = connect(database)
    try:
        lead = store.users.create_user(
            db, "lead@bench.example", "Lead", "not a password hash", "consultation_lead"
        )
        today = date.today()
        details = {
            "title": "A whole school",
            "questionnaire_id": "primary",
            "opens_on": (today - timedelta(days=1)).isoformat(),
            "closes_on": (today + timedelta(days=7)).isoformat(),
            "min_group_size": 5,
            "max_responses": 100_000,
        }
        store.consultations.create_consultation(db, lead, details, list(CLASSES), lambda: CODE)
    finally:
        db.conn.close()


def _missing(database: Path, acknowledged: list, before: float | None = None) -> list:
    """Acknowledged answers (before a moment, if given) that are not in the database."""
    db = connect(database)
    try:
        stored = {
            tuple(row) for row in db.execute("SELECT session_id, question_id, day FROM answers").fetchall()
        }
    finally:
        db.conn.close()
    return [
        answer
        for answer in acknowledged
        if (before is None or answer[3] < before)
        and (answer[0], answer[1], DAY_OF_SLUG[answer[2]]) not in stored
    ]


# 2. Floor


def _floor_run(folder: Path, steps: int) -> dict:
    port = _free_port()
    server = _gunicorn("bench.floor_app:create_app()", port, floor_environment(folder), ready="/floor/0/0")
    try:
        print(f"   floor: {PUPILS} pupils, {steps} answers each, one upsert a save", flush=True)
        result = _pupils(folder, port, PUPILS, mode="floor", steps=steps)
    finally:
        _stop(server)
    figures = _request_figures(result, "floor_")
    figures["floor_errors"] = result["all_failures"]
    return figures


def floor_environment(folder: Path) -> dict:
    """The floor's settings: its own database, and the app's question pages (captured in-process) to render."""
    from bench.bench_question_page import question_pages  # it imports this module's school

    school = folder / "pages.sqlite3"
    _consultation(school)
    pages = folder / "floor-pages.json"
    pages.write_text(json.dumps(question_pages(school)))
    return {
        "FLOOR_DATABASE": str(folder / f"floor-{time.monotonic_ns()}.sqlite3"),
        "FLOOR_PAGES": str(pages),
        "FLOOR_SECRET_KEY": SECRET,
    }


# 3. Crash


def _crash_run(folder: Path) -> dict:
    database = folder / "crash.sqlite3"
    _consultation(database)
    port = _free_port()
    environment = {"DAYINMYLIFE_DATABASE": str(database)}
    server = _gunicorn("dayinmylife:create_app()", port, environment)
    settings = _settings(folder, port, CRASH_PUPILS, mode="school", retry=True)
    print(f"   crash run: {CRASH_PUPILS} pupils, SIGKILL after {KILL_AFTER} s, then restart", flush=True)
    pupils = subprocess.Popen([*PUPILS_COMMAND, *settings], cwd=ROOT)
    try:
        time.sleep(KILL_AFTER)
        killed_at = time.time()
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        down = time.perf_counter()
        server = _gunicorn("dayinmylife:create_app()", port, environment)
        print(f"   killed and restarted: down {time.perf_counter() - down:.1f} s", flush=True)
        pupils.wait(timeout=DEADLINE + 60)
    finally:
        _stop(server)
        if pupils.poll() is None:
            pupils.kill()
    result = json.loads(Path(settings[1]).read_text())
    acknowledged = result["acknowledged"]
    before = [answer for answer in acknowledged if answer[3] < killed_at]
    lost_before = _missing(database, acknowledged, before=killed_at)
    lost_all = _missing(database, acknowledged)
    print(
        f"   crash run: {len(before)} answers acknowledged before the kill, {len(lost_before)} missing; "
        f"{len(acknowledged)} in all, {len(lost_all)} missing; {result['finished']} of {CRASH_PUPILS} finished"
    )
    return {
        "crash_pupils": CRASH_PUPILS,
        "crash_pupils_finished": result["finished"],
        "crash_acknowledged_before_kill": len(before),
        "lost_answers_after_kill": len(lost_before),
        "crash_lost_answers_any_time": len(lost_all),
        "crash_failed_requests_while_down": result["all_failures"],
    }


# 4. Page weight


def _page_weight(base: str) -> dict:
    """Bytes as transferred (compressed as served) for one question page with a cold cache, and for all of them."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            joining = browser.new_context(base_url=base)
            page = joining.new_page()
            page.goto("/join/")
            page.fill("#code", CODE)
            page.click("button[type=submit]")
            page.check("#group-0", force=True)
            page.click("button[value=start]")
            with page.expect_navigation():
                page.click("a.button--go")  # "Let's start": who will see the answers is folded into the page
            first_question = page.url
            cold = browser.new_context(base_url=base, storage_state=joining.storage_state())
            joining.close()
            sizes: dict[str, tuple[int, int]] = {}  # address: (body as transferred, headers)
            cold.on("requestfinished", lambda request: sizes.setdefault(request.url, _size(request)))
            page = cold.new_page()
            page.goto(first_question, wait_until="networkidle")
            question = dict(sizes)
            pages = 1
            while "/review" not in page.url and pages < 200:
                _answer_in_browser(page)
                pages += 1
            cold.close()
        finally:
            browser.close()
    for url, (body, headers) in sorted(question.items(), key=lambda item: -item[1][0]):
        print(f"      {body / 1024:6.1f} KB (+{headers} B headers) {url.split('?')[0].removeprefix(base)}")
    figures = {
        "question_page_kb": _kb(question, 0),
        "question_page_kb_with_headers": round(_kb(question, 0) + _kb(question, 1), 1),
        "question_page_files": len(question),
        "question_page_requests": len(
            question
        ),  # issue 20's name for it: each file is a request on a cold cache
        "questionnaire_kb": _kb(sizes, 0),
        "questionnaire_kb_with_headers": round(_kb(sizes, 0) + _kb(sizes, 1), 1),
        "questionnaire_pages": pages,
    }
    print(
        f"   page weight: a question page {figures['question_page_kb']} KB in {len(question)} files (cold cache, "
        f"bodies as transferred); the whole questionnaire {figures['questionnaire_kb']} KB over {pages} pages",
        flush=True,
    )
    return figures


def _size(request) -> tuple[int, int]:
    sizes = request.sizes()
    return sizes["responseBodySize"], sizes["responseHeadersSize"]


def _kb(sizes: dict, index: int) -> float:
    return round(sum(size[index] for size in sizes.values()) / 1024, 1)


def _answer_in_browser(page) -> None:
    if page.locator("textarea#answer").count():
        page.fill("textarea#answer", "I like playtime.")
    else:
        page.locator("input[name=answer]").first.check(force=True)
    page.click("button[value=continue]")
    page.wait_for_load_state("networkidle")


# Servers and pupils


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _gunicorn(app: str, port: int, environment: dict, ready: str = "/join/") -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", app,
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(WORKERS),
        "--worker-class", WORKER_CLASS,
        "--threads", str(THREADS),
        "--backlog", "2048",
        "--keep-alive", "75",  # longer than a pupil thinks: an idle connection is not closed under their click
        "--log-level", "warning",
    ]  # fmt: skip
    env = {**os.environ, **environment, "DAYINMYLIFE_SECRET_KEY": SECRET}
    # Its own process group, so that SIGKILL reaches the master and every worker at once.
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{ready}", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    _stop(server)
    raise RuntimeError(f"gunicorn did not start on port {port}")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _settings(
    folder: Path,
    port: int,
    pupils: int,
    mode: str,
    retry: bool = False,
    steps: int = 0,
    spawn_seconds: float = 5,
    loop: bool = False,
    deadline: float = DEADLINE,
    think: float = THINK,
) -> list[str]:
    settings = folder / f"{mode}-{port}-settings.json"
    settings.write_text(
        json.dumps(
            {
                "host": f"http://127.0.0.1:{port}",
                "pupils": pupils,
                "spawn_rate": max(pupils / spawn_seconds, 1),  # everyone in within five seconds, unless told
                "think": think,
                "code": CODE,
                "deadline": deadline,
                "mode": mode,
                "loop": loop,
                "retry": retry,
                "steps": steps,
            }
        )
    )
    return [str(settings), str(folder / f"{mode}-{port}-result.json")]


def _pupils(folder: Path, port: int, pupils: int, mode: str, steps: int = 0, **settings) -> dict:
    """Run the simulated pupils to the end (spawn_seconds, loop, deadline: see _settings); their result."""
    settings = _settings(folder, port, pupils, mode, steps=steps, **settings)
    subprocess.run([*PUPILS_COMMAND, *settings], cwd=ROOT, check=True, timeout=DEADLINE + 60)
    return json.loads(Path(settings[1]).read_text())


def _request_figures(result: dict, prefix: str) -> dict:
    requests = result["requests"]
    for name, entry in sorted(requests.items()):
        print(
            f"   {prefix}{name}: {entry['count']} requests, p50 {entry['p50_ms']} / p95 {entry['p95_ms']} / "
            f"p99 {entry['p99_ms']} ms, {entry['rps']}/s, {entry['failures']} failed"
        )
    for reason, count in sorted(result.get("failure_reasons", {}).items()):
        print(f"   {prefix}failed: {count} x {reason}")
    figures = {}
    for name, key in (("question page", "question"), ("answer", "answer")):
        entry = requests.get(name, {})
        for figure in ("p50_ms", "p95_ms", "p99_ms", "rps"):
            figures[f"{prefix}{key}_{figure}"] = entry.get(figure)
    figures[f"{prefix}requests_per_second"] = round(
        sum(e["count"] for e in requests.values()) / result["seconds"], 1
    )
    return figures


def page_weight_only() -> dict:
    """Only step 4, against a gunicorn of its own on a fresh consultation (seconds, not minutes)."""
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "school.sqlite3"
        _consultation(database)
        port = _free_port()
        server = _gunicorn("dayinmylife:create_app()", port, {"DAYINMYLIFE_DATABASE": str(database)})
        try:
            return _page_weight(f"http://127.0.0.1:{port}")
        finally:
            _stop(server)


if __name__ == "__main__":
    print(json.dumps(page_weight_only()) if "--page-weight" in sys.argv else run())
