"""Every command the README shows for the command line runs as printed, on a database `make run` would make.

The commands are read from README.md itself, so a command changed there is the command tested. They run in a
folder of their own (with `.venv` linked in, so `.venv/bin/flask` is the README's path), on a fresh shell's
environment: no DAYINMYLIFE_ENV, so they run as production, as a newcomer's would. Two things differ from a
newcomer's machine, and only these: DAYINMYLIFE_DATABASE points at this test's own database instead of
`instance/`, and the production paths under /srv/ are made under the test's folder.
"""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "kettle-on-the-landing-42"


def readme_commands() -> list[str]:
    """The shell commands in README.md's code blocks that run the app's own tools (not `make`)."""
    commands, current = [], ""
    for line in (ROOT / "README.md").read_text().splitlines():
        if not line.startswith("    ") or line.startswith("    |"):
            current = ""
            continue
        text = line.strip()
        if current:
            current += "\n" + text
        elif re.match(r"(DAYINMYLIFE_\w+=|\.venv/bin/(flask|gunicorn) )", text):
            current = text
        else:
            continue
        if not text.endswith("\\"):
            commands.append(current)
            current = ""
    return commands


COMMANDS = readme_commands()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A folder to run the commands in, with a demo database made the way `make run` makes it."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / ".venv").symlink_to(Path(sys.prefix))
    env = {**shell_environment(folder), "DAYINMYLIFE_ENV": "development"}
    made = subprocess.run(
        [".venv/bin/flask", "--app", "dayinmylife", "demo"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    return folder


def shell_environment(folder: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DAYINMYLIFE_", "FLASK_"))}
    return {**env, "DAYINMYLIFE_DATABASE": str(folder / "demo.sqlite3")}


def run(folder: Path, command: str, stdin: str = "") -> subprocess.CompletedProcess:
    command = command.replace("/srv/", f"{folder}/srv/")
    return subprocess.run(
        ["bash", "-c", command],
        cwd=folder,
        env=shell_environment(folder),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_readme_shows_the_commands_a_newcomer_needs():
    shown = " ".join(COMMANDS)
    for command in (
        "user create",
        "user list",
        "user disable",
        "user reset-password",
        "user role",
        "retention",
    ):
        assert command in shown
    assert "backup" in shown and "questionnaires check" in shown and "gunicorn" in shown


def runs_until_stopped(command: str) -> bool:
    return "gunicorn" in command or " replicate" in command or " restore " in command


@pytest.mark.parametrize("command", [c for c in COMMANDS if not runs_until_stopped(c) and "\\" not in c])
def test_each_flask_command_runs_as_printed(folder, command):
    answer = run(folder, command, stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert answer.returncode == 0, answer.stdout + answer.stderr
    assert "Traceback" not in answer.stderr


def test_the_account_commands_did_what_they_say(folder):
    for command in COMMANDS:
        if " user " in command:
            run(folder, command, stdin=f"{PASSWORD}\n{PASSWORD}\n")
    accounts = run(folder, ".venv/bin/flask --app dayinmylife user list").stdout
    assert re.search(r"kim@example.org\tadministrator\tdisabled\tKim Lee", accounts)  # as the README left Kim
    assert re.search(r"head@school.example\tconsultation_lead\tactive\tJo Head", accounts)


def test_help_lists_the_apps_own_commands(folder):
    shown = run(folder, ".venv/bin/flask --app dayinmylife --help")
    assert shown.returncode == 0
    for command in ("backup", "demo", "questionnaires", "retention", "user"):
        assert re.search(rf"^\s+{command}\s", shown.stdout, re.M), shown.stdout


def test_a_command_without_a_database_says_so_in_one_line(tmp_path):
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    answer = run(tmp_path, ".venv/bin/flask --app dayinmylife user list")
    assert answer.returncode != 0 and "Traceback" not in answer.stderr
    assert answer.stderr.strip().count("\n") == 0 and "There is no Day in my life database" in answer.stderr
    assert not (tmp_path / "demo.sqlite3").exists()  # and it made no empty one


def test_serving_pages_without_a_secret_key_is_refused_in_one_line(folder):
    answer = run(folder, ".venv/bin/flask --app dayinmylife run --port 5999")
    assert answer.returncode != 0 and "Traceback" not in answer.stderr
    assert "will not start in production without a secret key" in answer.stderr


def test_running_it_for_real_migrates_then_serves_with_gunicorn(folder):
    migrate = next(c for c in COMMANDS if "\\" in c and c.endswith("migrate"))
    answer = run(folder, migrate)
    assert answer.returncode == 0, answer.stderr
    database = folder / "srv/dayinmylife/dayinmylife.sqlite3"
    assert database.is_file()
    gunicorn = next(c for c in COMMANDS if c.startswith(".venv/bin/gunicorn"))
    port = re.search(r"--bind 127.0.0.1:(\d+)", gunicorn).group(1)
    env = {
        **shell_environment(folder),
        # "Set the same two variables for gunicorn."
        "DAYINMYLIFE_DATABASE": str(database),
        "DAYINMYLIFE_SECRET_KEY": os.urandom(32).hex(),
    }
    server = subprocess.Popen(["bash", "-c", f"exec {gunicorn}"], cwd=folder, env=env, start_new_session=True)
    try:
        page = None
        for _ in range(100):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        assert page is not None and page.status == 200
        assert "__Host-session" in page.headers.get("Set-Cookie", "") or "Sign in" in page.read().decode()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_the_restore_drill_restores_what_replicating_copied(folder):
    """Replicate as the README shows, then restore as it shows: the restored database has every answer."""
    replicate = next(c for c in COMMANDS if c.endswith("flask --app dayinmylife replicate"))
    restore = next(c for c in COMMANDS if " restore " in c)
    replicating = subprocess.Popen(
        ["bash", "-c", replicate.replace("/srv/", f"{folder}/srv/")],
        cwd=folder,
        env=shell_environment(folder),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    restored = folder / "srv/dayinmylife/restored.sqlite3"
    try:
        source = sqlite3.connect(folder / "demo.sqlite3")
        answers = source.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
        source.close()
        for _ in range(40):
            time.sleep(0.5)
            restored.unlink(missing_ok=True)
            if run(folder, restore).returncode == 0:
                copy = sqlite3.connect(restored)
                found = copy.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
                copy.close()
                if found == answers:
                    break
        else:
            pytest.fail("the README's restore never gave back every answer")
    finally:
        os.killpg(replicating.pid, signal.SIGTERM)
        replicating.wait(timeout=30)
    assert answers > 100


def test_the_deploy_files_run_the_commands_the_readme_shows():
    deploy = ROOT / "deploy"
    gunicorn = next(c for c in COMMANDS if c.startswith(".venv/bin/gunicorn"))
    units = {path.name: path.read_text() for path in deploy.glob("*.service")}
    assert f"ExecStart=/srv/dayinmylife/app/{gunicorn}" in units["dayinmylife.service"]
    assert (
        "ExecStart=/srv/dayinmylife/app/.venv/bin/flask --app dayinmylife replicate"
        in units["dayinmylife-replica.service"]
    )
    assert ".venv/bin/flask --app dayinmylife backup /srv/backups/" in units["dayinmylife-backup.service"]
    counting = next(c for c in COMMANDS if c.endswith("consultations count"))
    assert f"ExecStart=/srv/dayinmylife/app/{counting}" in units["dayinmylife-count.service"]
    timers = {path.stem for path in deploy.glob("*.timer")}
    assert timers == {"dayinmylife-backup", "dayinmylife-count"} and timers <= set(
        re.search(r"systemctl enable --now (.*)", (ROOT / "README.md").read_text())
        .group(1)
        .replace(".timer", "")
        .split()
    )
    assert all("EnvironmentFile=/etc/dayinmylife.env" in unit for unit in units.values())
    settings = re.findall(r"^(DAYINMYLIFE_\w+)=", (deploy / "dayinmylife.env").read_text(), re.M)
    read = (ROOT / "dayinmylife" / "config.py").read_text()
    assert settings and all(f'"{setting}"' in read for setting in settings)
    caddy = [
        line.strip() for line in (deploy / "Caddyfile").read_text().splitlines() if not line.startswith("#")
    ]
    assert "reverse_proxy 127.0.0.1:8000" in caddy
    assert not any(line.startswith("encode") for line in caddy)  # pages are never compressed (BREACH)
