"""How long the server takes over a manager's Team page: 8 practitioners, 240 children, 2,000 sessions.

A temporary database holds a team of 8 practitioners with 30 children each and 2,000 finished sessions of the
primary questionnaire over two years, answered from the demo's scripts: a third of the children stay where Leo
started (drifting), a third improve as Leo did, a third swing between the two. The manager's signed-in test
client asks for the Team page, which works out where every child stands and what to raise in supervision;
the figure is the median (`team_page_ms`) once each session's findings are kept (the first visit, which reads
every session once, is printed beside it: in use, each session is read when a page first needs it).
"""

import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dayinmylife import create_app, store
from dayinmylife.demo.casework import LEO_1, LEO_2, LEO_3, LEO_4
from dayinmylife.signin.passwords import hash_password
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate

PRACTITIONERS, CHILDREN_EACH, SESSIONS = 8, 30, 2000
REPEATS = 9
PASSWORD = "benchmark-password-1"
STAGES = (LEO_1, LEO_2, LEO_3, LEO_4)


def stage(child: int, number: int, sessions: int) -> dict:
    """What the child says at their number-th session: drifting, improving or swinging."""
    if child % 3 == 0:
        return LEO_1
    if child % 3 == 1:
        return STAGES[number * len(STAGES) // sessions]
    return STAGES[(number % 2) * 2]


def seed(path: Path, questionnaire) -> None:
    db = connect(path)
    db.execute("PRAGMA synchronous = OFF")  # seeding only: the page is measured on a normal connection
    password = hash_password(PASSWORD)
    team = store.teams.create_team(db, "Bench team")
    manager = store.users.create_user(db, "manager@example.org", "Manager", password, "manager")
    store.teams.add_member(db, team, manager, manages=True)
    children = []
    for number in range(PRACTITIONERS):
        user = store.users.create_user(db, f"p{number}@example.org", f"Practitioner {number}", password)
        store.teams.add_member(db, team, user, manages=False)
        children += [
            (user, store.children.create_child(db, user, f"Child {number}-{c}", "2018-05-01", None))
            for c in range(CHILDREN_EACH)
        ]
    start = datetime.now(UTC) - timedelta(days=730)
    per_child = SESSIONS // len(children)
    extra = SESSIONS - per_child * len(children)
    for index, (user, child) in enumerate(children):
        count = per_child + (1 if index < extra else 0)
        for number in range(count):
            started = (start + timedelta(days=(730 * number) // count + index % 20)).isoformat(
                timespec="seconds"
            )
            session = store.sessions.start_session(db, child, questionnaire, user, started_at=started)
            for question_id, value in stage(index, number, count).items():
                question = questionnaire.questions_by_id.get(question_id)
                if question is not None and value is not None:
                    store.sessions.save_answer(db, session, question_id, question.day_kinds[0], value)
            store.sessions.finish_session(db, session, finished_at=started)
    db.conn.close()


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        migrate(path)
        app = create_app({"DATABASE": str(path), "SECRET_KEY": "bench-" * 8, "TESTING": True})
        seed(path, app.extensions["questionnaires"]["primary"])
        app.config["WTF_CSRF_ENABLED"] = False
        client = app.test_client()
        client.post("/sign-in", data={"email": "manager@example.org", "password": PASSWORD})
        started = time.perf_counter()
        client.get("/team")  # the first visit reads every session once and keeps what each found
        print(
            f"   first visit (every session read and its findings kept): {(time.perf_counter() - started) * 1000:.0f} ms"
        )
        timings = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            response = client.get("/team")
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200 and "Child 7-29" in response.text
        return {"team_page_ms": round(statistics.median(timings), 1)}


if __name__ == "__main__":
    print(run())
