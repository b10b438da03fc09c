"""How long the server takes over the partnership's impact report: 10,000 children across 42 teams.

A temporary database holds 42 teams of 8 practitioners with 30 children each (10,080 children), each child
with a finished session of the primary questionnaire in each of the last three quarters, this one included
(a fifth of them a parent's account), answered from the demo's scripts (Leo's four stages), and a third of
them with two agreed outcomes. Rows are written in bulk, and each session's findings are kept as the app keeps
them (worked out once per stage: the same answers find the same things). An administrator's signed-in test
client asks for the report: the latest quarter that is over beside the one before, each counted per team and
suppressed. The figure (`impact_report_ms`) is the median of views each right after another session finished
this quarter, as in use (a quarter that is over is worked out again only when what it counts changes); the
first view, this quarter's own page after a session, and a view after an outcome is agreed (every quarter
worked out again) are printed beside it.
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
        stages = (index % 3, index % 3, index % 3 + index % 2)
        for when, stage in zip(
            (this.previous.previous.start, this.previous.start, this.start), stages, strict=True
        ):
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
        started = time.perf_counter()
        assert "10080 children were heard this quarter" in client.get("/impact").text
        print(f"   first view (both quarters worked out): {(time.perf_counter() - started) * 1000:.0f} ms")
        timings, this_quarter = [], []
        for number in range(REPEATS):
            _another_session(path, number)
            started = time.perf_counter()
            response = client.get("/impact")
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200 and "10080 children were heard this quarter" in response.text
            _another_session(path, REPEATS + number)
            started = time.perf_counter()
            client.get(f"/impact?quarter={Quarter.of(clock.today()).slug}")
            this_quarter.append((time.perf_counter() - started) * 1000)
        print(
            f"   this quarter's page after a session (it worked out again): {statistics.median(this_quarter):.0f} ms"
        )
        db = connect(path)
        db.execute(
            "UPDATE outcomes SET statement = statement WHERE id = 1"
        )  # as an outcome agreed: every quarter
        db.execute(
            "INSERT INTO outcomes (child_id, statement, question_id, day, met_when, created_at)"
            " VALUES (1, 'Another', 'had_breakfast', 'school', '[\"yes\"]', '2026-01-01')"
        )
        db.conn.commit()
        db.conn.close()
        started = time.perf_counter()
        client.get("/impact")
        print(
            f"   after an outcome is agreed (both quarters worked out): {(time.perf_counter() - started) * 1000:.0f} ms"
        )
        return {"impact_report_ms": round(statistics.median(timings), 1)}


def _another_session(path: Path, number: int) -> None:
    """A session finishing this quarter, as the app writes it."""
    db = connect(path)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    db.execute(
        "INSERT INTO sessions (child_id, questionnaire_id, questionnaire_version, status, started_by, started_at,"
        " finished_at, account) VALUES (?, 'primary', 1, 'finished', NULL, ?, ?, 'child')",
        (number + 1, started, started),
    )
    db.conn.commit()
    db.conn.close()


if __name__ == "__main__":
    print(run())
