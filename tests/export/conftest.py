"""Fixtures for the export tests: the small corpus in a store, once per backend
(``store_url`` comes from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from export_samples import build_corpus

from newsgraph.store import Store, open_store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        build_corpus(opened)
        yield opened
