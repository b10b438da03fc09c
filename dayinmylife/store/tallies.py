"""The counts a consultation's results read, kept in step with every answer by triggers (migrations m007, m033):
pupils who answered and answers, per group; for a school, per class."""

from sqlite_utils import Database


def consultation_response_counts(db: Database, consultation_id: int) -> dict[int | None, int]:
    """Pupils who gave at least one answer, per group (None: the consultation has no groups), as triggers
    count them with every answer saved (migration m033)."""
    rows = db.execute(
        "SELECT group_key, pupils FROM consultation_responses_counted WHERE consultation_id = ? AND pupils > 0",
        (consultation_id,),
    ).fetchall()
    return {row[0] or None: row[1] for row in rows}


CountRows = list[tuple[str, str, str | None, dict[int | None, int]]]


def consultation_answer_counts(db: Database, consultation_id: int) -> CountRows:
    """A consultation's answers counted per question, day and stored value (None: skipped), per group.

    Read from consultation_tallies, which triggers keep in step with every answer saved (migration m007).
    """
    rows = db.execute(
        """
        SELECT question_id, day, value, group_key, pupils FROM consultation_tallies
        WHERE consultation_id = ? AND pupils > 0
        """,
        (consultation_id,),
    ).fetchall()
    return _counts_by_group(rows)


def consultation_answer_recount(db: Database, consultation_id: int) -> CountRows:
    """Count a consultation's answers afresh from every answer (slow: what the tallies must always equal)."""
    rows = db.execute(
        """
        SELECT answers.question_id, answers.day, COALESCE(answers.value, ''),
               COALESCE(sessions.consultation_group_id, 0), COUNT(*)
        FROM sessions JOIN answers ON answers.session_id = sessions.id
        WHERE sessions.consultation_id = ? AND answers.asked
        GROUP BY 1, 2, 3, 4
        """,
        (consultation_id,),
    ).fetchall()
    return _counts_by_group(rows)


def _counts_by_group(rows) -> CountRows:
    counts: dict[tuple[str, str, str | None], dict[int | None, int]] = {}
    for question_id, day, value, group_key, pupils in rows:
        per_group = counts.setdefault((question_id, day, value or None), {})
        per_group[group_key or None] = pupils
    return sorted(
        ((question_id, day, value, per_group) for (question_id, day, value), per_group in counts.items()),
        key=lambda row: (row[0], row[1], row[2] or ""),
    )


def class_counts(
    db: Database, consultation_id: int, school_id: int
) -> tuple[dict[int | None, int], CountRows]:
    """Pupils who answered and answers counted per class, of one school's classes only."""
    classes = "group_key IN (SELECT id FROM consultation_groups WHERE school_id = ?)"
    sizes = db.execute(
        f"SELECT group_key, pupils FROM consultation_responses_counted WHERE consultation_id = ? AND {classes}",  # noqa: S608
        (consultation_id, school_id),
    ).fetchall()
    rows = db.execute(
        f"""
        SELECT question_id, day, value, group_key, pupils FROM consultation_tallies
        WHERE consultation_id = ? AND pupils > 0 AND {classes}
        """,  # noqa: S608
        (consultation_id, school_id),
    ).fetchall()
    return {group: pupils for group, pupils in sizes if pupils}, _counts_by_group(rows)
