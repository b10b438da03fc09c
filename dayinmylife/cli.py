"""Command-line tasks: check questionnaires, create practitioners, set up the demo."""

import sqlite3
import sys
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from dayinmylife import audit, clock, store
from dayinmylife.admin import user_rules
from dayinmylife.admin.user_rules import AccountRefused
from dayinmylife.questionnaire.length import length
from dayinmylife.questionnaire.loader import QuestionnaireError, load_all
from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.store.db import connect, make_private
from dayinmylife.store.migrations import migrate
from dayinmylife.vocabulary import ROLES

questionnaires_cli = AppGroup("questionnaires", help="Questionnaire files.")
user_cli = AppGroup("user", help="Accounts: practitioners, consultation leads, administrators.")


@questionnaires_cli.command("check")
def check_questionnaires():
    """Validate every questionnaire file and print a line about each: what it holds, and how long it is for a
    child (the pages they meet, weekend pages included, and the minutes at 8 seconds a page)."""
    try:
        loaded = load_all(Path(current_app.config["QUESTIONNAIRES_DIR"]))
    except QuestionnaireError as error:
        click.echo(f"Broken questionnaire: {error}", err=True)
        sys.exit(1)
    for questionnaire in loaded.values():
        pages = length(questionnaire)
        click.echo(
            f"{questionnaire.summary()}; {pages.fewest_pages}-{pages.most_pages} pages in a session, "
            f"about {pages.fewest_minutes:.0f}-{pages.most_minutes:.0f} minutes"
        )


@user_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="The name shown in the app.")
@click.option(
    "--password", prompt=True, hide_input=True, confirmation_prompt=True, help="Asked for if not given."
)
@click.option("--role", type=click.Choice(list(ROLES)), default="practitioner")
def create_user(email, name, password, role):
    """Create a practitioner who can sign in with EMAIL."""
    with _refusals_as_errors():
        user_rules.create_account(existing_database(), email, name, password, role)
    click.echo(f"Created {role} {name} <{email}>.")


@user_cli.command("list")
def list_users():
    """List every account: e-mail, role, whether it can sign in, name."""
    for account in store.users.all_accounts(existing_database()):
        status = "active" if account["active"] else "disabled"
        click.echo(f"{account['email']}\t{account['role']}\t{status}\t{account['name']}")


@user_cli.command("disable")
@click.argument("email")
def disable_user(email):
    """Stop EMAIL signing in, and sign them out everywhere."""
    db = existing_database()
    with _refusals_as_errors():
        user_rules.disable(db, _account(db, email), by=None)
    click.echo(f"Disabled {email}: signed out everywhere, cannot sign in.")


@user_cli.command("enable")
@click.argument("email")
def enable_user(email):
    """Let a disabled EMAIL sign in again."""
    db = existing_database()
    user_rules.enable(db, _account(db, email))
    click.echo(f"Enabled {email}: can sign in again.")


@user_cli.command("reset-password")
@click.argument("email")
@click.password_option("--password", prompt="New password", help="Asked for (twice, hidden) if not given.")
def reset_user_password(email, password):
    """Set a new password for EMAIL and sign them out everywhere."""
    db = existing_database()
    with _refusals_as_errors():
        user_rules.reset_password(db, _account(db, email), password)
    click.echo(f"New password set for {email}; signed out everywhere. Pass it on in person or by phone.")


@user_cli.command("role")
@click.argument("email")
@click.argument("role", type=click.Choice(list(ROLES)))
def change_user_role(email, role):
    """Give EMAIL another ROLE, and sign them out everywhere."""
    db = existing_database()
    with _refusals_as_errors():
        user_rules.change_role(db, _account(db, email), role, by=None)
    click.echo(f"{email} is now {role}; signed out everywhere.")


def existing_database():
    """The app's database, or one clear line saying there is none yet (never an empty file made here)."""
    path = current_app.config["DATABASE"]
    if not Path(path).is_file() or "users" not in (db := connect(path)).table_names():
        raise click.ClickException(
            f"There is no Day in my life database at {path} yet: run `make run` once, or "
            "`.venv/bin/flask --app dayinmylife migrate`, or set DAYINMYLIFE_DATABASE to the one you use."
        )
    return db


def _account(db, email: str) -> dict:
    account = store.users.account_by_email(db, email)
    if account is None:
        raise click.ClickException(f"There is no account for {email}.")
    return account


@contextmanager
def _refusals_as_errors():
    try:
        yield
    except AccountRefused as refused:
        raise click.ClickException(str(refused)) from None


@click.command("migrate")
@with_appcontext
def migrate_command():
    """Create or upgrade the database."""
    migrate(current_app.config["DATABASE"])
    click.echo(f"Database ready at {current_app.config['DATABASE']}")


@click.command("demo")
@with_appcontext
def demo_command():
    """Migrate, add the demo practitioner and children if the database is empty, and say how to sign in."""
    from dayinmylife.demo import ADMIN_EMAIL, DEMO_EMAIL, DEMO_PASSWORD, MANAGER_EMAIL, seed
    from dayinmylife.demo.consultation import LEAD_EMAIL

    migrate(current_app.config["DATABASE"])
    db = connect(current_app.config["DATABASE"])
    if db["users"].count == 0:
        seed(db, all_questionnaires())
        click.echo(
            "Added the demo practitioner, four demo children, two more practitioners of the team with a year of"
            " caseloads, their team manager, a consultation lead with two consultations and an administrator."
        )
    click.echo(f"Sign in as {DEMO_EMAIL} with the password {DEMO_PASSWORD}")
    click.echo(
        f"A school consultation's results, and one across three schools: sign in as {LEAD_EMAIL} with the same"
        " password (a pupil joins the county's at /join with the code HIL 234)"
    )
    click.echo(
        f"Accounts, the audit log, the partnership's impact report and two-step sign-in for everyone: sign in as"
        f" {ADMIN_EMAIL}, same password"
    )
    click.echo(
        f"The team's children at a glance, as their manager: sign in as {MANAGER_EMAIL}, same password"
    )


@click.command("retention")
@with_appcontext
@click.option("--apply", is_flag=True, help="Delete the records listed; without it nothing is deleted.")
def retention_command(apply):
    """List (or with --apply, delete) children with no activity for longer than the retention period, the
    responses of consultations closed longer ago than theirs, and consultation responses with no answer after
    a day."""
    db = existing_database()
    _children_past_retention(db, apply)
    _consultations_past_retention(db, apply)
    unanswered = store.consultations.unanswered_consultation_responses(db)
    click.echo(f"{unanswered} consultation response(s) with no answer for a day.")
    if apply:
        store.consultations.delete_unanswered_consultation_responses(db)
        click.echo(f"Deleted {unanswered} consultation response(s) with no answer.")
    else:
        click.echo("Nothing deleted: add --apply.")


def _children_past_retention(db, apply: bool) -> None:
    days = current_app.config["RETENTION_DAYS"]
    cutoff = (clock.now() - timedelta(days=days)).isoformat(timespec="seconds")
    expired = store.children.children_inactive_since(db, cutoff)
    for child in expired:
        reference = child["case_reference"] or "no case reference"
        click.echo(f"child {child['id']} ({reference}): last activity {child['last_activity'][:10]}")
    click.echo(f"{len(expired)} children have had no activity for {days} days.")
    if not apply:
        return
    for child in expired:
        store.children.erase_child(db, child["id"])
    audit.record(db, "records_expired", count=len(expired), retention_days=days)
    click.echo(f"Deleted {len(expired)} children and all their records.")


def _consultations_past_retention(db, apply: bool) -> None:
    days = current_app.config["CONSULTATION_RETENTION_DAYS"]
    expired = store.consultations.consultations_with_responses_closed_by(
        db, (clock.today() - timedelta(days=days)).isoformat()
    )
    for consultation in expired:
        click.echo(
            f"consultation {consultation['id']} ({consultation['title']}): closed {consultation['closes_on']}, "
            f"{consultation['responses']} responses"
        )
    click.echo(f"{len(expired)} consultation(s) closed more than {days} days ago still hold responses.")
    if not apply:
        return
    for consultation in expired:
        store.consultations.erase_consultation_responses(db, consultation["id"])
        audit.record(
            db,
            "consultation_answers_expired",
            consultation=consultation["id"],
            responses=consultation["responses"],
            retention_days=days,
        )
    click.echo(f"Deleted the answers of {len(expired)} consultation(s).")


@click.command("backup")
@with_appcontext
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path):
    """Copy the database to PATH while the app keeps running (SQLite's online backup)."""
    database = Path(current_app.config["DATABASE"])
    if not database.is_file():
        raise click.ClickException(f"There is no database at {database} to back up: nothing was written.")
    source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)  # never creates one
    try:
        if not _is_ours(source):
            raise click.ClickException(
                f"{database} is not a Day in my life database (check DAYINMYLIFE_DATABASE): nothing was written."
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        make_private(path)  # as private as the database itself, before a record is copied into it
        target = sqlite3.connect(path)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    click.echo(f"Backed up to {path}")


def _is_ours(conn: sqlite3.Connection) -> bool:
    """Tell whether a connection opened a SQLite database with the app's tables in it."""
    try:
        return store.db.has_app_tables(conn)
    except sqlite3.DatabaseError:  # not SQLite at all
        return False


def init_app(app) -> None:
    app.cli.add_command(questionnaires_cli)
    app.cli.add_command(user_cli)
    app.cli.add_command(migrate_command)
    app.cli.add_command(demo_command)
    app.cli.add_command(retention_command)
    app.cli.add_command(backup_command)
