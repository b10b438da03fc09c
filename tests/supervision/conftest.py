"""Fixtures of the supervision tests: two teams, their practitioners and children, and a signed-in manager."""

import pytest

from dayinmylife import store
from tests.conftest import PASSWORD_HASH, Practitioners


@pytest.fixture
def team(db, questionnaires):
    """North: Sam (Leo, seen; Mia, never) and Alex; South: Jo (Kai). Morgan manages North."""
    ids = {
        name: store.users.create_user(db, f"{name.lower()}@example.org", name, PASSWORD_HASH, role)
        for name, role in (
            ("Sam", "practitioner"),
            ("Alex", "practitioner"),
            ("Jo", "practitioner"),
            ("Morgan", "manager"),
        )
    }
    north, south = store.teams.create_team(db, "North"), store.teams.create_team(db, "South")
    for name in ("Sam", "Alex"):
        store.teams.add_member(db, north, ids[name], manages=False)
    store.teams.add_member(db, north, ids["Morgan"], manages=True)
    store.teams.add_member(db, south, ids["Jo"], manages=False)
    ids["Leo"] = store.children.create_child(db, ids["Sam"], "Leo", "2018-05-01", "C-1")
    ids["Mia"] = store.children.create_child(db, ids["Sam"], "Mia", "2019-02-01", None)
    ids["Kai"] = store.children.create_child(db, ids["Jo"], "Kai", "2017-01-01", None)
    ids["session"] = store.sessions.start_session(db, ids["Leo"], questionnaires["primary"], ids["Sam"])
    store.sessions.finish_session(db, ids["session"])
    return ids


@pytest.fixture
def morgan(client, db, team):
    manager = Practitioners(client, db)
    manager.sign_in("morgan@example.org")
    return manager
