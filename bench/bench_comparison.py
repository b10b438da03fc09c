"""How long the server takes over the comparison and history pages of a child with 40 sessions, and over the
records for the case file as PDFs.

A temporary database holds one child with 40 finished sessions of the primary questionnaire, played through
the questionnaire flow from believable scripts that drift over the months. A signed-in test client asks for
the compare page (the latest two sessions) and the history page; the figure is the slower page's median.
Then the latest session's record as a PDF (`session_pdf_ms`, target under 1 s) and all 40 sessions over time
as a PDF (`history_pdf_ms`, target under 3 s): medians of a few, after a first that reads the fonts.
"""

import re
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dayinmylife import create_app, store
from dayinmylife.demo import play
from dayinmylife.demo.casework import (
    LEO_1,
    LEO_1_WEEKEND,
    LEO_2,
    LEO_2_WEEKEND,
    LEO_3,
    LEO_3_WEEKEND,
    LEO_4,
    ScriptedSession,
)
from dayinmylife.signin.passwords import hash_password
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate

SESSIONS = 40
REPEATS = 25
PDF_REPEATS = 5
PASSWORD = "benchmark-password-1"
STAGES = ((LEO_1, LEO_1_WEEKEND), (LEO_2, LEO_2_WEEKEND), (LEO_3, LEO_3_WEEKEND), (LEO_4, LEO_3_WEEKEND))
BEDTIMES = ("22:00", "21:30", "21:00", "20:30", "20:00", "19:30")
FEELINGS = ("sad", "okay", "okay", "happy", "very_happy", "happy")


def visit(number: int) -> ScriptedSession:
    """The number-th session: the story's stage for that point, with bedtimes and feelings that wander."""
    answers, weekend = STAGES[number * len(STAGES) // SESSIONS]
    answers = {
        **answers,
        "bedtime_time": BEDTIMES[(number // 7 + number % 2) % len(BEDTIMES)],
        "feeling_at_school": FEELINGS[(number // 5 + number % 3) % len(FEELINGS)],
        "school_own_words": f"Session {number + 1}: " + (answers["school_own_words"] or ""),
    }
    return ScriptedSession(days_ago=(SESSIONS - number) * 30, answers=answers, weekend=weekend)


def seed(path: Path, questionnaire) -> int:
    """Make the practitioner and the child with 40 sessions; return the child's id."""
    db = connect(path)
    user_id = store.users.create_user(db, "bench@example.org", "Bench Marker", hash_password(PASSWORD))
    child_id = store.children.create_child(db, user_id, "Leo", "2019-03-14", "BENCH-1")
    start = datetime(2023, 1, 9, 10, tzinfo=UTC)
    for number in range(SESSIONS):
        started = (start + timedelta(days=30 * number)).isoformat()
        session_id = store.sessions.start_session(db, child_id, questionnaire, user_id, started_at=started)
        play(db, session_id, questionnaire, visit(number))
        store.sessions.finish_session(db, session_id, finished_at=started)
    db.conn.close()
    return child_id


def median_ms(client, url: str, repeats: int = REPEATS) -> float:
    client.get(url)  # warm up: templates compiled, caches filled
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings)


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        migrate(path)
        app = create_app({"DATABASE": str(path), "SECRET_KEY": "bench-secret-" * 3, "TESTING": True})
        child_id = seed(path, app.extensions["questionnaires"]["primary"])
        client = app.test_client()
        token = re.search(
            r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', client.get("/sign-in").text
        ).group(1)
        client.post(
            "/sign-in", data={"email": "bench@example.org", "password": PASSWORD, "csrf_token": token}
        )
        compare_ms = median_ms(client, f"/children/{child_id}/compare")
        history_ms = median_ms(client, f"/children/{child_id}/history")
        db = connect(path)
        latest = store.sessions.latest_session_of_child(db, child_id)["id"]
        db.conn.close()
        session_pdf_ms = median_ms(client, f"/sessions/{latest}/record.pdf", PDF_REPEATS)
        history_pdf_ms = median_ms(client, f"/children/{child_id}/history/record.pdf", PDF_REPEATS)
    print(f"   compare page: {compare_ms:.1f} ms, history page: {history_ms:.1f} ms (median of {REPEATS})")
    print(f"   session PDF: {session_pdf_ms:.0f} ms, 40-session history PDF: {history_pdf_ms:.0f} ms")
    return {
        "comparison_40_sessions_ms": round(max(compare_ms, history_ms), 1),
        "session_pdf_ms": round(session_pdf_ms),
        "history_pdf_ms": round(history_pdf_ms),
    }
