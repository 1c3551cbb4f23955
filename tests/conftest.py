"""Shared fixtures: the spaCy model (loaded once per session) and the ../shared data."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "xi-moscow-2025-05-08.txt"
WIKINEWS = SHARED / "data" / "wikinews-2019-2020" / "articles.jsonl"

# Test helpers (postgres_server.py) import as top-level modules.
sys.path.insert(0, str(Path(__file__).parent))


def shared_file(path: Path) -> Path:
    """``path`` under ../shared, or skip the test with the reason (never in CI, where it must exist)."""
    if not path.exists():
        reason = f"{path} is not here (../shared comes with the project's CI and development machines)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    return path


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
