"""Rows to and from model objects: the one place that knows how each column is filled.

Facts are stored twice over on purpose: their queryable fields as columns, and the whole
``to_dict(fact)`` in ``data``. Reading always rebuilds from ``data``, so the columns are an index
for queries, never the source of truth.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from newsgraph.errors import StoreError
from newsgraph.model import (
    FACT_CLASSES,
    Analysis,
    Document,
    Entity,
    Event,
    Furniture,
    Mention,
    Quote,
    Rejection,
    TimeExpression,
    from_dict,
    to_dict,
)

__all__ = [
    "check_analysis",
    "document_from_row",
    "document_row",
    "edge_rows",
    "entity_row",
    "event_confidence",
    "fact_date",
    "fact_from_data",
    "fact_rows",
    "participant_rows",
    "rejection_from_row",
    "rejection_row",
]

Row = dict[str, Any]


def document_row(document: Document, *, ingested_at: str) -> Row:
    """The ``documents`` row of ``document`` (without ``seq``, which the store assigns)."""
    row: Row = {
        field: getattr(document, field)
        for field in (
            "id", "url", "source", "title", "standfirst", "section", "byline", "published",
            "published_source", "retrieved", "language", "origin", "text",
        )
    }  # fmt: skip
    row["text_hash"] = document.text_hash
    row["extra"] = [list(pair) for pair in document.extra]
    row["dateline_place"] = document.dateline_place
    row["furniture"] = [to_dict(item) for item in document.furniture]
    row["ingested_at"] = ingested_at
    return row


def document_from_row(row: Mapping[Any, Any]) -> Document:
    fields = {key: row[key] for key in Document.__dataclass_fields__ if key not in ("extra", "furniture")}
    furniture = tuple(from_dict(Furniture, item) for item in row["furniture"] or ())
    return Document(**fields, extra=tuple((str(k), str(v)) for k, v in row["extra"]), furniture=furniture)


def rejection_row(rejection: Rejection, *, created_at: str) -> Row:
    return {
        "id": rejection.id,
        "origin": rejection.origin,
        "reason": rejection.reason,
        "message": rejection.message,
        "document_id": rejection.document_id,
        "created_at": created_at,
    }


def rejection_from_row(row: Mapping[Any, Any]) -> Rejection:
    return Rejection(origin=row["origin"], reason=row["reason"], message=row["message"], document_id=row["document_id"])


def entity_row(entity: Entity) -> Row:
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "country": entity.country,
        **_provenance(entity),
    }


def _provenance(fact: Mention | Entity | TimeExpression | Quote | Event) -> Row:
    return {
        "stage": fact.provenance.stage,
        "stage_version": fact.provenance.stage_version,
        "data": to_dict(fact),
    }


def _mention(fact: Mention) -> Row:
    span = fact.span
    return {"start": span.start, "end": span.end, "text": span.text, "label": fact.label,
            "entity_id": fact.entity_id}  # fmt: skip


def _time_expression(fact: TimeExpression) -> Row:
    span = fact.span
    return {"start": span.start, "end": span.end, "text": span.text, "type": fact.type,
            "value": fact.value, "earliest": fact.earliest, "latest": fact.latest}  # fmt: skip


_CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def fact_date(time: str | None, published: str | None) -> str | None:
    """The calendar date a fact is filed under: its own time when that is a calendar value
    (``2025-05-03``, ``2025-05``, ``2025``; a time of day is cut to its day), else the day the
    document was published. Text that sorts in time order on every backend."""
    for value in (time, published):
        if value:
            match = _CALENDAR.match(value)
            if match:
                return match.group(0)
    return None


def _quote(fact: Quote, published: str | None) -> Row:
    return {"start": fact.span.start, "end": fact.span.end, "kind": fact.kind,
            "speaker_entity_id": fact.speaker_entity_id, "time": fact.time,
            "date": fact_date(fact.time, published)}  # fmt: skip


def event_confidence(event: Event) -> Row:
    """The ``confidence`` and ``background`` columns of an event, copied onto its participant
    and edge rows too, so every event read filters on them without reading ``data``."""
    return {"confidence": event.provenance.confidence, "background": event.background}


def _event(fact: Event, published: str | None) -> Row:
    return {"type": fact.type, "mode": fact.mode, "place": fact.place, "time": fact.time,
            "modality": fact.modality, "cameo": fact.cameo,
            "date": fact_date(fact.time, published), **event_confidence(fact)}  # fmt: skip


def participant_rows(analysis: Analysis) -> list[Row]:
    """The ``event_participants`` rows: one per (event, entity, role), roles actor, recipient
    and place, each entity once per role even when the event lists it twice; the event's date,
    confidence and background flag are copied in for timelines and profiles."""
    doc_id = analysis.document.id
    published = analysis.document.published
    rows: list[Row] = []
    for event in analysis.events:
        date = fact_date(event.time, published)
        confidence = event_confidence(event)
        place = (event.place,) if event.place else ()
        roles = (("actor", event.actors), ("recipient", event.recipients), ("place", place))
        for role, entity_ids in roles:
            for entity_id in dict.fromkeys(entity_ids):
                rows.append({"event_id": event.id, "entity_id": entity_id, "role": role,
                             "document_id": doc_id, "date": date, **confidence})  # fmt: skip
    return rows


def edge_rows(analysis: Analysis) -> list[Row]:
    """The ``event_edges`` rows: one per (event, actor, recipient), an entity acting on itself
    left out; the event's date, type, modality, confidence and background flag are copied in for
    the network query."""
    published = analysis.document.published
    rows: list[Row] = []
    for event in analysis.events:
        date = fact_date(event.time, published)
        for actor in dict.fromkeys(event.actors):
            for recipient in dict.fromkeys(event.recipients):
                if actor != recipient:
                    rows.append({"event_id": event.id, "actor_id": actor, "recipient_id": recipient,
                                 "document_id": analysis.document.id, "date": date, "type": event.type,
                                 "modality": event.modality, **event_confidence(event)})  # fmt: skip
    return rows


def fact_rows(analysis: Analysis) -> dict[str, list[Row]]:
    """The rows of each per-document fact table (keyed like ``schema.FACT_TABLES``)."""
    doc_id = analysis.document.id
    published = analysis.document.published

    def common(fact: Mention | TimeExpression | Quote | Event, position: int) -> Row:
        return {"id": fact.id, "document_id": doc_id, "position": position, **_provenance(fact)}

    return {
        "mentions": [{**common(f, i), **_mention(f)} for i, f in enumerate(analysis.mentions)],
        "time_expressions": [{**common(f, i), **_time_expression(f)} for i, f in enumerate(analysis.time_expressions)],
        "quotes": [{**common(f, i), **_quote(f, published)} for i, f in enumerate(analysis.quotes)],
        "events": [{**common(f, i), **_event(f, published)} for i, f in enumerate(analysis.events)],
    }


def fact_from_data(kind: str, data: Mapping[str, Any]) -> Any:
    """Rebuild one fact of ``kind`` (an Analysis field name) from its ``data`` column."""
    return from_dict(FACT_CLASSES[kind], data)


def check_analysis(analysis: Analysis) -> None:
    """Refuse an Analysis whose facts would be stored under the wrong document or twice.

    Both are bugs in a stage, and both would otherwise surface as an opaque constraint
    violation (or worse, as a fact silently filed under another document).
    """
    document = analysis.document
    name = f"document {document.id}" + (f" ({document.origin})" if document.origin else "")
    for kind in Analysis.FACT_KINDS:
        facts: Sequence[Any] = getattr(analysis, kind)
        if kind != "entities":
            strays = sorted({f.document_id for f in facts if f.document_id != document.id})
            if strays:
                raise StoreError(
                    f"{name}: {kind} belong to other document(s) {strays}; "
                    "a stage must set document_id to the document it analysed"
                )
        twice = sorted(fact_id for fact_id, n in Counter(f.id for f in facts).items() if n > 1)
        if twice:
            raise StoreError(
                f"{name}: {kind} with the same id appear more than once: {twice}; a stage emitted the same fact twice"
            )
