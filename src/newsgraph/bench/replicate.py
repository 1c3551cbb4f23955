"""Build a large store for the query benchmark by replicating an ingested one.

Running spaCy 50,000 times would take hours and measure the wrong thing. Query latency depends
on how many rows the tables hold and how they spread over time, not on what the words say, so
the big store is copies of a real one's analyses: every document with all its facts, under new
ids, with its dates shifted by whole weeks (copy ``k`` moved ``k`` weeks later). Entities are
shared by all copies, as the same people recur in real news; so a busy entity's timeline grows
with the corpus, which is the case worth measuring.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Table, select

from newsgraph.model import content_id
from newsgraph.store import Store
from newsgraph.store.schema import (
    document_entities,
    documents,
    entities,
    event_edges,
    event_participants,
    events,
    mentions,
    quotes,
    time_expressions,
)

__all__ = ["replicate"]

# Documents written per transaction.
BATCH = 500
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_FACTS: tuple[Table, ...] = (mentions, time_expressions, quotes, events)
#: Every per-document table copied with its document.
_COPIED: tuple[Table, ...] = (*_FACTS, document_entities, event_participants, event_edges)


def _shift(value: Any, weeks: int) -> Any:
    """A date or date-time string moved ``weeks`` later (other values unchanged)."""
    if not weeks or not isinstance(value, str):
        return value
    match = _DAY.match(value)
    if not match:
        return value
    try:
        day = date(int(match[1]), int(match[2]), int(match[3])) + timedelta(weeks=weeks)
    except ValueError:
        return value
    return day.isoformat() + value[10:]


def _rows(source: Store, table: Table) -> list[dict[str, Any]]:
    with source.read() as conn:
        return [dict(row._mapping) for row in conn.execute(select(table))]


def replicate(source: Store, target: Store, documents_wanted: int) -> tuple[int, float]:
    """Fill the empty ``target`` with copies of ``source``'s documents and facts until it holds
    ``documents_wanted`` documents; returns (documents written, seconds)."""
    started = time.perf_counter()
    originals = _rows(source, documents)
    facts = {table.name: _rows(source, table) for table in _COPIED}
    by_document: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for name, rows in facts.items():
        for row in rows:
            by_document.setdefault(row["document_id"], {}).setdefault(name, []).append(row)
    with target.write("the benchmark store was not filled") as conn:
        conn.execute(entities.insert(), _rows(source, entities))
    written = 0
    batch: list[tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]] = []
    for copy, doc in _copies(originals, documents_wanted):
        batch.append((doc, _copy_facts(by_document.get(copy[0], {}), copy, doc["id"])))
        if len(batch) == BATCH:
            written += _write(target, batch)
            batch = []
    if batch:
        written += _write(target, batch)
    return written, time.perf_counter() - started


def _copies(originals: list[dict[str, Any]], wanted: int) -> Iterator[tuple[tuple[str, int], dict[str, Any]]]:
    n = 0
    for k in range(wanted // max(1, len(originals)) + 1):
        for original in originals:
            if n == wanted:
                return
            n += 1
            new_id = original["id"] if k == 0 else content_id("doc", original["id"], k)
            doc = {**original, "id": new_id, "seq": n, "published": _shift(original["published"], k)}
            doc["text_hash"] = original["text_hash"] if k == 0 else content_id("h", original["text_hash"], k)
            doc["url"] = original["url"] if k == 0 or original["url"] is None else f"{original['url']}#copy-{k}"
            yield (original["id"], k), doc


def _copy_facts(
    facts: dict[str, list[dict[str, Any]]], copy: tuple[str, int], doc_id: str
) -> dict[str, list[dict[str, Any]]]:
    _, k = copy
    new_ids: dict[str, str] = {}

    def fid(old: str) -> str:
        return old if k == 0 else new_ids.setdefault(old, content_id(old.split("_")[0], old, k))

    out: dict[str, list[dict[str, Any]]] = {}
    for name, rows in facts.items():
        copied = []
        for row in rows:
            new = {**row, "document_id": doc_id}
            if "id" in row:
                new["id"] = fid(row["id"])
                new["data"] = {
                    **row["data"],
                    "id": new["id"],
                    "document_id": doc_id,
                    "time": _shift(row["data"].get("time"), k),
                }
            if "event_id" in row:
                new["event_id"] = fid(row["event_id"])
            if "date" in row:
                new["date"] = _shift(row["date"], k)
            copied.append(new)
        out[name] = copied
    return out


def _write(target: Store, batch: list[tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]]) -> int:
    with target.write("this batch of benchmark documents was not written") as conn:
        conn.execute(documents.insert(), [doc for doc, _ in batch])
        for table in _COPIED:
            rows = [row for _, facts in batch for row in facts.get(table.name, [])]
            if rows:
                conn.execute(table.insert(), rows)
    return len(batch)
