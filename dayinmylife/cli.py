"""Command-line tasks: check questionnaires, create practitioners, set up the demo."""

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from . import queries
from .auth import MIN_PASSWORD_LENGTH, hash_password
from .db import connect, migrate
from .questionnaire.loader import QuestionnaireError, load_all

questionnaires_cli = AppGroup("questionnaires", help="Questionnaire files.")
user_cli = AppGroup("user", help="Practitioner accounts.")


@questionnaires_cli.command("check")
def check_questionnaires():
    """Validate every questionnaire file and print a line about each."""
    try:
        loaded = load_all()
    except QuestionnaireError as error:
        click.echo(f"Broken questionnaire: {error}", err=True)
        sys.exit(1)
    for questionnaire in loaded.values():
        click.echo(questionnaire.summary())


@user_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="The name shown in the app.")
@click.option(
    "--password", prompt=True, hide_input=True, confirmation_prompt=True, help="Asked for if not given."
)
@click.option("--role", type=click.Choice(["practitioner", "administrator"]), default="practitioner")
def create_user(email, name, password, role):
    """Create a practitioner who can sign in with EMAIL."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.UsageError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters.")
    db = connect(current_app.config["DATABASE"])
    if queries.user_by_email(db, email):
        raise click.UsageError(f"There is already an account for {email}.")
    queries.create_user(db, email, name, hash_password(password), role)
    click.echo(f"Created {role} {name} <{email}>.")


@click.command("demo")
def demo_command():
    """Migrate, add the demo practitioner and children if the database is empty, and say how to sign in."""
    from .demo import DEMO_EMAIL, DEMO_PASSWORD, seed

    migrate(current_app.config["DATABASE"])
    db = connect(current_app.config["DATABASE"])
    if db["users"].count == 0:
        seed(db, current_app.extensions["questionnaires"])
        click.echo("Added the demo practitioner and three demo children.")
    click.echo(f"Sign in as {DEMO_EMAIL} with the password {DEMO_PASSWORD}")


def init_app(app) -> None:
    app.cli.add_command(questionnaires_cli)
    app.cli.add_command(user_cli)
    app.cli.add_command(demo_command)
