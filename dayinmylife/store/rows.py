"""Rows as plain dicts."""

from sqlite_utils import Database


def first_row(db: Database, sql: str, params: tuple | dict = ()) -> dict | None:
    row = db.execute(sql, params).fetchone()
    return dict(row) if row is not None else None


def all_rows(db: Database, sql: str, params: tuple | dict = ()) -> list[dict]:
    return [dict(row) for row in db.execute(sql, params).fetchall()]
