"""What the partnership's impact report (impact/) reads: the children heard in a period across every team,
counted per team in SQL (10,000 children are too many to read one by one)."""

from __future__ import annotations

import json

from sqlite_utils import Database

from dayinmylife.questionnaire.model import Answer
from dayinmylife.store.rows import all_rows

# The team of a child: that of its practitioner in a team, the first if several; NULL if none is.
_TEAM_OF = """(
    SELECT MIN(member.team_id) FROM child_practitioners AS worker
    JOIN team_members AS member ON member.user_id = worker.user_id AND NOT member.manages
    WHERE worker.child_id = {child}
)"""

# Each child with a finished session started in the period: its team, how many such sessions, how many were the child's own account, and the
# latest of them; with what is counted of what the latest found (kept with its findings, when they are current:
# the stamps given).
_HEARD = """
    WITH heard AS MATERIALIZED (
        SELECT child_id, COUNT(*) AS sessions, SUM(account = 'child') AS own_account,
               MAX(started_at) AS latest_at, id AS latest_id, questionnaire_id,
               {team} AS team_id
        FROM sessions
        WHERE status = 'finished' AND child_id IS NOT NULL AND started_at >= :start AND started_at < :end
        GROUP BY child_id
    ),
    found AS MATERIALIZED (
        SELECT heard.child_id, heard.team_id, kept.counted FROM heard
        JOIN session_findings AS kept ON kept.session_id = heard.latest_id
        WHERE kept.stamp IN (SELECT value FROM json_each(:stamps)) AND kept.counted IS NOT NULL
    )
"""

# (table, team id, answer, children): per team, the children under each answer of each table, and (answer
# NULL) the children the table counts. "questionnaire" rows name the questionnaires of the latest sessions.
_COUNTS = """
    SELECT 'heard', team_id, IIF(own_account > 0, 'own_account', 'adults_only'), COUNT(*) FROM heard GROUP BY 2, 3
    UNION ALL SELECT 'heard', team_id, NULL, COUNT(*) FROM heard GROUP BY 2
    UNION ALL SELECT 'sessions', team_id, CASE sessions WHEN 1 THEN '1' WHEN 2 THEN '2' ELSE '3+' END, COUNT(*)
        FROM heard GROUP BY 2, 3
    UNION ALL SELECT 'sessions', team_id, NULL, COUNT(*) FROM heard GROUP BY 2
    UNION ALL SELECT 'questionnaire', NULL, questionnaire_id, COUNT(*) FROM heard GROUP BY 3
    UNION ALL SELECT 'weekend', team_id, part.value, COUNT(*)
        FROM found, json_each(found.counted, '$.weekend_different') AS part GROUP BY 2, 3
    UNION ALL SELECT 'weekend', team_id, NULL, COUNT(*) FROM found WHERE found.counted ->> 'weekend_said' GROUP BY 2
    UNION ALL SELECT 'worth_exploring', team_id, area.value, COUNT(*)
        FROM found, json_each(found.counted, '$.worth_exploring') AS area GROUP BY 2, 3
    UNION ALL SELECT 'worth_exploring', team_id, NULL, COUNT(*) FROM found GROUP BY 2
    UNION ALL SELECT 'going_well', team_id, area.value, COUNT(*)
        FROM found, json_each(found.counted, '$.going_well') AS area GROUP BY 2, 3
    UNION ALL SELECT 'going_well', team_id, NULL, COUNT(*) FROM found GROUP BY 2
"""


def counts_of_children_heard(db: Database, start: str, end: str, stamps: list[str]) -> list[tuple]:
    """(table, team id, answer or None for the children counted, children) for the children heard in
    [start, end): see _COUNTS. Findings kept under other stamps (stale, or of a questionnaire gone) count
    in no table of findings."""
    params = {"start": start, "end": end, "stamps": json.dumps(stamps)}
    sql = _HEARD.format(team=_TEAM_OF.format(child="sessions.child_id")) + _COUNTS
    return [tuple(row) for row in db.execute(sql, params).fetchall()]


def latest_sessions_not_counted(db: Database, start: str, end: str, stamps: list[str]) -> list[dict]:
    """The latest finished session started in [start, end) of each child heard, where what it found is not
    kept to be counted under one of these stamps: id, status, questionnaire."""
    return all_rows(
        db,
        """
        SELECT latest.* FROM (
            SELECT id, status, questionnaire_id, MAX(started_at) AS started_at FROM sessions
            WHERE status = 'finished' AND child_id IS NOT NULL AND started_at >= ? AND started_at < ?
            GROUP BY child_id
        ) AS latest
        LEFT JOIN session_findings AS kept ON kept.session_id = latest.id
        WHERE kept.counted IS NULL OR kept.stamp NOT IN (SELECT value FROM json_each(?))
        """,
        (start, end, json.dumps(stamps)),
    )


# The children heard in [:start, :end) with agreed outcomes.
_HEARD_WITH_OUTCOMES = """
    SELECT DISTINCT outcomes.child_id FROM outcomes WHERE EXISTS (
        SELECT 1 FROM sessions WHERE sessions.child_id = outcomes.child_id AND status = 'finished'
        AND started_at >= :start AND started_at < :end
    )
"""


def outcomes_of_children_heard(db: Database, start: str, end: str) -> list[dict]:
    """The outcomes agreed with the children heard in [start, end)."""
    rows = all_rows(
        db,
        f"""
        SELECT child_id, statement, question_id, day, met_when FROM outcomes
        WHERE child_id IN ({_HEARD_WITH_OUTCOMES})
        """,
        {"start": start, "end": end},
    )
    decoded: dict[str, list] = {}
    for row in rows:
        row["met_when"] = decoded.setdefault(row["met_when"], json.loads(row["met_when"]))
    return rows


def first_and_latest_own_answers(db: Database, start: str, end: str, questions: list[str]) -> list[tuple]:
    """For each child heard in [start, end) with agreed outcomes, their first and latest finished sessions
    with their own account started before the end ("first", and "latest" when it is another session), with
    their team and their answers to these questions: one row per answer, (child, team, session, "first" or
    "latest", questionnaire, question, day, Answer), with None for question, day and answer for a session
    without any."""
    rows = db.execute(
        f"""
        WITH own AS MATERIALIZED (
            SELECT child_id, id, questionnaire_id,
                   ROW_NUMBER() OVER (PARTITION BY child_id ORDER BY started_at, id) AS from_first,
                   ROW_NUMBER() OVER (PARTITION BY child_id ORDER BY started_at DESC, id DESC) AS from_latest
            FROM sessions
            WHERE child_id IN ({_HEARD_WITH_OUTCOMES})
              AND status = 'finished' AND account = 'child' AND started_at < :end
        ),
        compared AS MATERIALIZED (
            SELECT child_id, {_TEAM_OF.format(child="own.child_id")} AS team_id, id, questionnaire_id,
                   IIF(from_first = 1, 'first', 'latest') AS which
            FROM own WHERE from_first = 1 OR from_latest = 1
        )
        SELECT compared.child_id, compared.team_id, compared.id AS session_id, compared.which,
               compared.questionnaire_id, answers.question_id, answers.day, answers.value, answers.skipped
        FROM compared LEFT JOIN answers ON answers.session_id = compared.id
             AND answers.question_id IN (SELECT value FROM json_each(:questions))
        """,
        {"start": start, "end": end, "questions": json.dumps(sorted(set(questions)))},
    ).fetchall()
    decoded: dict[str, object] = {}  # the same few answers recur in every session
    found = []
    for child_id, team_id, session_id, which, questionnaire_id, question_id, day, text, skipped in rows:
        answer = None
        if question_id is not None:
            if text is not None and text not in decoded:
                decoded[text] = json.loads(text)
            value = None if text is None else decoded[text]
            answer = Answer(list(value) if isinstance(value, list) else value, bool(skipped))
        found.append((child_id, team_id, session_id, which, questionnaire_id, question_id, day, answer))
    return found


def report_version(db: Database, quarter: str) -> tuple[int, int]:
    """What a quarter's report depends on, as versions (store/migrations m026): the changes to sessions that
    started in that quarter or before, and the changes to teams, who works with a child and outcomes."""
    row = db.execute(
        """
        SELECT IFNULL(SUM(version) FILTER (WHERE scope != 'all' AND scope <= ?), 0),
               IFNULL(SUM(version) FILTER (WHERE scope = 'all'), 0)
        FROM report_versions
        """,
        (quarter,),
    ).fetchone()
    return row[0], row[1]
