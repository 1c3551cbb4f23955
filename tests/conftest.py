"""Shared fixtures: the spaCy model (loaded once per session) and the ../shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "xi-moscow-2025-05-08.txt"
WIKINEWS = SHARED / "data" / "wikinews-2019-2020" / "articles.jsonl"


def shared_file(path: Path) -> Path:
    """``path`` under ../shared, or skip the test with the reason (never in CI, where it must exist)."""
    if not path.exists():
        reason = f"{path} is not here (../shared comes with the project's CI and development machines)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    return path


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
