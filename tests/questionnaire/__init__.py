"""Tests of the questionnaire engine: plain Python, no Flask or SQL."""
