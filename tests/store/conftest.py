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


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with open_store(str(db_path)) as opened:
        yield opened
