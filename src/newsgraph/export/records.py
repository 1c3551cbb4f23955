"""Every stored record of one kind, streamed from the store as model dicts (``to_dict`` form).

The export is a dump of what the store holds: facts come from their ``data`` column (the exact
``to_dict(fact)``), so ``from_dict`` rebuilds them. Each kind streams in key order a page at a
time, so an export of millions of rows runs in constant memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Column, select

from newsgraph.model import StoryRecord, to_dict
from newsgraph.store import Store, records
from newsgraph.store.schema import (
    FACT_TABLES,
    documents,
    entities,
    merged_events,
    near_duplicates,
    stories,
    story_documents,
)

__all__ = ["RECORD_KINDS", "iter_records"]

PAGE = 1000


def _pages(store: Store, key: Column[Any], columns: tuple[Any, ...]) -> Iterator[Any]:
    """Rows of ``columns`` ordered by the unique ``key`` column, a page per read transaction."""
    last: Any = None
    while True:
        query = select(key, *columns).order_by(key).limit(PAGE)
        if last is not None:
            query = query.where(key > last)
        with store.read() as conn:
            page = conn.execute(query).all()
        yield from page
        if len(page) < PAGE:
            return
        last = page[-1][0]


def _documents(store: Store) -> Iterator[dict[str, Any]]:
    for row in _pages(store, documents.c.seq, tuple(documents.c)):
        yield to_dict(records.document_from_row(row._mapping))


def _data(table_key: Column[Any], data: Column[Any]) -> Callable[[Store], Iterator[dict[str, Any]]]:
    def dump(store: Store) -> Iterator[dict[str, Any]]:
        for row in _pages(store, table_key, (data,)):
            yield dict(row[1])

    return dump


def _stories(store: Store) -> Iterator[dict[str, Any]]:
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


def _near_duplicates(store: Store) -> Iterator[dict[str, Any]]:
    columns = (near_duplicates.c.original_id, near_duplicates.c.similarity)
    for row in _pages(store, near_duplicates.c.document_id, columns):
        yield {"document_id": row[0], "original_id": row[1], "similarity": row[2]}


#: Record kind -> its stream; the names of the extract JSON lists, plus the corpus records.
RECORD_KINDS: dict[str, Callable[[Store], Iterator[dict[str, Any]]]] = {
    "documents": _documents,
    "entities": _data(entities.c.id, entities.c.data),
    **{kind: _data(table.c.id, table.c.data) for kind, table in FACT_TABLES.items()},
    "stories": _stories,
    "merged_events": _data(merged_events.c.id, merged_events.c.data),
    "near_duplicates": _near_duplicates,
}


def iter_records(store: Store, kind: str) -> Iterator[dict[str, Any]]:
    """Every record of ``kind`` (a key of RECORD_KINDS) as its ``to_dict`` form."""
    return RECORD_KINDS[kind](store)
