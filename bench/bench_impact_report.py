"""How long the server takes over the partnership's impact report: 10,000 children across 42 teams.

A temporary database holds 42 teams of 8 practitioners with 30 children each (10,080 children), each child
with a finished session of the primary questionnaire in this quarter and one in the quarter before (a fifth
of them a parent's account), answered from the demo's scripts (Leo's four stages), and a third of them with
two agreed outcomes. Rows are written in bulk, and each session's findings are kept as the app keeps them
(worked out once per stage: the same answers find the same things). An administrator's signed-in test client
asks for the report, which counts both quarters per team and suppresses small numbers in every table; the
figure is the median (`impact_report_ms`).
"""

import json
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dayinmylife import clock, create_app, store
from dayinmylife.demo.casework import LEO_1, LEO_2, LEO_3, LEO_4
from dayinmylife.impact.figures import Quarter
from dayinmylife.questionnaire.findings import stamp
from dayinmylife.questionnaire.model import Answer
from dayinmylife.questionnaire.reading import findings_of
from dayinmylife.signin.passwords import hash_password
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate

TEAMS, PRACTITIONERS_EACH, CHILDREN_EACH = 42, 8, 30
REPEATS = 7
PASSWORD = "benchmark-password-1"
STAGES = (LEO_1, LEO_2, LEO_3, LEO_4)


def _answers(questionnaire, script: dict) -> list[tuple[str, str, str]]:
    return [
        (question_id, questionnaire.questions_by_id[question_id].day_kinds[0], json.dumps(value))
        for question_id, value in script.items()
        if question_id in questionnaire.questions_by_id and value is not None
    ]


def seed(path: Path, questionnaire) -> None:
    db = connect(path)
    db.execute("PRAGMA synchronous = OFF")  # seeding only: the page is measured on a normal connection
    password = hash_password(PASSWORD)
    store.users.create_user(db, "admin@example.org", "Administrator", password, "administrator")
    this = Quarter.of(clock.today())
    answers = [_answers(questionnaire, script) for script in STAGES]
    found = [
        findings_of(questionnaire, {(q, d): Answer(json.loads(v)) for q, d, v in stage}) for stage in answers
    ]
    kept = [(findings.to_json(), findings.counted()) for findings in found]
    label = stamp(questionnaire)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with db.conn:  # one transaction: committed at the end
        for team_number in range(TEAMS):
            team = db.execute(
                "INSERT INTO teams (name, created_at) VALUES (?, ?)", (f"Team {team_number}", now)
            ).lastrowid
            for number in range(PRACTITIONERS_EACH):
                email = f"p{team_number}-{number}@example.org"
                user = db.execute(
                    "INSERT INTO users (email, name, password_hash, role, created_at) "
                    "VALUES (?, ?, ?, 'practitioner', ?)",
                    (email, email, password, now),
                ).lastrowid
                db.execute(
                    "INSERT INTO team_members (team_id, user_id, manages) VALUES (?, ?, 0)", (team, user)
                )
                _caseload(db, questionnaire, user, this, answers, kept, label, team_number * 1000 + number)
    db.conn.close()


def _caseload(db, questionnaire, user, this, answers, kept, label, seed_number) -> None:
    for c in range(CHILDREN_EACH):
        index = seed_number * CHILDREN_EACH + c
        child = db.execute(
            "INSERT INTO children (display_name, date_of_birth, created_at) VALUES (?, '2018-05-01', ?)",
            (f"Child {index}", "2025-01-01T00:00:00+00:00"),
        ).lastrowid
        db.execute("INSERT INTO child_practitioners (child_id, user_id) VALUES (?, ?)", (child, user))
        for when, stage in ((this.previous.start, index % 3), (this.start, index % 3 + index % 2)):
            started = f"{(when + timedelta(days=index % 60)).isoformat()}T10:00:00+00:00"
            account = "parent_carer" if index % 5 == 0 else "child"
            session = db.execute(
                "INSERT INTO sessions (child_id, questionnaire_id, questionnaire_version, status, started_by,"
                " started_at, finished_at, account) VALUES (?, ?, ?, 'finished', ?, ?, ?, ?)",
                (child, questionnaire.id, questionnaire.version, user, started, started, account),
            ).lastrowid
            db.conn.executemany(
                "INSERT INTO answers (session_id, question_id, day, value, saved_at) VALUES (?, ?, ?, ?, ?)",
                [(session, q, d, v, started) for q, d, v in answers[stage]],
            )
            db.execute(
                "INSERT INTO session_findings (session_id, stamp, findings, counted) VALUES (?, ?, ?, ?)",
                (session, label, *kept[stage]),
            )
        if index % 3 == 0:
            for question_id, day in (("had_breakfast", "school"), ("bedtime_time", "school")):
                db.execute(
                    "INSERT INTO outcomes (child_id, statement, question_id, day, met_when, created_by,"
                    " created_at) VALUES (?, 'An outcome', ?, ?, '[\"yes\", \"20:00\"]', ?, ?)",
                    (child, question_id, day, user, "2025-01-01T00:00:00+00:00"),
                )


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        migrate(path)
        app = create_app({"DATABASE": str(path), "SECRET_KEY": "bench-" * 8, "TESTING": True})
        started = time.perf_counter()
        seed(path, app.extensions["questionnaires"]["primary"])
        print(
            f"   seeded {TEAMS * PRACTITIONERS_EACH * CHILDREN_EACH} children in {time.perf_counter() - started:.0f} s"
        )
        app.config["WTF_CSRF_ENABLED"] = False
        client = app.test_client()
        client.post("/sign-in", data={"email": "admin@example.org", "password": PASSWORD})
        timings = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            response = client.get("/impact")
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200 and "10080 children were heard this quarter" in response.text
        return {"impact_report_ms": round(statistics.median(timings), 1)}


if __name__ == "__main__":
    print(run())
