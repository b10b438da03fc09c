"""Fixtures of the casework tests."""

import pytest


@pytest.fixture
def leo(signed_in, child_of):
    """A child on the signed-in practitioner's caseload, with nothing recorded yet."""
    return child_of(signed_in, "Leo", "2019-03-14")
