"""The query tests' hand-built corpus, imported for the export tests."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "query"))

from query_samples import CORPUS, add_merged_event, add_story, build_corpus, rated_document

__all__ = ["CORPUS", "add_merged_event", "add_story", "build_corpus", "rated_document"]
