"""Corpus-level lists: documents (with ranked full-text search), stories and merged events.

Stories and merged events are written by ``newsgraph.linking``; these functions only read them,
and return nothing (not an error) on a store where linking has not run yet.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, exists, func, select

from newsgraph.query import conditions as where
from newsgraph.query.cursor import Key, decode_cursor, encode_cursor, paged
from newsgraph.query.errors import QueryError
from newsgraph.query.filters import NO_FILTERS, Filters, until_bound
from newsgraph.query.refs import entity_refs, plover_class
from newsgraph.query.rows import DocumentRef, DocumentRow, MergedEventRow, StoryRow
from newsgraph.store import Store
from newsgraph.store.schema import (
    document_entities,
    documents,
    event_participants,
    events,
    merged_event_members,
    merged_events,
    stories,
    story_documents,
)

__all__ = ["document_conditions", "documents_list", "merged_events_list", "stories_list"]

DOCUMENT_FILTERS = ("text", "since", "until", "entity", "source", "story")
STORY_FILTERS = ("text", "since", "until", "entity", "source", "story")
MERGED_FILTERS = (
    "text",
    "since",
    "until",
    "entity",
    "types",
    "actor",
    "recipient",
    "place",
    "country",
    "source",
    "story",
    "modalities",
    "min_confidence",
    "background",
)

_DOC_COLUMNS = (
    documents.c.id,
    documents.c.seq,
    documents.c.title,
    documents.c.source,
    documents.c.url,
    documents.c.published,
    documents.c.language,
)


def documents_list(store: Store, filters: Filters = NO_FILTERS, *, after: str | None = None) -> Iterator[DocumentRow]:
    """Stored articles matching ``filters``: in storage order, or with ``text`` best match first
    (every word must occur in the title or text; see ``Store.search``). ``since``/``until``
    apply to the publication date, ``entity`` keeps articles naming it."""
    conds = document_conditions(store, filters, text=False)
    if filters.text:
        yield from _search(store, filters.text, conds, after)
        return
    start = None if after is None else decode_cursor(after, "documents", 1)

    def fetch(key: Key | None, limit: int) -> Sequence[DocumentRow]:
        query = select(*_DOC_COLUMNS).where(*conds).order_by(documents.c.seq).limit(limit)
        if key is not None:
            query = query.where(documents.c.seq > int(key[0]))
        with store.read() as conn:
            rows = conn.execute(query).all()
        return [_document_row(r, encode_cursor("documents", (r.seq,))) for r in rows]

    yield from paged(fetch, lambda r: (decode_cursor(r.cursor, "documents", 1)[0],), start)


def document_conditions(store: Store, filters: Filters, *, text: bool = True) -> list[ColumnElement[bool]]:
    """``filters`` as WHERE clauses on ``documents``: the articles ``documents_list`` returns
    (``text`` as the full-text subquery, unless ``text=False``: the list ranks with the search
    itself). The chart counts (``aggregate.py``) group these instead of reading the list."""
    where.check_supported(filters, "documents", DOCUMENT_FILTERS)
    with store.read() as conn:
        resolved = where.resolve(conn, filters)
    conds = [*where.date_range(documents.c.published, filters), *where.document_filter(documents.c.id, filters)]
    if resolved.entity is not None:
        named = select(document_entities.c.document_id).where(document_entities.c.entity_id == resolved.entity)
        conds.append(documents.c.id.in_(named))
    if text:
        conds.extend(where.document_text(store, documents.c.id, filters))
    return conds


def _document_row(r: Any, cursor: str, snippet: str | None = None, score: float | None = None) -> DocumentRow:
    return DocumentRow(
        id=r.id,
        title=r.title,
        source=r.source,
        url=r.url,
        published=r.published,
        language=r.language,
        snippet=snippet,
        score=score,
        cursor=cursor,
    )


def _search(store: Store, text: str, conds: list[ColumnElement[bool]], after: str | None) -> Iterator[DocumentRow]:
    # Ranked results have no stable key to seek to, so this cursor is the rank position (with
    # the words, so it cannot be reused for another search): exact while the store is unchanged.
    position = 0 if after is None else int(decode_cursor(after, "documents:search", 2)[1])
    if after is not None and decode_cursor(after, "documents:search", 2)[0] != text:
        raise QueryError("this cursor belongs to another search; repeat the search without it")
    size = 500
    while True:
        hits = store.search(text, limit=size, offset=position)
        with store.read() as conn:
            query = select(*_DOC_COLUMNS).where(documents.c.id.in_([h.document_id for h in hits]), *conds)
            rows = {r.id: r for r in conn.execute(query)}
        for i, hit in enumerate(hits):
            if hit.document_id in rows:
                cursor = encode_cursor("documents:search", (text, position + i + 1))
                yield _document_row(rows[hit.document_id], cursor, hit.snippet, hit.score)
        if len(hits) < size:
            return
        position += size


def stories_list(store: Store, filters: Filters = NO_FILTERS, *, after: str | None = None) -> Iterator[StoryRow]:
    """Story clusters by (first date, id): ``since``/``until`` keep stories overlapping the
    window, ``entity``/``source`` those with an article naming it / from that outlet, ``text``
    those whose label contains the words, ``story`` one story."""
    where.check_supported(filters, "stories", STORY_FILTERS)
    start = None if after is None else decode_cursor(after, "stories", 2)
    with store.read() as conn:
        resolved = where.resolve(conn, filters)
    sd = story_documents
    conds: list[ColumnElement[bool]] = []
    if filters.since is not None:
        conds.append(stories.c.last_date >= filters.since)
    if filters.until is not None:
        conds.append(stories.c.first_date <= until_bound(filters.until))
    if filters.story is not None:
        conds.append(stories.c.id == filters.story)
    if filters.source is not None:
        outlet = sd.join(documents, documents.c.id == sd.c.document_id)
        conds.append(
            exists(
                select(sd.c.story_id)
                .select_from(outlet)
                .where(sd.c.story_id == stories.c.id, func.lower(documents.c.source) == filters.source.lower())
            )
        )
    if resolved.entity is not None:
        conds.append(
            exists().where(
                sd.c.story_id == stories.c.id,
                document_entities.c.document_id == sd.c.document_id,
                document_entities.c.entity_id == resolved.entity,
            )
        )

    def fetch(key: Key | None, limit: int) -> Sequence[StoryRow]:
        columns = select(stories.c.id, stories.c.label, stories.c.first_date, stories.c.last_date, stories.c.size)
        query = where.keyset_page(columns.where(*conds), stories.c.first_date, stories.c.id, key, limit)
        with store.read() as conn:
            rows = conn.execute(query).all()
            members = _story_documents(conn, [r.id for r in rows])
        return [
            StoryRow(
                id=r.id,
                label=r.label,
                first_date=r.first_date,
                last_date=r.last_date,
                size=r.size,
                documents=tuple(members.get(r.id, ())),
                cursor=encode_cursor("stories", (r.first_date or "", r.id)),
            )
            for r in rows
        ]

    for row in paged(fetch, lambda r: (r.first_date or "", r.id), start):
        if where.text_matches(row.label, filters.text):
            yield row


def _story_documents(conn: Connection, story_ids: list[str]) -> dict[str, list[DocumentRef]]:
    found: dict[str, list[DocumentRef]] = {}
    if not story_ids:
        return found
    query = (
        select(
            story_documents.c.story_id,
            documents.c.id,
            documents.c.title,
            documents.c.source,
            documents.c.url,
            documents.c.published,
        )
        .join(documents, documents.c.id == story_documents.c.document_id)
        .where(story_documents.c.story_id.in_(story_ids))
        .order_by(story_documents.c.story_id, documents.c.seq)
    )
    for r in conn.execute(query):
        ref = DocumentRef(id=r.id, title=r.title, source=r.source, url=r.url, published=r.published)
        found.setdefault(r.story_id, []).append(ref)
    return found


def merged_events_list(
    store: Store, filters: Filters = NO_FILTERS, *, after: str | None = None
) -> Iterator[MergedEventRow]:
    """Merged events (one per real event) by (date, id). Entity filters match the entities of
    any member event mention; ``country`` the merged actor or recipient country; ``source``
    an outlet that reported it; ``text`` words in any source's evidence. ``min_confidence``
    and ``background`` keep a merged event when at least one of its event mentions passes them
    (default: the shipped threshold, background left out; a mention with no confidence passes)."""
    where.check_supported(filters, "merged_events", MERGED_FILTERS)
    start = None if after is None else decode_cursor(after, "merged_events", 2)
    with store.read() as conn:
        resolved = where.resolve(conn, filters)
    m, p = merged_event_members, event_participants
    conds = [*where.date_range(merged_events.c.date, filters)]
    if filters.types:
        conds.append(merged_events.c.type.in_(filters.types))
    if filters.story is not None:
        conds.append(merged_events.c.story_id == filters.story)
    conds.extend(where.merged_confidence_filter(merged_events.c.id, filters))
    for value, roles in resolved.roles():
        conds.append(
            exists().where(
                m.c.merged_id == merged_events.c.id,
                p.c.event_id == m.c.event_id,
                p.c.entity_id == value,
                p.c.role.in_(roles),
            )
        )
    if filters.source is not None:
        conds.append(
            exists().where(
                and_(
                    m.c.merged_id == merged_events.c.id,
                    documents.c.id == m.c.document_id,
                    func.lower(documents.c.source) == filters.source.lower(),
                )
            )
        )

    def fetch(key: Key | None, limit: int) -> Sequence[MergedEventRow]:
        query = where.keyset_page(
            select(merged_events).where(*conds), merged_events.c.date, merged_events.c.id, key, limit
        )
        with store.read() as conn:
            rows = conn.execute(query).all()
            return _merged_rows(conn, rows)

    for row in paged(fetch, lambda r: (r.date or "", r.id), start):
        if _keep_merged(row, filters):
            yield row


def _keep_merged(row: MergedEventRow, filters: Filters) -> bool:
    data = row.record
    if filters.modalities and data.get("modality") not in filters.modalities:
        return False
    if filters.country is not None and filters.country not in (
        data.get("actor_country"),
        data.get("recipient_country"),
    ):
        return False
    sources: Any = data.get("sources") or []
    return not filters.text or any(where.text_matches(s["evidence"]["text"], filters.text) for s in sources)


def _member_confidence(conn: Connection, merged_ids: list[str]) -> dict[str, tuple[float | None, bool]]:
    """(highest confidence, every mention background) of each merged event's event mentions."""
    if not merged_ids:
        return {}
    m = merged_event_members
    # min over 0/1 rather than a boolean aggregate: SQLite has no bool_and.
    query = (
        select(m.c.merged_id, func.max(events.c.confidence), func.min(case((events.c.background, 1), else_=0)))
        .join(events, events.c.id == m.c.event_id)
        .where(m.c.merged_id.in_(merged_ids))
        .group_by(m.c.merged_id)
    )
    return {merged_id: (confidence, bool(background)) for merged_id, confidence, background in conn.execute(query)}


def _merged_rows(conn: Connection, rows: Sequence[Any]) -> list[MergedEventRow]:
    refs = entity_refs(
        conn,
        {e for r in rows for e in (*r.data["actors"], *r.data["recipients"], *filter(None, [r.data.get("place")]))},
    )
    members = _member_confidence(conn, [r.id for r in rows])
    result = []
    for r in rows:
        quad, intensity = plover_class(r.type)
        data = r.data
        confidence, background = members.get(r.id, (None, False))
        result.append(
            MergedEventRow(
                id=r.id,
                date=r.date,
                type=r.type,
                mode=r.mode,
                quad_class=quad,
                intensity=intensity,
                confidence=confidence,
                background=background,
                actors=tuple(refs[e] for e in data["actors"]),
                recipients=tuple(refs[e] for e in data["recipients"]),
                place=refs[data["place"]] if data.get("place") else None,
                story_id=r.story_id,
                articles=r.articles,
                outlets=r.outlets,
                first_reported=r.first_reported,
                last_reported=r.last_reported,
                record=data,
                cursor=encode_cursor("merged_events", (r.date or "", r.id)),
            )
        )
    return result
