"""Tests of signing in and staying signed in: passwords, the second step, session limits, throttling."""
