"""Consultations: their groups, pupils' responses, the tallies and own words the results read."""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta

from sqlite_utils import Database

from dayinmylife import clock
from dayinmylife.questionnaire.model import Answer
from dayinmylife.store.db import forget_old_pages, write_transaction
from dayinmylife.store.rows import all_rows, first_row
from dayinmylife.store.schools import School, add_schools, code_is_free


def create_consultation(
    db: Database,
    lead_id: int,
    details: dict,
    group_names: list[str],
    make_code: Callable[[], str],
    schools: Sequence[School] = (),
) -> int:
    """Store a consultation with its groups, or its schools and their classes, each code unlike any other."""
    with write_transaction(db):
        code = make_code()
        while not code_is_free(db, code):
            code = make_code()
        consultation_id = db.execute(
            """
            INSERT INTO consultations (title, questionnaire_id, join_code, opens_on, closes_on, min_group_size,
                                       max_responses, created_by, created_at)
            VALUES (:title, :questionnaire_id, :code, :opens_on, :closes_on, :min_group_size, :max_responses,
                    :lead_id, :now)
            """,
            {**details, "code": code, "lead_id": lead_id, "now": clock.now_iso()},
        ).lastrowid
        db.conn.executemany(
            "INSERT INTO consultation_groups (consultation_id, name, position) VALUES (?, ?, ?)",
            [(consultation_id, name, position) for position, name in enumerate(group_names)],
        )
        add_schools(db, consultation_id, schools, make_code)
    return consultation_id


CHANGEABLE = ("title", "opens_on", "closes_on", "max_responses")  # of a consultation, by its lead


def change_consultation(db: Database, consultation_id: int, details: dict) -> list[str]:
    """Change a consultation's title, dates or cap; the names of the fields that changed."""
    with write_transaction(db):
        before = dict(db.execute("SELECT * FROM consultations WHERE id = ?", (consultation_id,)).fetchone())
        changed = [field for field in CHANGEABLE if field in details and details[field] != before[field]]
        for field in changed:
            db.execute(
                f"UPDATE consultations SET {field} = ? WHERE id = ?", (details[field], consultation_id)
            )  # noqa: S608
    return changed


def delete_consultation(db: Database, consultation_id: int) -> None:
    """Delete a consultation with its groups, responses, answers and counts."""
    with write_transaction(db):
        db.execute("DELETE FROM consultation_tallies WHERE consultation_id = ?", (consultation_id,))
        db.execute("DELETE FROM sessions WHERE consultation_id = ?", (consultation_id,))
        db.execute("DELETE FROM consultations WHERE id = ?", (consultation_id,))
    forget_old_pages(db)


def consultations_of(db: Database, lead_id: int) -> list[dict]:
    """A lead's consultations, newest first, with how many pupils have answered each (as the overview counts)."""
    return all_rows(
        db,
        """
        SELECT consultations.*,
               (SELECT COALESCE(SUM(pupils), 0) FROM consultation_responses_counted AS counted
                WHERE counted.consultation_id = consultations.id) AS response_count
        FROM consultations WHERE created_by = ?
        ORDER BY opens_on DESC, consultations.id DESC
        """,
        (lead_id,),
    )


def consultation_for(db: Database, lead_id: int, consultation_id: int) -> dict | None:
    """Return a consultation only to the lead who created it."""
    return first_row(
        db, "SELECT * FROM consultations WHERE id = ? AND created_by = ?", (consultation_id, lead_id)
    )


def consultation_by_id(db: Database, consultation_id: int) -> dict | None:
    return first_row(db, "SELECT * FROM consultations WHERE id = ?", (consultation_id,))


def consultation_groups(db: Database, consultation_id: int) -> list[dict]:
    """Its groups, or its schools (their classes: store.schools)."""
    return all_rows(
        db,
        "SELECT * FROM consultation_groups WHERE consultation_id = ? AND school_id IS NULL ORDER BY position",
        (consultation_id,),
    )


ANSWERED = (
    "EXISTS (SELECT 1 FROM answers WHERE answers.session_id = sessions.id)"  # a response with an answer
)


FULL, BUSY = "full", "busy"  # why a pupil could not start answering


UNANSWERED_KEPT = timedelta(hours=24)  # how long a response with no answer waits for one


JOINS_A_MINUTE = 120  # at least this many pupils may start answering one consultation in any minute


def joins_a_minute(consultation: dict) -> int:
    """How many pupils may start one consultation's answers in any minute: as many as it takes answers (a whole
    school joins at 9:00), at least JOINS_A_MINUTE. A script flooding it is held to that, and its empty responses
    are deleted after a day."""
    return max(JOINS_A_MINUTE, consultation["max_responses"])


def start_consultation_response(
    db: Database, consultation: dict, questionnaire, group_id: int | None, language: str
) -> int | str:
    """Start a pupil's anonymous response, or say why not: FULL (its answered responses reach the cap) or
    BUSY (joins_a_minute started in the last minute; recorded for the lead). Responses left with no answer
    for a day are deleted first; only responses with an answer count towards the cap."""
    moment = clock.now()
    with write_transaction(db):
        _delete_unanswered(db, moment - UNANSWERED_KEPT, consultation["id"])
        answered = db.execute(
            "SELECT COALESCE(SUM(pupils), 0) FROM consultation_responses_counted WHERE consultation_id = ?",
            (consultation["id"],),
        ).fetchone()[0]
        if answered >= consultation["max_responses"]:
            return FULL
        joined = db.execute(
            "SELECT COUNT(*) FROM sessions WHERE consultation_id = ? AND started_at > ?",
            (consultation["id"], _at(moment - timedelta(minutes=1))),
        ).fetchone()[0]
        if joined >= joins_a_minute(consultation):
            # One row a minute at most, however hard a script knocks: the lead learns when, the table stays small.
            db.execute(
                """
                INSERT INTO consultation_limit_hits (consultation_id, hit_at) SELECT :id, :now
                WHERE NOT EXISTS (SELECT 1 FROM consultation_limit_hits WHERE consultation_id = :id AND hit_at > :since)
                """,
                {"id": consultation["id"], "now": _at(moment), "since": _at(moment - timedelta(minutes=1))},
            )
            return BUSY
        return db.execute(
            """
            INSERT INTO sessions (questionnaire_id, questionnaire_version, language, started_at,
                                  consultation_id, consultation_group_id)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            (questionnaire.id, questionnaire.version, language, _at(moment), consultation["id"], group_id),
        ).lastrowid


def _at(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _delete_unanswered(db: Database, before: datetime, consultation_id: int | None = None) -> int:
    """Delete consultation responses started before then that have no answer (of one consultation, or all)."""
    return db.execute(
        f"""
        DELETE FROM sessions
        WHERE consultation_id IS NOT NULL AND (? IS NULL OR consultation_id = ?) AND started_at < ?
          AND NOT {ANSWERED}
        """,
        (consultation_id, consultation_id, _at(before)),
    ).rowcount


def unanswered_consultation_responses(db: Database) -> int:
    """How many consultation responses have been left with no answer for a day."""
    return db.execute(
        f"SELECT COUNT(*) FROM sessions WHERE consultation_id IS NOT NULL AND started_at < ? AND NOT {ANSWERED}",
        (_at(clock.now() - UNANSWERED_KEPT),),
    ).fetchone()[0]


def delete_unanswered_consultation_responses(db: Database) -> int:
    """Delete every consultation response left with no answer for a day; return how many."""
    with write_transaction(db):
        return _delete_unanswered(db, clock.now() - UNANSWERED_KEPT)


def consultations_with_responses_closed_by(db: Database, day: str) -> list[dict]:
    """Consultations that closed on or before the day and still hold responses, with how many."""
    return all_rows(
        db,
        """
        SELECT consultations.id, consultations.title, consultations.closes_on, COUNT(sessions.id) AS responses
        FROM consultations JOIN sessions ON sessions.consultation_id = consultations.id
        WHERE consultations.closes_on <= ?
        GROUP BY consultations.id ORDER BY consultations.closes_on, consultations.id
        """,
        (day,),
    )


def erase_consultation_responses(db: Database, consultation_id: int) -> None:
    """Delete a consultation's responses, their answers (through the foreign keys), its tallies and results kept;
    the consultation, its groups and its audit trail stay."""
    with write_transaction(db):
        db.execute("DELETE FROM sessions WHERE consultation_id = ?", (consultation_id,))
        for counts in ("consultation_tallies", "consultation_results_kept"):
            db.execute(f"DELETE FROM {counts} WHERE consultation_id = ?", (consultation_id,))  # noqa: S608
    forget_old_pages(db)


def consultation_limit_hits(db: Database, consultation_id: int) -> dict:
    """How many times pupils were asked to wait to join, and the last time (None if never)."""
    return first_row(
        db,
        "SELECT COUNT(*) AS times, MAX(hit_at) AS last FROM consultation_limit_hits WHERE consultation_id = ?",
        (consultation_id,),
    )


OWN_WORDS = """
    answers.asked AND answers.value IS NOT NULL AND answers.value NOT IN ('"dont_know"', '"rather_not_say"')
"""


def consultation_own_words(
    db: Database,
    consultation_id: int,
    question_ids: list[str],
    limit: int,
    offset: int = 0,
    alerting: list[str] = (),
) -> list[dict]:
    """Pupils' own words for some questions in order of the words (saying nothing of who wrote first), with
    their group and when they were written; first those of pupils who also gave an answer that, from a child
    with a worker, would raise an alert (`alerting`: "question_id value" each), marked `with_alert`."""
    questions = ", ".join("?" for _ in question_ids)
    return all_rows(
        db,
        f"""
        SELECT answers.question_id, answers.day, answers.value, answers.saved_at,
               sessions.consultation_group_id AS group_id,
               EXISTS (
                   SELECT 1 FROM answers AS said,
                        json_each(IIF(json_type(said.value) = 'array', said.value, json_array(json(said.value))))
                        AS given
                   WHERE said.session_id = answers.session_id AND said.value IS NOT NULL
                     AND said.question_id || ' ' || given.value IN (SELECT value FROM json_each(?))
               ) AS with_alert
        FROM answers JOIN sessions ON sessions.id = answers.session_id
        WHERE sessions.consultation_id = ? AND answers.question_id IN ({questions}) AND {OWN_WORDS}
        ORDER BY with_alert DESC, answers.value COLLATE NOCASE, answers.question_id, answers.day, answers.session_id
        LIMIT ? OFFSET ?
        """,
        (json.dumps(list(alerting)), consultation_id, *question_ids, limit, offset),
    )


def consultation_own_words_count(db: Database, consultation_id: int, question_ids: list[str]) -> int:
    questions = ", ".join("?" for _ in question_ids)
    return db.execute(
        f"""
        SELECT COUNT(*) FROM answers JOIN sessions ON sessions.id = answers.session_id
        WHERE sessions.consultation_id = ? AND answers.question_id IN ({questions}) AND {OWN_WORDS}
        """,
        (consultation_id, *question_ids),
    ).fetchone()[0]


def consultation_own_words_writers(
    db: Database, consultation_id: int, question_ids: list[str]
) -> dict[str, int]:
    """Pupils who wrote something in their own words, per question (on either day)."""
    questions = ", ".join("?" for _ in question_ids)
    rows = db.execute(
        f"""
        SELECT answers.question_id, COUNT(DISTINCT answers.session_id)
        FROM answers JOIN sessions ON sessions.id = answers.session_id
        WHERE sessions.consultation_id = ? AND answers.question_id IN ({questions}) AND {OWN_WORDS}
        GROUP BY answers.question_id
        """,
        (consultation_id, *question_ids),
    ).fetchall()
    return {row[0]: row[1] for row in rows}


def consultation_response_ids(db: Database, consultation_id: int) -> array:
    """The ids of a consultation's responses that have answers, held compactly (8 bytes each)."""
    rows = db.execute(
        "SELECT id FROM sessions WHERE consultation_id = ? AND EXISTS "
        "(SELECT 1 FROM answers WHERE answers.session_id = sessions.id AND answers.asked)",
        (consultation_id,),
    )
    return array("q", (row[0] for row in rows))


def consultation_responses(db: Database, consultation_id: int, ids: Sequence[int]) -> Iterator[tuple]:
    """Yield the responses with these ids as (group id, answers), in the order of the ids, 500 read at a
    time: however many pupils answered, only those few are held at once."""
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = db.execute(
            """SELECT sessions.id, sessions.consultation_group_id, question_id, day, value, skipped
            FROM sessions JOIN answers ON answers.session_id = sessions.id
            WHERE sessions.id IN (SELECT value FROM json_each(?)) AND consultation_id = ? AND answers.asked""",
            (json.dumps(list(chunk)), consultation_id),
        )
        found: dict[int, tuple[int | None, dict]] = {}
        values: dict = {None: None}  # each stored answer decoded once a chunk: most pupils give the same few
        for session_id, group_id, question_id, day, stored, skipped in rows:
            if stored not in values:
                values[stored] = json.loads(stored)
            found.setdefault(session_id, (group_id, {}))[1][(question_id, day)] = Answer(
                values[stored], bool(skipped)
            )
        yield from (found[session_id] for session_id in chunk if session_id in found)


def add_consultation_responses(db: Database, consultation_id: int, questionnaire, responses) -> None:
    """Store finished responses in one transaction (the demo and the benchmark).

    Each response is a dict: group_id, started_at, finished_at, answers ({(question id, day): value}).
    """
    with write_transaction(db):
        for response in responses:
            session_id = db.execute(
                """
                INSERT INTO sessions (questionnaire_id, questionnaire_version, status, started_at, finished_at,
                                      consultation_id, consultation_group_id)
                VALUES (?, ?, 'finished', ?, ?, ?, ?)
                """,
                (
                    questionnaire.id,
                    questionnaire.version,
                    response["started_at"],
                    response["finished_at"],
                    consultation_id,
                    response["group_id"],
                ),
            ).lastrowid
            db.conn.executemany(
                """
                INSERT INTO answers (session_id, question_id, day, value, skipped, saved_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [
                    (
                        session_id,
                        question_id,
                        day,
                        json.dumps(value, ensure_ascii=False) if value is not None else None,
                        int(value is None),
                        response["finished_at"],
                    )
                    for (question_id, day), value in response["answers"].items()
                ],
            )
