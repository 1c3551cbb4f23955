"""An entity's timeline: the events it took part in (as actor or recipient) and what it said,
merged into one list in date order, each with the article it comes from.

Events come from the ``event_participants`` index (``entity_id, date``) and quotes from
``quotes.speaker_entity_id``; each side is a keyset stream and ``heapq.merge`` interleaves them
by ``(date, id)``. Event ids (``evt_``) and quote ids (``quo_``) never collide, so that key is
total and one cursor resumes both streams.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, select

from newsgraph.query import conditions as where
from newsgraph.query.cursor import Key, decode_cursor, encode_cursor, paged
from newsgraph.query.entities import resolve_in
from newsgraph.query.facts import quote_rows
from newsgraph.query.filters import NO_FILTERS, Filters
from newsgraph.query.refs import document_refs, entity_refs
from newsgraph.query.rows import DocumentRef, TimelineItem
from newsgraph.store import Store
from newsgraph.store.schema import event_participants, events, quotes

__all__ = ["timeline"]

TIMELINE_FILTERS = (
    "text", "since", "until", "types", "modalities", "quote_kinds", "source", "story", "min_confidence", "background",
)  # fmt: skip


def timeline(
    store: Store, entity: str, filters: Filters = NO_FILTERS, *, after: str | None = None
) -> Iterator[TimelineItem]:
    """Everything ``entity`` (id, name or alias) did or said, by (date, id), from after ``after``.

    ``types``/``modalities`` keep only events (of those types), ``quote_kinds`` only quotes (of
    those kinds); ``text`` keeps items whose words contain it; dates, ``source`` and ``story``
    apply to both; ``min_confidence`` and ``background`` to events only (an event with no
    confidence passes any threshold), read off the participants index."""
    where.check_supported(filters, "timeline", TIMELINE_FILTERS)
    start = None if after is None else decode_cursor(after, "timeline", 2)
    with store.read() as conn:
        entity_id = resolve_in(conn, entity).id
    streams: list[Iterator[TimelineItem]] = []
    if not filters.quote_kinds:
        streams.append(_once_each(paged(_event_page(store, entity_id, filters), _key, start)))
    if not (filters.types or filters.modalities):
        streams.append(paged(_quote_page(store, entity_id, filters), _key, start))
    for item in heapq.merge(*streams, key=_key):
        if where.text_matches(item.text, filters.text):
            yield item


def _key(item: TimelineItem) -> Key:
    return (item.date or "", item.id)


def _once_each(items: Iterator[TimelineItem]) -> Iterator[TimelineItem]:
    """One item per event: an entity that is both actor and recipient of an event has two
    participant rows, adjacent in key order (``actor`` first); keep the first. (If a page ends
    between them, the keyset ``(date, event id)`` skips the second anyway.)"""
    last = None
    for item in items:
        if item.id != last:
            yield item
        last = item.id


def _event_page(store: Store, entity_id: str, filters: Filters) -> Any:
    p = event_participants
    conds = [
        p.c.entity_id == entity_id,
        p.c.role.in_(("actor", "recipient")),
        *where.date_range(p.c.date, filters),
        *where.document_filter(p.c.document_id, filters),
        *where.confidence_filter(p.c.confidence, p.c.background, filters),
    ]
    if filters.types:
        conds.append(events.c.type.in_(filters.types))
    if filters.modalities:
        conds.append(events.c.modality.in_(filters.modalities))

    def fetch(key: Key | None, limit: int) -> Sequence[TimelineItem]:
        query = (
            select(p.c.event_id, p.c.date, p.c.role, p.c.document_id, p.c.confidence, p.c.background, events.c.data)
            .join(events, events.c.id == p.c.event_id)
            .where(*conds, *where.after_key(p.c.date, p.c.event_id, key))
            .order_by(p.c.date.nulls_first(), p.c.event_id, p.c.role)
            .limit(limit)
        )
        with store.read() as conn:
            return _event_items(conn, entity_id, conn.execute(query).all())

    return fetch


def _event_items(conn: Connection, entity_id: str, page: Sequence[Any]) -> list[TimelineItem]:
    rows = page
    others = {
        row.event_id: [
            e for e in (row.data["recipients"] if row.role == "actor" else row.data["actors"]) if e != entity_id
        ]
        for row in rows
    }
    refs = entity_refs(conn, {e for ids in others.values() for e in ids})
    docs = document_refs(conn, {row.document_id for row in rows})
    return [
        TimelineItem(
            date=row.date,
            kind="event",
            id=row.event_id,
            role=row.role,
            type=row.data["type"],
            mode=row.data.get("mode"),
            quote_kind=None,
            modality=row.data.get("modality"),
            confidence=row.confidence,
            background=bool(row.background),
            text=row.data["evidence"]["text"],
            counterparts=tuple(refs[e] for e in dict.fromkeys(others[row.event_id])),
            document=docs.get(row.document_id) or _missing(row.document_id),
            cursor=encode_cursor("timeline", (row.date or "", row.event_id)),
        )
        for row in rows
    ]


def _quote_page(store: Store, entity_id: str, filters: Filters) -> Any:
    conds = [
        quotes.c.speaker_entity_id == entity_id,
        *where.date_range(quotes.c.date, filters),
        *where.document_filter(quotes.c.document_id, filters),
    ]
    if filters.quote_kinds:
        conds.append(quotes.c.kind.in_(filters.quote_kinds))

    def fetch(key: Key | None, limit: int) -> Sequence[TimelineItem]:
        columns = select(quotes.c.id, quotes.c.date, quotes.c.document_id, quotes.c.data)
        query = where.keyset_page(columns.where(*conds), quotes.c.date, quotes.c.id, key, limit)
        with store.read() as conn:
            found = quote_rows(conn, conn.execute(query).all(), "timeline")
        return [
            TimelineItem(
                date=q.date,
                kind="quote",
                id=q.id,
                role="speaker",
                type=None,
                mode=None,
                quote_kind=q.kind,
                modality=None,
                confidence=None,
                background=None,
                text=q.text,
                counterparts=(),
                document=q.document,
                cursor=q.cursor,
            )
            for q in found
        ]

    return fetch


def _missing(document_id: str) -> DocumentRef:
    return DocumentRef(id=document_id, title=None, source=None, url=None, published=None)
