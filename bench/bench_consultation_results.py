"""The results page of a school consultation of 10,000 responses: server time, median of several requests.

A temporary database holds one consultation on the primary questionnaire, 10,000 pupils in four classes,
each answering through the real questionnaire flow (300 distinct pupils' answers, reused, so that setting
up takes seconds). The lead signs in through the test client and asks for the results page.
"""

import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from dayinmylife import create_app, store
from dayinmylife.questionnaire import flow
from dayinmylife.signin.passwords import hash_password
from dayinmylife.store.db import connect, write_transaction
from dayinmylife.store.migrations import migrate

RESPONSES = 10_000
CLASSES = ("4 Birch", "5 Oak", "5 Ash", "6 Elm")
DISTINCT_PUPILS = 300
REPEATS = 7
PASSWORD = "benchmark password, long enough"


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        migrate(path)
        app = create_app({"DATABASE": str(path), "SECRET_KEY": "bench-" * 8, "TESTING": True})
        consultation_id = _consultation(app, path)
        client = app.test_client()
        _sign_in(app, client)
        url = f"/consultations/{consultation_id}/results"
        assert client.get(url).status_code == 200  # the first request warms the page cache and templates
        timings = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200 and b"Pupils who answered" in response.data
        print(f"   {RESPONSES} responses: {', '.join(f'{t:.0f}' for t in sorted(timings))} ms")
        return {"results_10000_responses_ms": round(statistics.median(timings), 1)}


def _consultation(app, path) -> int:
    db = connect(path)
    try:
        questionnaire = app.extensions["questionnaires"]["primary"]
        lead = store.users.create_user(
            db, "lead@bench.example", "Lead", hash_password(PASSWORD), "consultation_lead"
        )
        details = {
            "title": "Benchmark",
            "questionnaire_id": "primary",
            "opens_on": "2026-01-05",
            "closes_on": "2026-01-30",
            "min_group_size": 5,
            "max_responses": 20_000,
        }
        consultation_id = store.consultations.create_consultation(
            db, lead, details, list(CLASSES), lambda: "BENCH2"
        )
        groups = [group["id"] for group in store.consultations.consultation_groups(db, consultation_id)]
        rng = random.Random(7)
        pupils = [_answers(rng, questionnaire) for _ in range(DISTINCT_PUPILS)]
        _insert(db, questionnaire, consultation_id, groups, pupils, rng)
        return consultation_id
    finally:
        db.conn.close()


def _answers(rng: random.Random, questionnaire) -> dict:
    answers: dict = {}
    while step := flow.first_unanswered(flow.steps(questionnaire, answers), set(answers)):
        options = [option.value for option in step.question.options] + ["dont_know"]
        if step.question.free_text:
            value = rng.choice(["I like playtime.", None, "dont_know"])
        elif step.question.multiple:
            value = rng.sample(options[:-1], rng.randint(1, min(3, len(options) - 1)))
        else:
            value = rng.choices(options, weights=[8, *range(len(options) - 1, 0, -1)][: len(options)])[0]
        answers[step.key] = value if rng.random() > 0.02 else None
    return answers


def _insert(db, questionnaire, consultation_id, groups, pupils, rng) -> None:
    """Bulk inserts in one transaction: executemany, not the app's one answer at a time."""
    saved = "2026-01-12T10:00:00+00:00"
    first = (db.execute("SELECT COALESCE(MAX(id), 0) FROM sessions").fetchone()[0]) + 1
    sessions, answers = [], []
    for n in range(RESPONSES):
        session_id = first + n
        sessions.append(
            (
                session_id,
                questionnaire.id,
                questionnaire.version,
                saved,
                saved,
                consultation_id,
                groups[n % 4],
            )
        )
        for (question_id, day), value in rng.choice(pupils).items():
            stored = json.dumps(value) if value is not None else None
            answers.append((session_id, question_id, day, stored, int(value is None), saved))
    with write_transaction(db):
        db.conn.executemany(
            """
            INSERT INTO sessions (id, questionnaire_id, questionnaire_version, status, started_at, finished_at,
                                  consultation_id, consultation_group_id)
            VALUES (?, ?, ?, 'finished', ?, ?, ?, ?)
            """,
            sessions,
        )
        db.conn.executemany(
            "INSERT INTO answers (session_id, question_id, day, value, skipped, saved_at) VALUES (?, ?, ?, ?, ?, ?)",
            answers,
        )
    db.execute("ANALYZE")


def _sign_in(app, client) -> None:
    app.config["WTF_CSRF_ENABLED"] = False  # signing in is not what is measured
    response = client.post("/sign-in", data={"email": "lead@bench.example", "password": PASSWORD})
    app.config["WTF_CSRF_ENABLED"] = True
    assert response.status_code == 302, "the lead could not sign in"


if __name__ == "__main__":
    print(run())
