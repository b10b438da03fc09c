"""The questionnaire engine: plain Python, no Flask and no SQL."""
