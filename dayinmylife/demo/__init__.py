"""The demo: a practitioner's caseload of three children, a school's consultation and an administrator."""
