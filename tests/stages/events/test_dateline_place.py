"""Issue 15: ingest takes the wire dateline out of the text and keeps its place in
Document.dateline_place; an event whose sentence names no place still gets the article's place
from it (when the story names that place again, so it has an entity). Sentences are ours."""

from __future__ import annotations

import dataclasses

import pytest

from newsgraph.model import Analysis, Document, Entity, Mention, Provenance, Span, content_id
from newsgraph.pipeline.stage import StageContext
from newsgraph.stages.events import EventStage

pytestmark = pytest.mark.model
PROV = Provenance(stage="test", stage_version="0")
PETROV = Entity(id="ent_petrov", name="Ivan Petrov", kind="person", provenance=PROV, country="RUS")
TASS = Entity(id="ent_tass", name="Tass", kind="organisation", provenance=PROV, country="RUS")
KHARKIV = Entity(id="ent_kharkiv", name="Kharkiv", kind="place", provenance=PROV, country="UKR")
TEXT = "Petrov held talks with Tass editors on Thursday.\n\nHe later toured the centre of Kharkiv."


def _talks(nlp, dateline_place: str | None):  # type: ignore[no-untyped-def]
    document = dataclasses.replace(Document.create(text=TEXT, published="2025-05-08"), dateline_place=dateline_place)
    mentions = tuple(
        Mention(
            id=content_id("men", phrase),
            document_id=document.id,
            span=Span.of(TEXT, TEXT.index(phrase), TEXT.index(phrase) + len(phrase)),
            label=label,
            provenance=PROV,
            entity_id=entity.id,
        )
        for phrase, label, entity in (("Petrov", "PERSON", PETROV), ("Tass", "ORG", TASS), ("Kharkiv", "GPE", KHARKIV))
    )
    analysis = Analysis(document=document, mentions=mentions, entities=(PETROV, TASS, KHARKIV))
    context = StageContext(analysis=analysis, doc=nlp(TEXT), stage="events", version="1", model=None)
    events = EventStage(classifier=False)(context).events
    return next(e for e in events if e.type == "CONSULT")


def test_the_dateline_place_ingest_kept_sets_a_placeless_event(nlp) -> None:  # type: ignore[no-untyped-def]
    talks = _talks(nlp, "Kharkiv, Ukraine")
    assert (talks.place, talks.place_source) == (KHARKIV.id, "document")


def test_without_a_dateline_the_event_has_no_guessed_place(nlp) -> None:  # type: ignore[no-untyped-def]
    talks = _talks(nlp, None)
    assert talks.place is None
