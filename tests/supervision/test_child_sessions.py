"""What each finished session found is worked out once, kept, worked out again when the rules or the
questionnaire change, and goes with the child."""

import pytest

from dayinmylife import store
from dayinmylife.questionnaire.findings import Findings, stamp
from dayinmylife.questionnaire.reading import findings_of
from dayinmylife.supervision.child_sessions import child_sessions, findings_of_sessions

BREAKFAST_PROMPT = "Who makes sure there is food for breakfast? What gets in the way?"


@pytest.fixture
def leo(db, team, questionnaires):
    """Leo's finished session of the fixture, with no breakfast on a school day and the weekend the same."""
    session_id = team["session"]
    store.sessions.save_answer(db, session_id, "had_breakfast", "school", "no")
    store.sessions.save_answer(db, session_id, "breakfast.weekend_different", "once", "no")
    return store.children.child_for(db, team["Sam"], team["Leo"]), session_id


def test_a_finished_session_is_read_once_and_its_findings_kept(app, db, leo, questionnaires):
    child, session_id = leo
    with app.app_context():
        found = child_sessions(child).findings
    assert [BREAKFAST_PROMPT in each.prompts() for each in found] == [True]
    kept_stamp, kept = store.findings.kept_findings(db, [session_id])[session_id]
    assert kept_stamp == stamp(questionnaires["primary"])
    answers = store.sessions.answers_of_sessions(db, [session_id])[session_id]
    assert Findings.from_json(kept) == findings_of(questionnaires["primary"], answers)


def test_findings_kept_with_other_rules_are_worked_out_again(app, db, leo):
    child, session_id = leo
    store.findings.keep_findings(
        db, {session_id: ("0:primary:old", Findings.from_json(_empty()).to_json(), None)}
    )
    with app.app_context():
        [found] = child_sessions(child).findings
    assert BREAKFAST_PROMPT in found.prompts()
    assert store.findings.kept_findings(db, [session_id])[session_id][0] != "0:primary:old"


def test_an_unfinished_session_is_not_kept(app, db, team, questionnaires):
    unfinished = store.sessions.start_session(db, team["Leo"], questionnaires["primary"], team["Sam"])
    with app.app_context():
        rows = [store.sessions.session_by_id(db, unfinished)]
        assert findings_of_sessions(rows) == {}
    assert store.findings.kept_findings(db, [unfinished]) == {}


def test_findings_go_with_the_child(app, db, leo):
    child, session_id = leo
    with app.app_context():
        child_sessions(child)
    store.children.erase_child(db, child["id"])
    assert store.findings.kept_findings(db, [session_id]) == {}


def _empty() -> str:
    return '{"worth_exploring":[],"going_well":[],"weekend":{},"feelings":[]}'
