"""Tests of answering: a child in child mode, a teenager's own link, what a browser may open."""
