"""The wire-style articles through the whole pipeline: their furniture, out of the text, makes
no entity, quote or event, and every fact's span slices the text it was read from."""

from __future__ import annotations

import re
from typing import Any

import pytest

from newsgraph.model import Analysis, Document, Span

from .helpers import wire_documents

pytestmark = pytest.mark.model

# Capitalised words of three letters or more: the names a caption or credit would lend a fact.
_NAME_WORD = re.compile(r"\b[A-Z][\w'’-]{2,}\b")


@pytest.fixture(scope="module")
def analyses(pipeline: Any) -> list[Analysis]:
    return [pipeline.analyse(document) for document in wire_documents()]


def _furniture_only_names(document: Document) -> set[str]:
    """Name-like words that appear in the document's furniture and nowhere in its text."""
    words = {w for item in document.furniture for w in _NAME_WORD.findall(item.text)}
    return {w for w in words if not re.search(rf"\b{re.escape(w)}\b", document.text)}


def _spans(analysis: Analysis) -> list[Span]:
    spans = [m.span for m in analysis.mentions] + [t.span for t in analysis.time_expressions]
    for quote in analysis.quotes:
        spans += [quote.span, *(s for s in (quote.cue, quote.speaker) if s is not None)]
    for event in analysis.events:
        spans += [event.evidence, *(s for s in (event.trigger,) if s is not None)]
    for fact in (*analysis.mentions, *analysis.entities, *analysis.quotes, *analysis.events):
        spans += list(fact.provenance.evidence)
    return spans


def test_every_fact_span_slices_the_cleaned_text(analyses: list[Analysis]) -> None:
    for analysis in analyses:
        text = analysis.document.text
        assert all(span.slices(text) for span in _spans(analysis)), analysis.document.origin


def test_furniture_makes_no_entity_quote_or_event(analyses: list[Analysis]) -> None:
    checked = 0
    for analysis in analyses:
        names = _furniture_only_names(analysis.document)
        checked += len(names)
        for entity in analysis.entities:
            said = {w for n in (entity.name, *entity.aliases) for w in _NAME_WORD.findall(n)}
            assert not said & names, (analysis.document.origin, entity.name)
        facts = [q.span.text for q in analysis.quotes] + [e.evidence.text for e in analysis.events]
        for text in facts:
            assert not set(_NAME_WORD.findall(text)) & names, (analysis.document.origin, text)
    assert checked >= 20, "the corpus should hold names found only in its furniture"


def test_the_stories_are_still_read(analyses: list[Analysis]) -> None:
    # Taking the furniture out leaves the story: people, places and quotes are still found.
    assert all(analysis.entities for analysis in analyses)
    assert sum(len(analysis.quotes) for analysis in analyses) >= 10
