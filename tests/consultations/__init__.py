"""Tests of consultations: joining, results, suppression, exports, changes."""
