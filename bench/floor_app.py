"""The floor of the stack: a bare Flask app doing a pupil's question page and answer save with nothing of ours.

The same stack as the app and the same work, as cheaply as it can be done:

- a signed session cookie (Flask's, `__Host-` and Secure as in production), read on every request and written
  when it changes, as the app does for a pupil: the first page writes the pupil's grant, the others only read it;
- GET /floor/<pupil>/<step>: checks the grant, reads one row from SQLite, renders with Jinja a page of the same
  bytes as the app's question page for that step (its HTML captured once, `pages`; the CSRF token rendered
  into it per request);
- POST /floor/<pupil>/<step>: Flask-WTF's CSRF check, checks the grant, one sqlite-utils upsert in
  `BEGIN IMMEDIATE` (WAL, `synchronous = FULL`, the thread's kept connection, as dayinmylife/store/db.py), then
  a redirect to the next step.

In-process: `create_app(database, pages, secret)`. Under gunicorn (bench_school, bench_saturation):
`gunicorn 'bench.floor_app:create_app()'` with FLOOR_DATABASE, FLOOR_PAGES (a JSON list of pages) and
FLOOR_SECRET_KEY set. Without pages it serves a tiny page.
"""

import json
import os
import re
import sqlite3
import threading
from pathlib import Path

from flask import Flask, abort, redirect, render_template, request, session
from flask_wtf.csrf import CSRFProtect
from jinja2 import DictLoader
from sqlite_utils import Database

CSRF_VALUE = re.compile(r'(name="csrf_token" (?:type="hidden" )?value=")[^"]+(")')
TINY_PAGE = (
    '<!doctype html><form method="post"><input type="hidden" name="csrf_token" value="x">'
    '<input name="answer" value="yes"><button>Go</button></form>'
)
_thread = threading.local()


def _connect(path: str) -> Database:
    db = Database(sqlite3.connect(path, timeout=15, check_same_thread=False))
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    return db


def _kept_connection(path: str) -> Database:
    """The thread's own connection, kept from one request to the next (as the app's get_db)."""
    if getattr(_thread, "path", None) != path:
        _thread.db, _thread.path = _connect(path), path
    return _thread.db


def page_template(page: str) -> str:
    """A captured page as a Jinja template that renders the same bytes, with this request's CSRF token."""
    parts = CSRF_VALUE.split(page)  # [before, prefix, suffix, after, ...]
    if len(parts) < 4:
        return "{% raw %}" + page + "{% endraw %}"
    template = "{% raw %}" + parts[0]
    for index in range(1, len(parts), 3):
        template += (
            parts[index] + "{% endraw %}{{ csrf_token() }}{% raw %}" + parts[index + 1] + parts[index + 2]
        )
    return template + "{% endraw %}"


def create_app(
    database: str | None = None, pages: list[str] | None = None, secret: str | None = None
) -> Flask:
    path = database or os.environ["FLOOR_DATABASE"]
    if pages is None and os.environ.get("FLOOR_PAGES"):
        pages = json.loads(Path(os.environ["FLOOR_PAGES"]).read_text())
    pages = pages or [TINY_PAGE]
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secret or os.environ.get("FLOOR_SECRET_KEY", "floor-" * 8),
        SESSION_COOKIE_NAME="__Host-session",
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
    )
    CSRFProtect(app)
    app.jinja_env.loader = DictLoader(
        {f"{step}.html": page_template(page) for step, page in enumerate(pages)}
    )
    db = _connect(path)
    db["answers"].create({"pupil": int, "step": int, "value": str}, pk=("pupil", "step"), if_not_exists=True)
    db.conn.close()

    def may_answer(pupil: int) -> None:
        """The grant, as the app's: this browser answers this pupil's response and no other."""
        grants = session.get("grants")
        if grants is None:
            session["grants"] = {str(pupil): {"consultation": 1}}
        elif str(pupil) not in grants:
            abort(404)

    @app.get("/floor/<int:pupil>/<int:step>")
    def question(pupil: int, step: int):
        may_answer(pupil)
        row = (
            _kept_connection(path)
            .execute("SELECT value FROM answers WHERE pupil = ? AND step = ?", [pupil, step])
            .fetchone()
        )
        return render_template(f"{step % len(pages)}.html", saved=row)

    @app.post("/floor/<int:pupil>/<int:step>")
    def answer(pupil: int, step: int):
        may_answer(pupil)
        db = _kept_connection(path)
        db.execute("BEGIN IMMEDIATE")
        try:
            db["answers"].upsert(
                {"pupil": pupil, "step": step, "value": request.form.get("answer", "")}, pk=("pupil", "step")
            )
        except BaseException:
            db.conn.rollback()
            raise
        db.execute("COMMIT")
        return redirect(f"/floor/{pupil}/{step + 1}")

    return app
