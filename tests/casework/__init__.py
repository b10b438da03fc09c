"""Tests of the practitioner's pages: caseload, sessions, records, notes, outcomes, the care team."""
