"""Command-line tasks, and refusing to start on a broken questionnaire."""

import secrets
import shutil

import pytest

from dayinmylife import create_app, store
from dayinmylife.questionnaire.loader import QUESTIONNAIRES_DIR, QuestionnaireError


def test_questionnaires_check_prints_a_line_per_questionnaire(app):
    result = app.test_cli_runner().invoke(args=["questionnaires", "check"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert [line.split()[0] for line in lines] == ["baby", "preschool", "primary", "teenager", "disability"]
    assert "parts" in lines[2] and "questions" in lines[2] and "v1" in lines[2]
    assert "44-64 pages in a session, about 6-9 minutes" in lines[2]  # primary: see test_length.py
    assert (
        "ages 3-17" in lines[4] and "about 4-5 minutes" in lines[4]
    )  # a picture at a time, without JavaScript


def test_a_broken_questionnaire_stops_the_check_with_its_name(app, tmp_path):
    """The check reads the folder the app is set to use, so a file broken after the app started is caught."""
    folder = tmp_path / "questionnaires"
    shutil.copytree(QUESTIONNAIRES_DIR, folder)
    primary = folder / "primary.yaml"
    primary.write_text(primary.read_text().replace("id: had_breakfast", "id: who_wakes_you", 1))
    app.config["QUESTIONNAIRES_DIR"] = str(folder)
    result = app.test_cli_runner().invoke(args=["questionnaires", "check"])
    assert result.exit_code == 1
    assert "primary.yaml, question 'who_wakes_you'" in result.output


def test_user_create_makes_a_practitioner_who_can_sign_in(app, db, client):
    result = app.test_cli_runner().invoke(
        args=[
            "user",
            "create",
            "kim@example.org",
            "--name",
            "Kim Lee",
            "--password",
            "a long enough password",
        ]
    )
    assert result.exit_code == 0, result.output
    assert store.users.user_by_email(db, "kim@example.org")["name"] == "Kim Lee"


def test_user_create_refuses_a_short_password_and_a_second_account(app, db):
    runner = app.test_cli_runner()
    short = runner.invoke(args=["user", "create", "kim@example.org", "--name", "Kim", "--password", "short"])
    assert short.exit_code != 0 and "at least 12" in short.output
    runner.invoke(
        args=["user", "create", "kim@example.org", "--name", "Kim", "--password", "a long enough password"]
    )
    again = runner.invoke(
        args=["user", "create", "KIM@example.org", "--name", "Kim", "--password", "a long enough password"]
    )
    assert again.exit_code != 0 and "already" in again.output


def test_user_create_asks_for_the_password_when_not_given(app, db):
    result = app.test_cli_runner().invoke(
        args=["user", "create", "kim@example.org", "--name", "Kim"],
        input="a long enough password\na long enough password\n",
    )
    assert result.exit_code == 0, result.output


def test_the_app_refuses_to_start_on_a_broken_questionnaire(tmp_path):
    broken = tmp_path / "questionnaires"
    shutil.copytree(QUESTIONNAIRES_DIR, broken)
    primary = broken / "primary.yaml"
    primary.write_text(primary.read_text().replace("type: feelings", "type: slider", 1))
    with pytest.raises(QuestionnaireError) as refused:
        create_app(
            {
                "DATABASE": str(tmp_path / "db.sqlite3"),
                "SECRET_KEY": secrets.token_hex(32),
                "QUESTIONNAIRES_DIR": broken,
            }
        )
    assert "primary.yaml" in str(refused.value) and "question 'feeling_at_school'" in str(refused.value)
