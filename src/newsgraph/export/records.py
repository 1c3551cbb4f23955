"""Every stored record of one kind, streamed from the store as model dicts (``to_dict`` form).

The export is a dump of what the store holds: facts come from their ``data`` column (the exact
``to_dict(fact)``), so ``from_dict`` rebuilds them. Each kind streams in key order a page at a
time, so an export of millions of rows runs in constant memory.

Events and merged events are the ones :class:`~newsgraph.query.Filters`' ``min_confidence``
and ``background`` keep, as everywhere events are shown: by default, those at or above the
shipped threshold and not background (``Filters(min_confidence=0, background=True)`` for all).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Column, ColumnElement, select

from newsgraph.model import StoryRecord, to_dict
from newsgraph.query import conditions as where
from newsgraph.query.filters import NO_FILTERS, Filters
from newsgraph.store import Store, records
from newsgraph.store.schema import (
    FACT_TABLES,
    documents,
    entities,
    events,
    merged_events,
    near_duplicates,
    stories,
    story_documents,
)

__all__ = ["FILTERED_KINDS", "RECORD_KINDS", "iter_records"]

PAGE = 1000


#: A kind's stream of records (the filters apply to events and merged events only).
Dump = Callable[[Store, Filters], Iterator[dict[str, Any]]]
#: The WHERE clauses of a kind's table for some filters.
Where = Callable[[Filters], list[ColumnElement[bool]]]


def _pages(
    store: Store, key: Column[Any], columns: tuple[Any, ...], conds: list[ColumnElement[bool]] | None = None
) -> Iterator[Any]:
    """Rows of ``columns`` matching ``conds``, ordered by the unique ``key`` column, a page per
    read transaction."""
    last: Any = None
    while True:
        query = select(key, *columns).where(*(conds or ())).order_by(key).limit(PAGE)
        if last is not None:
            query = query.where(key > last)
        with store.read() as conn:
            page = conn.execute(query).all()
        yield from page
        if len(page) < PAGE:
            return
        last = page[-1][0]


def _documents(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    for row in _pages(store, documents.c.seq, tuple(documents.c)):
        yield to_dict(records.document_from_row(row._mapping))


def _data(table_key: Column[Any], data: Column[Any], where_filters: Where | None = None) -> Dump:
    """The ``data`` column of a table; ``where_filters`` turns the filters into its WHERE clauses."""

    def dump(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
        conds = where_filters(filters) if where_filters is not None else None
        for row in _pages(store, table_key, (data,), conds):
            yield dict(row[1])

    return dump


def _events_passing(filters: Filters) -> list[ColumnElement[bool]]:
    return where.confidence_filter(events.c.confidence, events.c.background, filters)


def _merged_passing(filters: Filters) -> list[ColumnElement[bool]]:
    return where.merged_confidence_filter(merged_events.c.id, filters)


def _stories(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    columns = (stories.c.label, stories.c.first_date, stories.c.last_date)
    for row in _pages(store, stories.c.id, columns):
        members = (
            select(documents.c.id)
            .join(story_documents, story_documents.c.document_id == documents.c.id)
            .where(story_documents.c.story_id == row[0])
            .order_by(documents.c.seq)
        )
        with store.read() as conn:
            ids = tuple(conn.scalars(members))
        story = StoryRecord(id=row[0], label=row[1], document_ids=ids, first_date=row[2], last_date=row[3])
        yield to_dict(story)


def _near_duplicates(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    columns = (near_duplicates.c.original_id, near_duplicates.c.similarity)
    for row in _pages(store, near_duplicates.c.document_id, columns):
        yield {"document_id": row[0], "original_id": row[1], "similarity": row[2]}


#: Record kind -> its stream; the names of the extract JSON lists, plus the corpus records.
RECORD_KINDS: dict[str, Dump] = {
    "documents": _documents,
    "entities": _data(entities.c.id, entities.c.data),
    **{kind: _data(table.c.id, table.c.data) for kind, table in FACT_TABLES.items() if kind != "events"},
    "events": _data(events.c.id, events.c.data, _events_passing),
    "stories": _stories,
    "merged_events": _data(merged_events.c.id, merged_events.c.data, _merged_passing),
    "near_duplicates": _near_duplicates,
}

#: The kinds ``min_confidence`` and ``background`` apply to; the others take no filters.
FILTERED_KINDS = ("events", "merged_events")
RECORD_FILTERS = ("min_confidence", "background")


def iter_records(store: Store, kind: str, filters: Filters = NO_FILTERS) -> Iterator[dict[str, Any]]:
    """Every record of ``kind`` (a key of RECORD_KINDS) as its ``to_dict`` form; events and
    merged events those ``filters`` keep (see the module docstring)."""
    where.check_supported(filters, kind, RECORD_FILTERS if kind in FILTERED_KINDS else ())
    return RECORD_KINDS[kind](store, filters)
