"""How much server CPU a pupil's question page and answer save cost, against the floor of the same stack.

Wall-clock load runs (bench_school) are noisy on a shared machine; CPU time per request much less so. A temporary
database holds an open consultation on the primary questionnaire; the app runs in its production
configuration (CSRF, the Secure session cookie, so the test client speaks https). PUPILS_IN_PROCESS pupils
join through the test client and answer the whole questionnaire; every question GET and answer POST is timed
with `time.process_time` (this process's CPU, whatever else the machine runs).

In the same process and rounds, each pupil is followed by one through bench/floor_app.py: Flask with the same
signed session cookie, Flask-WTF's CSRF check, Jinja rendering the very pages the app served (captured in the
warm-up), one row read a page, one upsert a save (BEGIN IMMEDIATE, WAL, synchronous FULL, a kept connection)
and a redirect. `floor_ratio_get` and `floor_ratio_post` are the floor's CPU ÷ the app's (1.0: the app costs no
more than the bare stack), the median of three rounds' ratios; the milliseconds are the medians of the least
disturbed round. A busy machine still inflates CPU time (shared caches and cores), so compare figures taken
side by side.

    .venv/bin/python -m bench.bench_question_page            # the figures
    .venv/bin/python -m bench.bench_question_page --profile  # and a pyinstrument profile of the same flow
"""

import html
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import floor_app
from bench.bench_school import CODE, _consultation  # the same school as the load run
from dayinmylife import create_app

PUPILS_IN_PROCESS = 5
ROUNDS = 3  # the figure is the least disturbed round's: other processes slow even CPU time a little
SECRET = "bench-question-page-" * 3
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
CHOICES = re.compile(r'<input type="(radio|checkbox)" name="answer" value="([^"]+)"')
SOURCES = re.compile(r'<input type="radio" name="source" value="([^"]+)"')
GROUPS = re.compile(r'<input type="radio" name="group" id="[^"]+" value="([^"]+)"')
FIRST_QUESTION = re.compile(r'<a class="button button--go" href="([^"]+)"')
QUESTION_URL = re.compile(r"/day/\d+/[a-z-]+/[^/?]+$")


def _timed(timings: list, call, *args, **kwargs):
    started = time.process_time()
    response = call(*args, **kwargs)
    timings.append((time.process_time() - started) * 1000)
    return response


def _pupil(client, question_ms: list, answer_ms: list, pages: list | None = None) -> None:
    """Join with the code and answer every question, timing each question page and each answer save (and
    keeping each question page, if asked)."""
    page = client.get("/join/").text
    client.post("/join/", data={"csrf_token": CSRF.search(page).group(1), "code": CODE})
    page = client.get("/join/start").text
    data = {"csrf_token": CSRF.search(page).group(1), "action": "start", "group": GROUPS.findall(page)[0]}
    start = client.post("/join/start", data=data).headers["Location"]
    where = start
    while not QUESTION_URL.search(where):  # the start page, then who will see the answers
        where = html.unescape(FIRST_QUESTION.search(client.get(where).text).group(1))
    while QUESTION_URL.search(where):
        response = _timed(question_ms, client.get, where)
        assert response.status_code == 200, (where, response.status_code)
        page = response.text
        if pages is not None:
            pages.append(page)
        data = {"csrf_token": CSRF.search(page).group(1), "action": "continue"}
        choices = CHOICES.findall(page)
        data["answer"] = html.unescape(choices[0][1]) if choices else "I like playtime."
        if sources := SOURCES.findall(page):
            data["source"] = sources[0]
        response = _timed(answer_ms, client.post, where, data=data)
        assert response.status_code == 302, (where, response.status_code)
        where = response.headers["Location"]


def _floor_pupil(client, pupil: int, steps: int, question_ms: list, answer_ms: list) -> None:
    """The same number of question pages and answer saves through the floor."""
    for step in range(steps):
        where = f"/floor/{pupil}/{step}"
        response = _timed(question_ms, client.get, where)
        assert response.status_code == 200, (where, response.status_code)
        data = {"csrf_token": CSRF.search(response.text).group(1), "answer": "yes"}
        response = _timed(answer_ms, client.post, where, data=data)
        assert response.status_code == 302, (where, response.status_code)


def _client(app):
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"  # the session cookie is Secure, as behind TLS
    return client


def question_pages(database: Path) -> list[str]:
    """The question pages of one pupil's whole questionnaire as the app serves them (for the floor to render)."""
    app = create_app({"DATABASE": str(database), "SECRET_KEY": SECRET, "DAYINMYLIFE_ENV": "production"})
    pages: list = []
    _pupil(_client(app), [], [], pages)
    return pages


def measure(pupils: int = PUPILS_IN_PROCESS) -> dict[str, list]:
    """Play pupils through the questionnaire, each followed by one through the floor; return the CPU
    milliseconds of each question GET and answer POST, the app's and the floor's."""
    timings: dict[str, list] = {"question": [], "answer": [], "floor_question": [], "floor_answer": []}
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "question.sqlite3"
        _consultation(database)
        app = create_app({"DATABASE": str(database), "SECRET_KEY": SECRET, "DAYINMYLIFE_ENV": "production"})
        pages: list = []
        _pupil(_client(app), [], [], pages)  # warm up: templates, caches; and the pages the floor serves
        floor = floor_app.create_app(str(Path(folder) / "floor.sqlite3"), pages, SECRET)
        _floor_pupil(_client(floor), 0, len(pages), [], [])
        for pupil in range(1, pupils + 1):
            _pupil(_client(app), timings["question"], timings["answer"])
            _floor_pupil(
                _client(floor), pupil, len(pages), timings["floor_question"], timings["floor_answer"]
            )
    return timings


def run() -> dict:
    rounds = [measure() for _ in range(ROUNDS)]
    # The least disturbed round (the app's cheapest), its floor measured beside it in the same minutes.
    quiet = min(rounds, key=lambda timings: statistics.median(timings["question"] + timings["answer"]))
    median = {name: round(statistics.median(values), 2) for name, values in quiet.items()}
    p95 = {name: round(_p95(values), 2) for name, values in quiet.items()}
    figures = {
        "question_page_cpu_ms": median["question"],
        "answer_save_cpu_ms": median["answer"],
        "floor_question_page_cpu_ms": median["floor_question"],
        "floor_answer_save_cpu_ms": median["floor_answer"],
        # Each round's floor ÷ app, the median of the rounds: both sides measured in the same minutes.
        "floor_ratio_get": _ratio(rounds, "question"),
        "floor_ratio_post": _ratio(rounds, "answer"),
    }
    print(
        f"   CPU per request, median of {len(quiet['question'])} (the quietest of {ROUNDS} rounds), app against "
        f"floor: question page {median['question']} ms (p95 {p95['question']}) against "
        f"{median['floor_question']} (p95 {p95['floor_question']}); answer save {median['answer']} ms "
        f"(p95 {p95['answer']}) against {median['floor_answer']} (p95 {p95['floor_answer']})"
    )
    return figures


def _ratio(rounds: list[dict], name: str) -> float:
    ratios = [
        statistics.median(timings[f"floor_{name}"]) / statistics.median(timings[name]) for timings in rounds
    ]
    return round(statistics.median(ratios), 2)


def _p95(values: list) -> float:
    return statistics.quantiles(values, n=20)[-1]


def profile() -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    measure(pupils=3)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    if "--profile" in sys.argv:
        profile()
    else:
        print(run())
