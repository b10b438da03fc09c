"""Tests of supervision: a team manager's view of the team's children."""
