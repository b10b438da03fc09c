"""The floor: a bare Flask app that saves one answer as cheaply as SQLite allows with the app's own settings.

GET /floor/<pupil>/<step> returns a tiny page; POST saves one row through sqlite-utils (WAL, synchronous FULL,
BEGIN IMMEDIATE, a new connection per request, as dayinmylife/store/db.py does) and redirects. Served by gunicorn
with the same settings as the app: `gunicorn 'bench.floor_app:create_app()'` with FLOOR_DATABASE set.
"""

import os
import sqlite3

from flask import Flask, redirect
from sqlite_utils import Database


def _connect(path: str) -> Database:
    db = Database(sqlite3.connect(path, timeout=15))
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    return db


def create_app() -> Flask:
    app = Flask(__name__)
    path = os.environ["FLOOR_DATABASE"]
    db = _connect(path)
    db["answers"].create({"pupil": int, "step": int, "value": str}, pk=("pupil", "step"), if_not_exists=True)
    db.conn.close()

    @app.get("/floor/<int:pupil>/<int:step>")
    def question(pupil: int, step: int):
        return (
            '<!doctype html><form method="post"><input name="answer" value="yes"><button>Go</button></form>'
        )

    @app.post("/floor/<int:pupil>/<int:step>")
    def answer(pupil: int, step: int):
        db = _connect(path)
        try:
            db.execute("BEGIN IMMEDIATE")
            db["answers"].upsert({"pupil": pupil, "step": step, "value": "yes"}, pk=("pupil", "step"))
            db.execute("COMMIT")
        finally:
            db.conn.close()
        return redirect(f"/floor/{pupil}/{step + 1}")

    return app
