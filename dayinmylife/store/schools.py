"""A consultation across schools: each school its own join code, its classes within it (migration m034).

A consultation's groups are either classes of one school (no code each: pupils choose theirs after the
consultation's code) or schools, each with a code of its own, with or without classes. A pupil's response
belongs to the lowest of them: their class, or their school where it has no classes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlite_utils import Database

School = tuple[str, Sequence[str]]  # a school's name and its classes' names (none: pupils join the school)


def code_is_free(db: Database, code: str) -> bool:
    """Whether no consultation and no school has this join code."""
    return not db.execute(
        "SELECT 1 FROM consultations WHERE join_code = :code UNION ALL "
        "SELECT 1 FROM consultation_groups WHERE join_code = :code",
        {"code": code},
    ).fetchone()


def add_schools(
    db: Database, consultation_id: int, schools: Sequence[School], make_code: Callable[[], str]
) -> None:
    """Store a consultation's schools, each with a code no consultation or school has, and their classes (in
    the caller's transaction)."""
    for position, (name, classes) in enumerate(schools):
        code = make_code()
        while not code_is_free(db, code):
            code = make_code()
        school_id = db.execute(
            "INSERT INTO consultation_groups (consultation_id, name, position, join_code) VALUES (?, ?, ?, ?)",
            (consultation_id, name, position, code),
        ).lastrowid
        db.conn.executemany(
            "INSERT INTO consultation_groups (consultation_id, name, position, school_id) VALUES (?, ?, ?, ?)",
            [(consultation_id, class_name, place, school_id) for place, class_name in enumerate(classes)],
        )


def opened_by_code(db: Database, code: str) -> tuple[dict, dict | None] | None:
    """The consultation a join code opens and the school whose code it is (None: the consultation's own code).
    A consultation across schools is joined only with a school's code."""
    school = _first(db, "SELECT * FROM consultation_groups WHERE join_code = ?", (code,))
    if school is not None:
        consultation = _first(db, "SELECT * FROM consultations WHERE id = ?", (school["consultation_id"],))
        return consultation, school
    consultation = _first(
        db,
        """
        SELECT * FROM consultations WHERE join_code = ? AND NOT EXISTS (
            SELECT 1 FROM consultation_groups AS schools
            WHERE schools.consultation_id = consultations.id AND schools.join_code IS NOT NULL
        )
        """,
        (code,),
    )
    return (consultation, None) if consultation else None


def across_schools(db: Database, consultation_id: int) -> bool:
    return bool(
        db.execute(
            "SELECT 1 FROM consultation_groups WHERE consultation_id = ? AND join_code IS NOT NULL LIMIT 1",
            (consultation_id,),
        ).fetchone()
    )


def school_count(db: Database, consultation_id: int) -> int:
    return db.execute(
        "SELECT COUNT(*) FROM consultation_groups WHERE consultation_id = ? AND join_code IS NOT NULL",
        (consultation_id,),
    ).fetchone()[0]


def school(db: Database, consultation_id: int, school_id: int) -> dict | None:
    return _first(
        db,
        "SELECT * FROM consultation_groups WHERE id = ? AND consultation_id = ? AND join_code IS NOT NULL",
        (school_id, consultation_id),
    )


def classes_of(db: Database, school_id: int) -> list[dict]:
    return _all(db, "SELECT * FROM consultation_groups WHERE school_id = ? ORDER BY position", (school_id,))


def school_of_each_class(db: Database, consultation_id: int) -> dict[int, int]:
    """Each class's school, to count a school's pupils and answers from its classes'."""
    rows = db.execute(
        "SELECT id, school_id FROM consultation_groups WHERE consultation_id = ? AND school_id IS NOT NULL ORDER BY id",
        (consultation_id,),
    ).fetchall()
    return dict(rows)


def schools_with_classes(db: Database, consultation_id: int) -> list[dict]:
    """Every school of a consultation with its code and its classes' names, in order."""
    return _all(
        db,
        """
        SELECT schools.id, schools.name, schools.join_code,
               (SELECT json_group_array(name) FROM (
                    SELECT name FROM consultation_groups AS classes
                    WHERE classes.school_id = schools.id ORDER BY position)) AS classes
        FROM consultation_groups AS schools
        WHERE schools.consultation_id = ? AND schools.join_code IS NOT NULL
        ORDER BY schools.position
        """,
        (consultation_id,),
    )


# Rows as dicts by sqlite-utils itself: store.consultations imports this module, which keeps the import chain short.
def _first(db: Database, sql: str, params: tuple) -> dict | None:
    return next(db.query(sql, params), None)


def _all(db: Database, sql: str, params: tuple) -> list[dict]:
    return list(db.query(sql, params))
