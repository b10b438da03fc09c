"""A large consultation's results as last counted (consultations/kept.py): a row for the whole, column 0, with
what every page needs, and a row for each school shown."""

from sqlite_utils import Database

from dayinmylife.store.db import write_transaction

WHOLE_ROW = 0  # no group's id


def keep(db: Database, consultation_id: int, counted_at: str, final: bool, rows: dict[int, str]) -> None:
    """Replace a consultation's kept results with these (column key -> what it shows, as JSON); `final`: counted
    once it had closed."""
    with write_transaction(db):
        db.execute("DELETE FROM consultation_results_kept WHERE consultation_id = ?", (consultation_id,))
        db.conn.executemany(
            "INSERT INTO consultation_results_kept (consultation_id, column_key, counted_at, final, shown)"
            " VALUES (?, ?, ?, ?, ?)",
            [(consultation_id, column, counted_at, final, shown) for column, shown in rows.items()],
        )


def kept(
    db: Database, consultation_id: int, columns: tuple[int, ...] | None
) -> tuple[dict, dict[int, str]] | None:
    """When the results were counted and whether that was final, and the whole's row with these columns' (None:
    every column), all of one count (one statement reads them); None if they never were counted."""
    sql = (
        "SELECT column_key, counted_at, final, shown FROM consultation_results_kept WHERE consultation_id = ?"
    )
    wanted = () if columns is None else (WHOLE_ROW, *columns)
    if wanted:
        sql += f" AND column_key IN ({', '.join('?' * len(wanted))})"
    rows = db.execute(sql, (consultation_id, *wanted)).fetchall()
    whole = next((row for row in rows if row[0] == WHOLE_ROW), None)
    if whole is None:
        return None
    return {"at": whole[1], "final": bool(whole[2])}, {row[0]: row[3] for row in rows}


def to_count(db: Database, schools_over: int, today: str) -> list[dict]:
    """Consultations across more than this many schools whose results could have changed since last counted:
    open ones, and closed ones not counted since they closed."""
    return list(
        db.query(
            """
            SELECT consultations.* FROM consultations
            LEFT JOIN consultation_results_kept AS kept
                ON kept.consultation_id = consultations.id AND kept.column_key = 0
            WHERE (SELECT COUNT(*) FROM consultation_groups AS schools
                   WHERE schools.consultation_id = consultations.id AND schools.join_code IS NOT NULL) > :over
              AND consultations.opens_on <= :today
              AND (kept.final IS NOT 1 OR consultations.closes_on >= :today)
            ORDER BY consultations.id
            """,
            {"over": schools_over, "today": today},
        )
    )
