"""Persistence of the cross-document tables: near-duplicates (with the MinHash signatures and
their LSH bands), stories (with their term frequencies), merged events and the linking watermark.

Functions take the caller's connection (``Store.write``/``Store.read``), so one linking batch
is one transaction: an interrupted run leaves every document either fully linked or not at all.
Portable SQL only, the same on SQLite and PostgreSQL.
Plain data in and out (rows, model records): what the rows mean is ``linking.corpus``'s business.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, delete, func, select, update

from newsgraph.model import Entity, Event, MergedEvent, NearDuplicate, Provenance, Span, from_dict, to_dict
from newsgraph.store.schema import (
    document_signatures,
    documents,
    entities,
    events,
    linking_state,
    merged_event_members,
    merged_events,
    near_duplicates,
    signature_bands,
    stories,
    story_documents,
    story_terms,
)

__all__ = [
    "LINKING_TABLES",
    "LinkedDocument",
    "MentionRow",
    "StoryRow",
    "add_near_duplicate",
    "add_signature",
    "clear",
    "counts",
    "entities_by_id",
    "event_from_data",
    "mentions",
    "originals",
    "pending_documents",
    "read_progress",
    "save_merged_events",
    "save_progress",
    "save_stories",
    "save_term_frequencies",
    "signatures_in_bands",
    "stories_between",
    "term_frequencies",
]

#: Everything linking writes, children first (so deleting in this order respects foreign keys).
LINKING_TABLES: tuple[Table, ...] = (
    merged_event_members,
    merged_events,
    story_documents,
    stories,
    story_terms,
    near_duplicates,
    signature_bands,
    document_signatures,
    linking_state,
)
_PROGRESS = "corpus"
# Ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500

T = TypeVar("T")


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkedDocument:
    """What linking reads of a stored document (its text, outlet and date, not its facts)."""

    id: str
    seq: int
    text: str
    source: str | None
    url: str | None
    published: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryRow:
    """A stored story: its documents in arrival order and its centroid (``stories.data``)."""

    id: str
    label: str
    first_date: str | None
    last_date: str | None
    documents: tuple[str, ...]
    centroid: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionRow:
    """An event mention with its article's details, story, original and merged event (if any)."""

    event: Event
    position: int
    document: LinkedDocument
    story_id: str | None
    original_id: str | None
    merged_id: str | None


# --- progress ---------------------------------------------------------------------------------


def read_progress(conn: Connection) -> tuple[int, int]:
    """(the ``seq`` of the last linked document, how many documents the stories hold)."""
    data = conn.execute(select(linking_state.c.data).where(linking_state.c.name == _PROGRESS)).scalar_one_or_none()
    if data is None:
        return 0, 0
    return int(data["seq"]), int(data["story_documents"])


def save_progress(conn: Connection, seq: int, story_documents: int, now: str) -> None:
    conn.execute(delete(linking_state).where(linking_state.c.name == _PROGRESS))
    data = {"seq": seq, "story_documents": story_documents}
    conn.execute(linking_state.insert().values(name=_PROGRESS, data=data, updated_at=now))


def pending_documents(conn: Connection, after: int, limit: int) -> list[LinkedDocument]:
    """Up to ``limit`` documents stored after ``seq`` ``after``, in the order they were stored."""
    d = documents.c
    query = select(d.id, d.seq, d.text, d.source, d.url, d.published).where(d.seq > after).order_by(d.seq)
    return [LinkedDocument(**row) for row in conn.execute(query.limit(limit)).mappings()]


def entities_by_id(conn: Connection, ids: Iterable[str]) -> dict[str, Entity]:
    wanted = sorted(set(ids))
    found: dict[str, Entity] = {}
    for chunk in _chunks(wanted):
        for data in conn.scalars(select(entities.c.data).where(entities.c.id.in_(chunk))):
            entity = from_dict(Entity, data)
            found[entity.id] = entity
    return found


# --- near-duplicates ----------------------------------------------------------------------


def signatures_in_bands(conn: Connection, bands: Sequence[str]) -> dict[str, bytes]:
    """The signatures of documents sharing at least one of ``bands`` (LSH candidates)."""
    query = (
        select(document_signatures.c.document_id, document_signatures.c.signature)
        .where(
            document_signatures.c.document_id.in_(
                select(signature_bands.c.document_id).where(signature_bands.c.band.in_(list(bands)))
            )
        )
        .order_by(document_signatures.c.document_id)
    )
    return {row.document_id: bytes(row.signature) for row in conn.execute(query)}


def add_signature(conn: Connection, document_id: str, signature: bytes, bands: Sequence[str]) -> None:
    conn.execute(document_signatures.insert().values(document_id=document_id, signature=signature))
    rows = [{"band": band, "document_id": document_id} for band in sorted(set(bands))]
    conn.execute(signature_bands.insert(), rows)


def originals(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """Document id -> the original it near-duplicates, for those of ``ids`` that are copies."""
    found: dict[str, str] = {}
    for chunk in _chunks(sorted(set(ids))):
        query = select(near_duplicates.c.document_id, near_duplicates.c.original_id)
        found.update(dict(conn.execute(query.where(near_duplicates.c.document_id.in_(chunk))).all()))
    return found


def add_near_duplicate(conn: Connection, link: NearDuplicate, now: str) -> None:
    row = {**to_dict(link), "created_at": now}
    conn.execute(near_duplicates.insert().values(**row))


# --- stories ------------------------------------------------------------------------------


def stories_between(conn: Connection, first: str | None, last: str | None) -> list[StoryRow]:
    """Stories whose date span meets ``[first, last]`` (ISO days), and undated stories; every
    story when either bound is None (an undated document may join any story)."""
    query = select(stories.c.id, stories.c.label, stories.c.first_date, stories.c.last_date, stories.c.data)
    if first is not None and last is not None:
        dated = (stories.c.first_date <= last) & (stories.c.last_date >= first)
        query = query.where(stories.c.first_date.is_(None) | dated)
    return [
        StoryRow(
            id=row.id,
            label=row.label,
            first_date=row.first_date,
            last_date=row.last_date,
            documents=tuple(row.data["documents"]),
            centroid=tuple((str(t), float(w)) for t, w in row.data["centroid"]),
        )
        for row in conn.execute(query.order_by(stories.c.id))
    ]


def save_stories(conn: Connection, changed: Sequence[StoryRow], new_members: Mapping[str, str], now: str) -> None:
    """Write ``changed`` stories over their stored rows, and ``new_members`` (document id ->
    story id) into ``story_documents``."""
    rows = [
        {
            "id": s.id,
            "label": s.label,
            "first_date": s.first_date,
            "last_date": s.last_date,
            "size": len(s.documents),
            "data": {"documents": list(s.documents), "centroid": [list(tw) for tw in s.centroid]},
            "updated_at": now,
        }
        for s in changed
    ]
    _write(conn, stories, rows)
    members = [{"document_id": d, "story_id": s} for d, s in new_members.items()]
    if members:
        conn.execute(story_documents.insert(), members)


def term_frequencies(conn: Connection, terms: Iterable[str]) -> dict[str, int]:
    """How many linked documents each of ``terms`` occurs in (terms never seen are left out)."""
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(terms))):
        query = select(story_terms.c.term, story_terms.c.documents).where(story_terms.c.term.in_(chunk))
        found.update(dict(conn.execute(query).all()))
    return found


def save_term_frequencies(conn: Connection, frequencies: Mapping[str, int]) -> None:
    terms = sorted(frequencies)
    for chunk in _chunks(terms):
        conn.execute(delete(story_terms).where(story_terms.c.term.in_(chunk)))
    if terms:
        conn.execute(story_terms.insert(), [{"term": t, "documents": frequencies[t]} for t in terms])


# --- merged events ------------------------------------------------------------------------


def mentions(conn: Connection, *, document_ids: Sequence[str] = (), story_ids: Sequence[str] = ()) -> list[MentionRow]:
    """The event mentions of ``document_ids`` (merged or not), or the merged members of the
    merged events of ``story_ids``, in arrival order (document, then position)."""
    e, d, m = events.c, documents.c, merged_event_members.c
    query = (
        select(
            e.data,
            e.position,
            d.id,
            d.seq,
            d.text,
            d.source,
            d.url,
            d.published,
            story_documents.c.story_id,
            near_duplicates.c.original_id,
            m.merged_id,
        )
        .select_from(events)
        .join(documents, d.id == e.document_id)
        .outerjoin(story_documents, story_documents.c.document_id == d.id)
        .outerjoin(near_duplicates, near_duplicates.c.document_id == d.id)
        .outerjoin(merged_event_members, m.event_id == e.id)
    )
    result: list[MentionRow] = []
    for key, values in ((e.document_id, document_ids), (story_documents.c.story_id, story_ids)):
        for chunk in _chunks(sorted(set(values))):
            where = key.in_(chunk) if key is e.document_id else (key.in_(chunk) & m.merged_id.is_not(None))
            for row in conn.execute(query.where(where)):
                document = LinkedDocument(
                    id=row.id, seq=row.seq, text="", source=row.source, url=row.url, published=row.published
                )
                result.append(
                    MentionRow(
                        event=event_from_data(row.data),
                        position=row.position,
                        document=document,
                        story_id=row.story_id,
                        original_id=row.original_id,
                        merged_id=row.merged_id,
                    )
                )
    unique = {(r.document.seq, r.position, r.event.id): r for r in result}
    return [unique[k] for k in sorted(unique)]


def save_merged_events(
    conn: Connection, merged: Sequence[tuple[MergedEvent, Sequence[tuple[str, str]]]], now: str
) -> None:
    """Write each merged event over its stored row and add its new members ((event id, document id))."""
    rows = [
        {
            "id": event.id,
            "type": event.type,
            "mode": event.mode,
            "date": event.date[:10] if event.date else None,
            "story_id": event.story_id,
            "first_reported": event.first_reported,
            "last_reported": event.last_reported,
            "articles": event.articles,
            "outlets": event.outlets,
            "data": to_dict(event),
            "updated_at": now,
        }
        for event, _ in merged
    ]
    _write(conn, merged_events, rows)
    members = [{"event_id": e, "merged_id": event.id, "document_id": d} for event, new in merged for e, d in new]
    if members:
        conn.execute(merged_event_members.insert(), members)


def event_from_data(data: Mapping[str, Any]) -> Event:
    """``from_dict(Event, data)``, without resolving type hints for every call: linking reads
    thousands of events per batch (a test checks the two agree)."""

    def span(value: Mapping[str, Any]) -> Span:
        return Span(start=value["start"], end=value["end"], text=value["text"])

    provenance = data["provenance"]
    return Event(
        **{
            **data,
            "evidence": span(data["evidence"]),
            "trigger": span(data["trigger"]) if data.get("trigger") else None,
            "actors": tuple(data.get("actors", ())),
            "recipients": tuple(data.get("recipients", ())),
            "provenance": Provenance(
                **{**provenance, "evidence": tuple(span(e) for e in provenance.get("evidence", ()))}
            ),
        }
    )


def _write(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows``, or update those whose ``id`` is stored. Not delete-and-insert: that would
    cascade to the rows referring to them (a story's documents, a merged event's members)."""
    ids = [row["id"] for row in rows]
    stored: set[str] = set()
    for chunk in _chunks(ids):
        stored.update(conn.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
    for row in rows:
        if row["id"] in stored:
            conn.execute(update(table).where(table.c.id == row["id"]).values(**row))
    fresh = [row for row in rows if row["id"] not in stored]
    if fresh:
        conn.execute(table.insert(), fresh)


# --- the whole --------------------------------------------------------------------------------


def clear(conn: Connection) -> None:
    """Forget every link (for a rebuild); documents and facts are untouched."""
    for table in LINKING_TABLES:
        conn.execute(delete(table))


def counts(conn: Connection) -> dict[str, int]:
    """How many documents, near-duplicates, stories, merged events and event mentions there are,
    and how many merged events more than one article reports."""
    tables: dict[str, Any] = {
        "documents": documents,
        "near_duplicates": near_duplicates,
        "stories": stories,
        "merged_events": merged_events,
        "event_mentions": events,
    }
    result = {name: conn.execute(select(func.count()).select_from(t)).scalar_one() for name, t in tables.items()}
    several = select(func.count()).select_from(merged_events).where(merged_events.c.articles >= 2)
    result["reported_by_several"] = conn.execute(several).scalar_one()
    return result
