"""How much server CPU a pupil's question page and answer save cost, measured in-process.

Wall-clock load runs (bench_school) are noisy on a shared machine; CPU time per request much less so. A temporary
database holds an open consultation on the primary questionnaire; the app runs in its production
configuration (CSRF, the Secure session cookie, so the test client speaks https). PUPILS_IN_PROCESS pupils
join through the test client and answer the whole questionnaire; every question GET and answer POST is timed
with `time.process_time` (this process's CPU, whatever else the machine runs). The figures are the medians of
the least disturbed of three rounds. A busy machine still inflates CPU time (shared caches and cores), so
compare figures taken side by side.

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


def _pupil(client, question_ms: list, answer_ms: list) -> None:
    """Join with the code and answer every question, timing each question page and each answer save."""
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
        data = {"csrf_token": CSRF.search(page).group(1), "action": "continue"}
        choices = CHOICES.findall(page)
        data["answer"] = html.unescape(choices[0][1]) if choices else "I like playtime."
        if sources := SOURCES.findall(page):
            data["source"] = sources[0]
        response = _timed(answer_ms, client.post, where, data=data)
        assert response.status_code == 302, (where, response.status_code)
        where = response.headers["Location"]


def _client(app):
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"  # the session cookie is Secure, as behind TLS
    return client


def measure(pupils: int = PUPILS_IN_PROCESS) -> tuple[list, list]:
    """Play pupils through the questionnaire; return the CPU milliseconds of each question GET and answer POST."""
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "question.sqlite3"
        _consultation(database)
        app = create_app({"DATABASE": str(database), "SECRET_KEY": SECRET, "DAYINMYLIFE_ENV": "production"})
        question_ms: list = []
        answer_ms: list = []
        _pupil(_client(app), [], [])  # warm up: templates, caches
        for _ in range(pupils):
            _pupil(_client(app), question_ms, answer_ms)
    return question_ms, answer_ms


def run() -> dict:
    rounds = [measure() for _ in range(ROUNDS)]
    question_ms = min((question for question, _ in rounds), key=statistics.median)
    answer_ms = min((answer for _, answer in rounds), key=statistics.median)
    figures = {
        "question_page_cpu_ms": round(statistics.median(question_ms), 2),
        "answer_save_cpu_ms": round(statistics.median(answer_ms), 2),
    }
    print(
        f"   CPU per request, median of {len(question_ms)} (best of {ROUNDS} rounds): question page {figures['question_page_cpu_ms']} ms "
        f"(p95 {_p95(question_ms):.2f}), answer save {figures['answer_save_cpu_ms']} ms (p95 {_p95(answer_ms):.2f})"
    )
    return figures


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
