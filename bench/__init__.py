"""Benchmarks: measured, printed, never asserted in the test suite. Run them all with `make bench`."""
