"""Tests of newsgraph.ingest (a package, so its module names cannot clash with other test folders)."""
