"""Tests of administrators: accounts from the pages and the command line."""
