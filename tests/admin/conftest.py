"""Fixtures of the administrators' tests."""

import pytest

from dayinmylife import store
from tests.conftest import PASSWORD_HASH


@pytest.fixture
def administrator(db, practitioners):
    """A signed-in administrator; returns their user id."""
    user_id = store.users.create_user(db, "ada@example.org", "Ada Admin", PASSWORD_HASH, "administrator")
    practitioners.sign_in("ada@example.org")
    return user_id


@pytest.fixture
def sam(db):
    return store.users.create_user(db, "sam@example.org", "Sam Taylor", PASSWORD_HASH)
