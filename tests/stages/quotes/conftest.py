"""A pipeline of the spaCy model, the mentions and the quote stage only (no coreference), so
these tests pin the quote stage's own behaviour."""

from __future__ import annotations

import pytest

from newsgraph.model import Analysis, Document, Quote


@pytest.fixture(scope="session")
def quote_pipeline(nlp):  # type: ignore[no-untyped-def]
    from newsgraph.api import build_pipeline

    return build_pipeline(stages=["newsgraph.mentions.v1", "newsgraph.quotes.v1"], on_error="raise")


@pytest.fixture
def quotes_of(quote_pipeline):  # type: ignore[no-untyped-def]
    def run(text: str, **fields: str) -> list[Quote]:
        analysis: Analysis = quote_pipeline.analyse(Document.create(text=text, **fields))
        return list(analysis.quotes)

    return run
