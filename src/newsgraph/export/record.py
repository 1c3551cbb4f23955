"""The extract JSON contract: one object per article, as ``newsgraph extract`` prints it.

The shape is fixed by ``schema/extract.schema.json`` (tests validate against it) and later
issues fill the lists; names never change. Facts refer to entities by canonical name here
(``speaker``, ``actors``) because that is what a reader of the JSON wants, with the ids beside.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from newsgraph.model import Analysis, Document, Span, to_dict

DOCUMENT_FIELDS = (
    "id", "url", "source", "title", "standfirst", "section", "byline",
    "published", "published_source", "retrieved", "language", "text", "dateline_place", "furniture",
)  # fmt: skip


def document_record(document: Document) -> dict[str, Any]:
    record = {name: getattr(document, name) for name in DOCUMENT_FIELDS}
    record["furniture"] = [to_dict(item) for item in document.furniture]
    return record


def _span(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def to_record(analysis: Analysis) -> dict[str, Any]:
    """The extract JSON object for one analysed article."""
    names = {entity.id: entity.name for entity in analysis.entities}

    def name(entity_id: str | None) -> str | None:
        return None if entity_id is None else names.get(entity_id, entity_id)

    return {
        "document": document_record(analysis.document),
        "mentions": [
            {**_span(m.span), "label": m.label, "entity_id": m.entity_id, "members": list(m.members)}
            for m in analysis.mentions
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "aliases": list(e.aliases),
                "titles": [{"title": t.title, "affiliation": t.affiliation, "as_of": t.as_of} for t in e.titles],
                "country": e.country,
                "latitude": e.latitude,
                "longitude": e.longitude,
            }
            for e in analysis.entities
        ],
        "time_expressions": [
            {
                **_span(t.span),
                "type": t.type,
                "value": t.value,
                "mod": t.mod,
                "earliest": t.earliest,
                "latest": t.latest,
            }
            for t in analysis.time_expressions
        ],
        "quotes": [
            {
                **_span(q.span),
                "kind": q.kind,
                "cue": None if q.cue is None else {**_span(q.cue), "lemma": q.cue_lemma},
                "speaker": name(q.speaker_entity_id) if q.speaker_entity_id else None,
                "speaker_entity_id": q.speaker_entity_id,
                "speaker_span": None if q.speaker is None else _span(q.speaker),
                "time": q.time,
                "time_source": q.time_source,
                "negated": q.negated,
            }
            for q in analysis.quotes
        ],
        "events": [
            {
                "type": e.type,
                "mode": e.mode,
                "actors": [name(a) for a in e.actors],
                "recipients": [name(r) for r in e.recipients],
                "place": name(e.place),
                "time": e.time,
                "modality": e.modality,
                "cameo": e.cameo,
                "evidence": _span(e.evidence),
                "trigger": None if e.trigger is None else _span(e.trigger),
                "reported_by": name(e.reported_by),
                "actor_sector": e.actor_sector,
                "recipient_sector": e.recipient_sector,
                "actor_country": e.actor_country,
                "recipient_country": e.recipient_country,
                "duration": e.duration,
                "time_source": e.time_source,
                "place_source": e.place_source,
                "confidence": e.provenance.confidence,
                "background": e.background,
                "latest": e.latest,
            }
            for e in analysis.events
        ],
    }


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of an extract record."""
    text = resources.files("newsgraph").joinpath("schema/extract.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
