"""Fixtures for the store tests: a store on disk and hand-built analyses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_samples import MakeAnalysis, build_analysis

from newsgraph.store import Store, open_store


@pytest.fixture
def make_analysis() -> MakeAnalysis:
    return build_analysis


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "news.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, db_path: Path) -> str:
    """A new database's URL, once per backend: every test of the Store API runs on both."""
    if request.param == "sqlite":
        return str(db_path)
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened
