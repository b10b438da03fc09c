"""Day in my life: the Horwath "day in my life" neglect tool as an app children enjoy and practitioners trust."""

import secrets
from pathlib import Path

import click
from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.routing import IntegerConverter

from dayinmylife import (
    admin,
    alerts,
    answering,
    casework,
    cli,
    config,
    consultations,
    impact,
    notify,
    replication,
    signin,
    supervision,
    vocabulary,
    web,
)
from dayinmylife.questionnaire.loader import load_all
from dayinmylife.store import db
from dayinmylife.web import security

csrf = CSRFProtect()


class RecordIdConverter(IntegerConverter):
    """An id in a URL: a number SQLite could not store matches no page (404) instead of failing (500)."""

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, *args, **{"max": 2**63 - 1, **kwargs})


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints."""
    app = Flask(
        __name__, instance_relative_config=True, template_folder="../templates", static_folder="../static"
    )
    app.config.from_mapping(config.from_environment(Path(app.instance_path)))
    app.url_map.converters["int"] = RecordIdConverter
    app.jinja_env.globals["vocabulary"] = vocabulary
    if test_config:
        app.config.from_mapping(test_config)
    if security.is_development(app):
        app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or _instance_secret(Path(app.instance_path))
    else:
        _configure_for_production(app)
    # Refuse to start on a broken questionnaire file: the error names the file, question and problem.
    app.extensions["questionnaires"] = load_all(Path(app.config["QUESTIONNAIRES_DIR"]))

    csrf.init_app(app)
    db.init_app(app)
    cli.init_app(app)
    replication.init_app(app)
    for area in (web, signin, answering, casework, alerts, supervision, consultations, impact, notify, admin):
        area.register(app)
    return app


def _configure_for_production(app: Flask) -> None:
    """Refuse to serve pages without a real secret key; a command that serves none (user, backup, retention,
    questionnaires check, --help) signs no cookie, so it runs with a throwaway key instead of refusing."""
    command = click.get_current_context(silent=True)  # None under gunicorn; the command under `flask`
    serves_pages = command is None or command.info_name == "run"
    try:
        security.configure_for_production(app)
    except security.InsecureConfiguration as refused:
        if serves_pages and command is not None:
            raise click.ClickException(str(refused)) from None  # one line, not a traceback
        if serves_pages:
            raise
        app.config["SECRET_KEY"] = secrets.token_hex(32)
        security.configure_for_production(app)


def _instance_secret(instance: Path) -> str:
    """Keep a random secret key in the instance folder for development and demos."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        db.make_private(path)  # before the key is in it
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()
