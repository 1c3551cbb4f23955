"""Fixtures for the linking tests that use a store: a new database once per backend."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new database's URL, once per backend (as in tests/store/conftest.py)."""
    if request.param == "sqlite":
        return str(tmp_path / "news.db")
    url: str = request.getfixturevalue("postgres_url")
    return url
