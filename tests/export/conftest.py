"""Fixtures for the export tests: the small corpus in a store, once per backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from export_samples import build_corpus

from newsgraph.store import Store, open_store


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new database's URL, once per backend: every export test runs on both."""
    if request.param == "sqlite":
        return str(tmp_path / "news.db")
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        build_corpus(opened)
        yield opened
