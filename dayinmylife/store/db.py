"""The SQLite database: one connection per server thread, WAL, and write transactions that survive concurrency."""

import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

from flask import current_app, g
from sqlite_utils import Database

BUSY_TIMEOUT_SECONDS = 15


def make_private(path: str | Path) -> None:
    """Make sure the file exists and only the app's own user may read it, before anything is written into it
    (a file made readable and closed up afterwards could be opened, and kept open, in between)."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)


def connect(path: str | Path) -> Database:
    """Open the database with the settings every connection needs."""
    if str(path) != ":memory:" and not os.path.exists(path):
        make_private(path)  # SQLite gives its -wal and -shm files the same mode
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    db = Database(conn)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA foreign_keys = ON")
    # Deleted rows are overwritten with zeros, so an erased child cannot be read back from the file.
    db.execute("PRAGMA secure_delete = ON")
    # FULL makes every committed transaction durable before we acknowledge it, even on power loss.
    db.execute("PRAGMA synchronous = FULL")
    return db


_thread = threading.local()


def get_db() -> Database:
    """Return this request's connection: the thread's own, kept from one request to the next.

    Opening a connection parses the whole schema and closing the last one checkpoints the WAL: together
    more than a question page's own work. A connection is reopened if the file at the path is another one.
    """
    if "db" not in g:
        g.db = _thread_connection(current_app.config["DATABASE"])
    return g.db


def _thread_connection(path: str) -> Database:
    try:
        identity = (path, *_file_identity(path))
    except FileNotFoundError:
        identity = None
    if identity is None or getattr(_thread, "identity", None) != identity:
        if getattr(_thread, "db", None) is not None:
            _thread.db.conn.close()
        _thread.db = connect(path)
        _thread.identity = (path, *_file_identity(path))
    return _thread.db


def _file_identity(path: str) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino


def close_db(_error=None) -> None:
    """End the request's use of the connection; a transaction left open is rolled back, never kept."""
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.rollback()


@contextmanager
def write_transaction(db: Database):
    """Run writes in one transaction that takes the write lock at once.

    A deferred transaction that reads and then writes fails straight away with "database is locked"
    when another process writes meanwhile, whatever the busy timeout; BEGIN IMMEDIATE waits its turn.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.execute("COMMIT")


def init_app(app) -> None:
    app.teardown_appcontext(close_db)


def schema_sql(db: Database) -> str:
    """The schema the migrations leave, readable in one place (docs/schema.sql): tables, indexes, triggers."""
    rows = db.execute(
        """
        SELECT sql FROM sqlite_master
        WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND tbl_name != '_sqlite_migrations'
        ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name
        """
    ).fetchall()
    header = (
        "-- The schema as `migrate()` leaves it, written by `make schema`. Change it with a migration.\n\n"
    )
    return header + "".join(f"{row[0]};\n\n" for row in rows).rstrip("\n") + "\n"


def forget_old_pages(db: Database) -> bool:
    """Write the log into the database and empty it; False if a reader kept part of it (try again later)."""
    busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy


def has_app_tables(conn) -> bool:
    """Tell whether a database (a sqlite3 connection, opened read-only to back it up) holds the app's records."""
    found = conn.execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'children', 'audit_log')"
    ).fetchone()
    return found[0] == 3
