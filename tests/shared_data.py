"""Where the ../shared data lives, and how tests that need it skip (never in CI).

Import from here (``from shared_data import SHARED, shared_file``), not from a conftest: several
conftest modules exist and importing one by name picks whichever was loaded first.
"""

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
