"""Event and quote lists: every event mention or quotation matching the filters, oldest first.

Ordered by ``(date, id)``, so the order is stable and a cursor resumes it exactly. Every filter,
``text`` included, is a WHERE clause (``event_conditions``, ``quote_conditions``): a page reads
only the rows it returns, and the chart counts group the same clauses.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, select

from newsgraph.query import conditions as where
from newsgraph.query.cursor import Key, decode_cursor, encode_cursor, paged
from newsgraph.query.filters import NO_FILTERS, Filters
from newsgraph.query.refs import document_refs, entity_refs, plover_class
from newsgraph.query.rows import DocumentRef, EventRow, QuoteRow
from newsgraph.store import Store
from newsgraph.store.schema import entities
from newsgraph.store.schema import events as events_table
from newsgraph.store.schema import quotes as quotes_table

__all__ = ["event_conditions", "event_rows", "events", "latest_quotes", "quote_conditions", "quotes"]

EVENT_FILTERS = (
    "text", "since", "until", "entity", "types", "actor", "recipient", "country", "place",
    "source", "story", "modalities", "min_confidence", "background",
)  # fmt: skip
QUOTE_FILTERS = ("text", "since", "until", "entity", "actor", "country", "source", "story", "quote_kinds")


def events(store: Store, filters: Filters = NO_FILTERS, *, after: str | None = None) -> Iterator[EventRow]:
    """Every event mention matching ``filters``, by (date, id), from just after ``after``.

    ``entity`` matches any role (actor, recipient, place); ``country`` an actor's or recipient's
    country; ``text`` words the event's document must contain (as the documents search finds it);
    ``min_confidence`` the lowest confidence kept (default: the shipped threshold; an event
    with no confidence passes), ``background`` whether background events are kept too."""
    start = None if after is None else decode_cursor(after, "events", 2)
    conds = event_conditions(store, filters)

    def fetch(key: Key | None, limit: int) -> Sequence[EventRow]:
        columns = select(events_table.c.id, events_table.c.date, events_table.c.document_id, events_table.c.data)
        query = where.keyset_page(columns.where(*conds), events_table.c.date, events_table.c.id, key, limit)
        with store.read() as conn:
            return event_rows(conn, conn.execute(query).all())

    yield from paged(fetch, lambda r: (r.date or "", r.id), start)


def event_conditions(store: Store, filters: Filters) -> list[ColumnElement[bool]]:
    """``filters`` as WHERE clauses on the ``events`` table: the rows ``events`` lists, which
    the chart counts (``aggregate.py``) group instead of reading."""
    where.check_supported(filters, "events", EVENT_FILTERS)
    with store.read() as conn:
        resolved = where.resolve(conn, filters)
    conds = [
        *where.date_range(events_table.c.date, filters),
        *where.document_filter(events_table.c.document_id, filters),
        *where.document_text(store, events_table.c.document_id, filters),
        *where.confidence_filter(events_table.c.confidence, events_table.c.background, filters),
    ]
    if filters.types:
        conds.append(events_table.c.type.in_(filters.types))
    if filters.modalities:
        conds.append(events_table.c.modality.in_(filters.modalities))
    for value, roles in resolved.roles():
        conds.append(where.participant(events_table.c.id, value, roles))
    if filters.country is not None:
        conds.append(where.country_participant(events_table.c.id, filters.country))
    return conds


def event_rows(conn: Connection, page: Sequence[Any]) -> list[EventRow]:
    """EventRows for ``(id, date, document_id, data)`` rows, with entities and documents looked up."""
    datas = [row.data for row in page]
    refs = entity_refs(conn, {e for d in datas for e in (*d["actors"], *d["recipients"], *filter(None, [d["place"]]))})
    docs = document_refs(conn, {row.document_id for row in page})
    result = []
    for row, data in zip(page, datas, strict=True):
        quad, intensity = plover_class(data["type"])
        trigger = data.get("trigger")
        result.append(
            EventRow(
                id=row.id,
                date=row.date,
                type=data["type"],
                mode=data.get("mode"),
                quad_class=quad,
                intensity=intensity,
                modality=data.get("modality", "asserted"),
                cameo=data.get("cameo"),
                confidence=data["provenance"].get("confidence"),
                background=bool(data.get("background", False)),
                actors=tuple(refs[e] for e in data["actors"]),
                recipients=tuple(refs[e] for e in data["recipients"]),
                place=refs[data["place"]] if data.get("place") else None,
                evidence=data["evidence"]["text"],
                trigger=trigger["text"] if trigger else None,
                document=docs.get(row.document_id) or _missing(row.document_id),
                cursor=encode_cursor("events", (row.date or "", row.id)),
            )
        )
    return result


def quotes(store: Store, filters: Filters = NO_FILTERS, *, after: str | None = None) -> Iterator[QuoteRow]:
    """Every quotation matching ``filters``, by (date, id), from just after ``after``.

    ``entity``/``actor`` is the speaker; ``country`` the speaker's country; ``text`` words the
    quote's document must contain (as the documents search finds it); ``quote_kinds`` direct,
    partial or indirect."""
    start = None if after is None else decode_cursor(after, "quotes", 2)
    conds = quote_conditions(store, filters)

    def fetch(key: Key | None, limit: int) -> Sequence[QuoteRow]:
        columns = select(quotes_table.c.id, quotes_table.c.date, quotes_table.c.document_id, quotes_table.c.data)
        query = where.keyset_page(columns.where(*conds), quotes_table.c.date, quotes_table.c.id, key, limit)
        with store.read() as conn:
            return quote_rows(conn, conn.execute(query).all(), "quotes")

    yield from paged(fetch, lambda r: (r.date or "", r.id), start)


def latest_quotes(store: Store, filters: Filters = NO_FILTERS, *, limit: int) -> list[QuoteRow]:
    """The last ``limit`` quotes of ``quotes(store, filters)``, newest first (for a dashboard
    panel: one short query instead of reading the whole list to keep its tail)."""
    q = quotes_table
    query = (
        select(q.c.id, q.c.date, q.c.document_id, q.c.data)
        .where(*quote_conditions(store, filters))
        .order_by(q.c.date.desc().nulls_last(), q.c.id.desc())
        .limit(limit)
    )
    with store.read() as conn:
        return quote_rows(conn, conn.execute(query).all(), "quotes")


def quote_conditions(store: Store, filters: Filters) -> list[ColumnElement[bool]]:
    """``filters`` as WHERE clauses on the ``quotes`` table: the rows ``quotes`` lists."""
    where.check_supported(filters, "quotes", QUOTE_FILTERS)
    with store.read() as conn:
        resolved = where.resolve(conn, filters)
    conds = [
        *where.date_range(quotes_table.c.date, filters),
        *where.document_filter(quotes_table.c.document_id, filters),
        *where.document_text(store, quotes_table.c.document_id, filters),
    ]
    if filters.quote_kinds:
        conds.append(quotes_table.c.kind.in_(filters.quote_kinds))
    for speaker in {resolved.entity, resolved.actor} - {None}:
        conds.append(quotes_table.c.speaker_entity_id == speaker)
    if filters.country is not None:
        speakers = select(entities.c.id).where(entities.c.country == filters.country)
        conds.append(quotes_table.c.speaker_entity_id.in_(speakers))
    return conds


def quote_rows(conn: Connection, page: Sequence[Any], list_name: str) -> list[QuoteRow]:
    """QuoteRows for ``(id, date, document_id, data)`` rows; cursors belong to ``list_name``."""
    datas = [row.data for row in page]
    refs = entity_refs(conn, {d["speaker_entity_id"] for d in datas if d.get("speaker_entity_id")})
    docs = document_refs(conn, {row.document_id for row in page})
    result = []
    for row, data in zip(page, datas, strict=True):
        speaker, cue = data.get("speaker"), data.get("cue")
        result.append(
            QuoteRow(
                id=row.id,
                date=row.date,
                kind=data["kind"],
                text=data["span"]["text"],
                speaker=refs[data["speaker_entity_id"]] if data.get("speaker_entity_id") else None,
                speaker_text=speaker["text"] if speaker else None,
                cue=cue["text"] if cue else None,
                document=docs.get(row.document_id) or _missing(row.document_id),
                cursor=encode_cursor(list_name, (row.date or "", row.id)),
                negated=bool(data.get("negated", False)),
            )
        )
    return result


def _missing(document_id: str) -> DocumentRef:
    # Facts cascade with their document, so this is a store mid-deletion: still cite the id.
    return DocumentRef(id=document_id, title=None, source=None, url=None, published=None)
