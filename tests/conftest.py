"""Shared fixtures: the spaCy model (loaded once per session) and the ../shared data."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Test helpers (shared_data.py, postgres_server.py) import as top-level modules.
sys.path.insert(0, str(Path(__file__).parent))

from shared_data import EXAMPLE, ROOT, SHARED, WIKINEWS, shared_file

__all__ = ["EXAMPLE", "ROOT", "SHARED", "WIKINEWS", "shared_file"]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server URL (no database); see tests/postgres_server.py."""
    from postgres_server import server

    with server() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    from postgres_server import database

    with database(postgres_server) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new database's URL, once per backend: a test taking it runs on SQLite and PostgreSQL.
    (tests/store overrides it to name the SQLite file ``db_path``.)"""
    if request.param == "sqlite":
        return str(tmp_path / "news.db")
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from newsgraph.pipeline.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def pipeline(nlp):  # type: ignore[no-untyped-def]
    from newsgraph.api import build_pipeline

    return build_pipeline()


@pytest.fixture
def example_article() -> Path:
    return shared_file(EXAMPLE)


@pytest.fixture
def wikinews() -> Path:
    return shared_file(WIKINEWS)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI every test must run: a skipped test there fails the run."""
    if os.environ.get("CI") != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if skipped:
        names = ", ".join(report.nodeid for report in skipped[:10])
        print(f"\nCI=true: {len(skipped)} test(s) were skipped, and nothing may be skipped in CI: {names}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
