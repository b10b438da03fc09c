"""A Big Ask on one machine: one consultation of 557,077 responses of the primary questionnaire in 2,000 schools.

The Children's Commissioner's "Big Ask" had 557,077 responses through schools. A temporary database holds one
consultation across 2,000 schools (each with `CLASSES` classes, default 4), its responses stored in bulk
through the store (`store.consultations.add_consultation_responses`, 25,000 responses a transaction): 300
distinct pupils' answers made by the real questionnaire flow, reused, the schools taken in turn. The lead signs
in through Flask's test client and asks for, each after a warm-up, the median of several requests:

- `national_count_s`: `flask consultations count`, as the hourly timer runs it: across more than 200 schools the
  results are counted ahead and kept (`kept_mb`), and the pages read them;
- `results_557k_ms`: the results page for the whole consultation (server time), as the lead sees it: counted
  ahead across more than 200 schools, else counted while the lead waits (suppression included);
- `school_results_557k_ms`: one school's results, as the app shows them (`results?group=<id>`);
- `class_results_557k_ms`: one class within its school (`results?group=<school>&class=<class>`);
- the exports, streamed and read a chunk at a time as a browser would: `results_csv_ms` for the results as
  shown, and the anonymous answers (one row a pupil) for `export_rows_per_s` and `export_peak_mb`;
- `db_bytes_per_response`: the database file (after a checkpoint) over the responses.

`export_peak_mb` is the process's peak resident memory during the anonymous answers' export over its resident
memory just before: Linux's VmHWM, reset to the current size by writing 5 to /proc/self/clear_refs first, read
from /proc/self/status after. It counts everything the process holds (Python objects, SQLite's page cache), not
only what Python allocates.

A results page whose first request takes longer than `RESULTS_BUDGET_S` (default 60) is stopped there and
its figure is null (one school's page and the results CSV are then not tried: they suppress the same table).
`response_counts_557k_ms` times counting the pupils who answered in each school, which every page does.

The anonymous answers are read for their first `EXPORT_ROWS` rows (default 100,000; 0 reads them all, about
five minutes at full size): every id and row number is made before the first row, so the memory is the
export's from then on, and the rows come at a steady pace.

`RESPONSES=20000 make bench BENCH=bench_national` makes a smaller consultation for a quick try (the figures'
names keep "557k"; `responses` says how many there were). Setting up the full size takes a few minutes.
"""

import os
import random
import re
import signal
import statistics
import tempfile
import time
from pathlib import Path

from bench.bench_consultation_results import _answers  # one pupil's answers, through the questionnaire's flow
from dayinmylife import create_app, store
from dayinmylife.signin.passwords import hash_password
from dayinmylife.store.db import connect, forget_old_pages
from dayinmylife.store.migrations import migrate

RESPONSES = int(os.environ.get("RESPONSES", 557_077))
SCHOOLS = int(os.environ.get("SCHOOLS", 2_000))
CLASSES = int(os.environ.get("CLASSES", 4))  # in each school
DISTINCT_PUPILS = 300
RESPONSES_A_TRANSACTION = 25_000
REPEATS = 5
EXPORT_ROWS = int(os.environ.get("EXPORT_ROWS", 100_000))  # 0: the whole export (about 5 minutes at 557k)
RESULTS_BUDGET_S = float(os.environ.get("RESULTS_BUDGET_S", 60))  # a page slower than this is not waited for
PASSWORD = "benchmark password, long enough"


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        migrate(path)
        app = create_app({"DATABASE": str(path), "SECRET_KEY": "bench-" * 8, "TESTING": True})
        started = time.perf_counter()
        consultation_id, school_id, class_id = _consultation(app, path)
        setup_s = time.perf_counter() - started
        print(f"   {RESPONSES:,} responses in {SCHOOLS:,} schools stored in {setup_s:.0f} s", flush=True)
        figures = {"responses": RESPONSES, "national_setup_s": round(setup_s), **_database_size(path)}
        client = app.test_client()
        _sign_in(app, client)
        figures.update(_response_counts_ms(path, consultation_id))
        figures.update(_answers_export(client, f"/consultations/{consultation_id}/anonymous-answers.csv"))
        figures.update(_count_ahead(app, path, consultation_id))
        url = f"/consultations/{consultation_id}/results"
        figures["results_557k_ms"] = _median_ms(client, url, "whole consultation")
        # One school's page and the results CSV suppress the same whole table: not tried if the whole was over.
        pages = {
            "school_results_557k_ms": f"{url}?group={school_id}",
            "class_results_557k_ms": f"{url}?group={school_id}&class={class_id}",
            "results_csv_ms": f"{url}.csv",
        }
        for name, address in pages.items():
            figures[name] = _median_ms(client, address, name) if figures["results_557k_ms"] else None
        return figures


def _consultation(app, path) -> tuple[int, int, int]:
    db = connect(path)
    db.execute("PRAGMA cache_size = -1000000")  # 1 GB: the tallies' rows for 2,000 schools stay in memory
    try:
        questionnaire = app.extensions["questionnaires"]["primary"]
        lead = store.users.create_user(
            db, "lead@bench.example", "Lead", hash_password(PASSWORD), "consultation_lead"
        )
        details = {
            "title": "The Big Ask",
            "questionnaire_id": "primary",
            "opens_on": "2026-01-05",
            "closes_on": "2026-02-13",
            "min_group_size": 5,
            "max_responses": RESPONSES,
        }
        classes = [f"Class {n}" for n in range(1, CLASSES + 1)]
        schools = [(f"School {n:04d}", classes) for n in range(1, SCHOOLS + 1)]
        codes = (f"{n:06d}" for n in range(1, SCHOOLS + 2))
        consultation_id = store.consultations.create_consultation(
            db, lead, details, [], codes.__next__, schools
        )
        first_school = store.consultations.consultation_groups(db, consultation_id)[0]["id"]
        groups = list(store.schools.school_of_each_class(db, consultation_id)) or [first_school]
        rng = random.Random(20)
        pupils = [_answers(rng, questionnaire) for _ in range(DISTINCT_PUPILS)]
        for first in range(0, RESPONSES, RESPONSES_A_TRANSACTION):
            batch = range(first, min(first + RESPONSES_A_TRANSACTION, RESPONSES))
            responses = [_response(groups[n % len(groups)], rng.choice(pupils)) for n in batch]
            store.consultations.add_consultation_responses(db, consultation_id, questionnaire, responses)
        db.execute("ANALYZE")
        forget_old_pages(db)
        return consultation_id, first_school, groups[0]
    finally:
        db.conn.close()


def _response(group_id: int, answers: dict) -> dict:
    return {
        "group_id": group_id,
        "started_at": "2026-01-12T10:00:00+00:00",
        "finished_at": "2026-01-12T10:15:00+00:00",
        "answers": answers,
    }


def _database_size(path: Path) -> dict:
    size = sum(file.stat().st_size for file in path.parent.glob(f"{path.name}*"))  # with any -wal left
    print(f"   database {size / 1e9:.2f} GB, {size / RESPONSES:,.0f} bytes a response", flush=True)
    return {"db_bytes_per_response": round(size / RESPONSES)}


class _OverBudget(BaseException):
    """A page slower than RESULTS_BUDGET_S: stopped where it was (a BaseException, so no handler keeps it)."""


def _stop(_signal, _frame):
    raise _OverBudget


def _read(client, url: str):
    """A page or download read to its end and closed, as a browser would (a streamed one ends its context)."""
    response = client.get(url)
    response.get_data()
    response.close()
    return response


def _median_ms(client, url: str, what: str, repeats: int = REPEATS) -> float | None:
    """The median of several requests after a warm-up; None if the warm-up took longer than the budget."""
    signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, RESULTS_BUDGET_S)
    try:
        started = time.perf_counter()
        assert _read(client, url).status_code == 200  # the first request warms templates and SQLite's cache
    except _OverBudget:
        print(f"   {what}: stopped after {time.perf_counter() - started:,.0f} s, over the budget", flush=True)
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = _read(client, url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    print(f"   {what}: {', '.join(f'{t:,.0f}' for t in sorted(timings))} ms", flush=True)
    return round(statistics.median(timings), 1)


def _response_counts_ms(path: Path, consultation_id: int) -> dict:
    """How long counting the pupils who answered in each school takes: every results page and export does."""
    db = connect(path)
    try:
        store.tallies.consultation_response_counts(db, consultation_id)  # warm SQLite's cache
        started = time.perf_counter()
        store.tallies.consultation_response_counts(db, consultation_id)
        counted_ms = (time.perf_counter() - started) * 1000
    finally:
        db.conn.close()
    print(f"   pupils per school counted in {counted_ms:,.0f} ms", flush=True)
    return {"response_counts_557k_ms": round(counted_ms, 1)}


def _count_ahead(app, path: Path, consultation_id: int) -> dict:
    """`flask consultations count`, as the hourly timer runs it: across more than 200 schools, the results are
    counted and kept, and the pages read them (None: fewer schools, the pages count while the lead waits)."""
    started = time.perf_counter()
    answer = app.test_cli_runner().invoke(args=["consultations", "count"])
    seconds = time.perf_counter() - started
    assert answer.exit_code == 0, answer.output
    if answer.output.strip().endswith("0 consultation(s) counted."):
        print("   not counted ahead: the pages count while the lead waits", flush=True)
        return {"national_count_s": None, "kept_mb": None}
    db = connect(path)
    try:
        kept = db.execute(
            "SELECT SUM(LENGTH(shown)) FROM consultation_results_kept WHERE consultation_id = ?",
            (consultation_id,),
        ).fetchone()[0]
    finally:
        db.conn.close()
    print(f"   counted ahead in {seconds:,.1f} s, {kept / 1e6:,.1f} MB kept", flush=True)
    return {"national_count_s": round(seconds, 1), "kept_mb": round(kept / 1e6, 1)}


def _answers_export(client, url: str) -> dict:
    """Stream the anonymous answers a chunk at a time, keeping none, and count their rows."""
    before = _memory_kb()["VmRSS"]
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM from here
    started = time.perf_counter()
    response = client.get(url, buffered=False)
    assert response.status_code == 200
    lines = 0
    for chunk in response.response:
        lines += (chunk if isinstance(chunk, str) else chunk.decode()).count("\n")
        if EXPORT_ROWS and lines > EXPORT_ROWS:
            break  # as a browser that stops the download: the rest is never made
    response.close()
    seconds = time.perf_counter() - started
    peak_mb = (_memory_kb()["VmHWM"] - before) / 1024
    rows = lines - 1  # the header
    print(f"   anonymous answers: {rows:,} rows in {seconds:.1f} s, peak {peak_mb:.0f} MB more", flush=True)
    return {
        "export_rows": rows,
        "export_rows_per_s": round(rows / seconds),
        "export_peak_mb": round(peak_mb, 1),
    }


def _memory_kb() -> dict[str, int]:
    status = Path("/proc/self/status").read_text()
    return {name: int(kb) for name, kb in re.findall(r"(Vm\w+):\s+(\d+) kB", status)}


def _sign_in(app, client) -> None:
    app.config["WTF_CSRF_ENABLED"] = False  # signing in is not what is measured
    response = client.post("/sign-in", data={"email": "lead@bench.example", "password": PASSWORD})
    app.config["WTF_CSRF_ENABLED"] = True
    assert response.status_code == 302, "the lead could not sign in"


if __name__ == "__main__":
    print(run())
