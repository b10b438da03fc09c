"""A child's sessions as the drift rules (supervision/drift.py) need them: their own finished sessions, what each
found (read from the store, or worked out once and kept there), the outcomes agreed with them."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import NamedTuple

from dayinmylife import store
from dayinmylife.casework.schedule import next_session
from dayinmylife.questionnaire.findings import Findings, stamp
from dayinmylife.questionnaire.model import Questionnaire
from dayinmylife.questionnaire.outcomes import Outcome
from dayinmylife.questionnaire.reading import SessionAnswers, findings_of
from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.store.db import get_db
from dayinmylife.vocabulary import CHILDS_OWN


def findings_of_sessions(
    sessions: Iterable[Mapping], loaded: Mapping[str, Questionnaire] | None = None
) -> dict[int, Findings]:
    """session id -> what it found, for the finished sessions among these (rows with an id, a status and a
    questionnaire id) of a questionnaire this app has. Those not kept, or kept with other rules or another
    questionnaire, are worked out now and kept: a finished session's answers never change."""
    wanted = _finished(sessions, loaded)
    kept = store.findings.kept_findings(get_db(), list(wanted))
    found = {
        session_id: Findings.from_json(kept[session_id][1])
        for session_id, questionnaire in wanted.items()
        if session_id in kept and kept[session_id][0] == stamp(questionnaire)
    }
    found.update(_work_out({s: q for s, q in wanted.items() if s not in found}))
    return found


def keep_findings(sessions: Iterable[Mapping], loaded: Mapping[str, Questionnaire] | None = None) -> None:
    """See that what these finished sessions found is kept and current, without reading it back: for
    counting it in SQL."""
    wanted = _finished(sessions, loaded)
    stamps = store.findings.kept_stamps(get_db(), list(wanted))
    _work_out({s: q for s, q in wanted.items() if stamps.get(s) != stamp(q)})


def _finished(
    sessions: Iterable[Mapping], loaded: Mapping[str, Questionnaire] | None
) -> dict[int, Questionnaire]:
    loaded = all_questionnaires() if loaded is None else loaded
    return {
        s["id"]: loaded[s["questionnaire_id"]]
        for s in sessions
        if s["status"] == "finished" and s["questionnaire_id"] in loaded
    }


def _work_out(sessions: Mapping[int, Questionnaire]) -> dict[int, Findings]:
    """What these sessions found, from their answers, kept for next time."""
    if not sessions:
        return {}
    db = get_db()
    answers = store.sessions.answers_of_sessions(db, list(sessions))
    worked_out = {
        session_id: findings_of(sessions[session_id], answers[session_id]) for session_id in sessions
    }
    store.findings.keep_findings(
        db,
        {
            session_id: (stamp(sessions[session_id]), findings.to_json(), findings.counted())
            for session_id, findings in worked_out.items()
        },
    )
    return worked_out


class ChildSessions(NamedTuple):
    """What `drift.concerns` reads about one child, in its order: `concerns(*child_sessions(child))`."""

    questionnaire: Questionnaire | None
    sessions: list[SessionAnswers]
    outcomes: list[tuple[Outcome, str]]
    overdue_since: date | None
    findings: list[Findings]


def child_sessions(child: dict) -> ChildSessions:
    """A child's own finished sessions of the questionnaire they answered last with what each found, the
    outcomes agreed with them, and since when a session is overdue (None if it is not)."""
    db, loaded = get_db(), all_questionnaires()
    every = store.sessions.sessions_over_time(db, child["id"])
    due = next_session(child["next_session_on"], every[-1]["started_at"] if every else None)
    own = [
        s
        for s in every
        if s["status"] == "finished" and s["account"] == CHILDS_OWN and s["questionnaire_id"] in loaded
    ]
    questionnaire = loaded[own[-1]["questionnaire_id"]] if own else None
    own = [s for s in own if questionnaire and s["questionnaire_id"] == questionnaire.id]
    outcomes = [
        (Outcome.from_row(row), row["created_at"])
        for row in store.children.outcomes_of_child(db, child["id"])
    ]
    # The answers only where an outcome is asked about; everything else comes from the kept findings.
    answers = store.sessions.answers_of_sessions(db, [s["id"] for s in own]) if own and outcomes else {}
    found = findings_of_sessions(own, loaded)
    sessions = [
        SessionAnswers(s["id"], s["started_at"], answers.get(s["id"], {}), s["questionnaire_version"])
        for s in own
    ]
    overdue = due.on if due.status == "overdue" else None
    return ChildSessions(questionnaire, sessions, outcomes, overdue, [found[s["id"]] for s in own])
