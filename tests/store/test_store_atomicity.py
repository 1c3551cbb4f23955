"""All or nothing: a failure or a kill in the middle of a write leaves no partial document."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Table
from store_samples import ARTICLE, MakeAnalysis, build_analysis

import newsgraph.store.store as store_module
from newsgraph.errors import StoreError
from newsgraph.model import Analysis
from newsgraph.store import Store, open_store
from newsgraph.store.schema import events

EMPTY = {"documents": 0, "rejections": 0, "mentions": 0, "entities": 0, "time_expressions": 0, "quotes": 0,
         "events": 0, "near_duplicates": 0, "stories": 0, "merged_events": 0,
         "merged_events_reported_by_several": 0, "unlinked_documents": 0}  # fmt: skip


def _assert_nothing_of(store: Store, document_id: str, before: dict[str, int]) -> None:
    assert store.get_document(document_id) is None
    assert store.get_analysis(document_id) is None
    assert store.stats() == before
    assert all(hit.document_id != document_id for hit in store.search("Kremlin"))


def test_a_constraint_violation_midway_stores_nothing_of_the_document(
    store: Store, make_analysis: MakeAnalysis
) -> None:
    first = make_analysis()
    store.add(first)
    before = store.stats()
    # A new document whose second event reuses an id already stored for `first`: the database
    # refuses it only after the document, its entities, mentions, time expressions and quotes
    # (and its first event) were written.
    second = make_analysis(ARTICLE + " Later that day.", url="https://example.org/later")
    fresh_event = dataclasses.replace(second.events[0], id="evt_fresh")
    clashing_event = dataclasses.replace(second.events[0], id=first.events[0].id)
    entity = dataclasses.replace(second.entities[0], id="ent_new")
    bad = dataclasses.replace(second, events=(fresh_event, clashing_event), entities=(entity,))

    with pytest.raises(StoreError) as caught:
        store.add(bad)

    message = str(caught.value)
    assert message.startswith(f"{store.location}: could not store document {second.document.id} (examples/xi.txt): ")
    assert message.endswith("; nothing of this document was stored")
    # Each engine names the constraint its own way.
    assert "UNIQUE constraint failed: events.id" in message or 'unique constraint "pk_events"' in message
    _assert_nothing_of(store, second.document.id, before)
    assert store.get_analysis(first.document.id) == first


def test_a_crash_midway_through_a_batch_stores_nothing_of_the_batch(
    store: Store, make_analysis: MakeAnalysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"events": 0}
    real_insert_rows = store_module._insert_rows

    def crash_on_second_events_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
        if table is events:
            calls["events"] += 1
            if calls["events"] == 2:
                raise KeyboardInterrupt  # what Ctrl-C looks like in the middle of a write
        real_insert_rows(conn, table, rows)

    monkeypatch.setattr(store_module, "_insert_rows", crash_on_second_events_insert)
    batch = [make_analysis(f"{ARTICLE} Part {i}.", url=f"https://example.org/{i}") for i in range(3)]

    with pytest.raises(KeyboardInterrupt):
        store.add_many(batch)

    assert calls["events"] == 2
    for analysis in batch:
        _assert_nothing_of(store, analysis.document.id, EMPTY)
    monkeypatch.undo()
    assert store.add_many(batch) == [True, True, True]  # and the rerun stores all of it


# --- kill -9 in the middle of an ingest ---------------------------------------------------------

# Stores documents 0..KILL_AT-1, then, while writing document KILL_AT (its row, entities, mentions,
# time expressions and quotes already sent to SQLite, its events not yet), says "inside" and
# waits to be killed: the kill lands mid-transaction every time, not by luck.
KILL_AT = 20
_WRITER = f"""
import sys, time
from store_samples import ARTICLE, build_analysis
import newsgraph.store.store as store_module
from newsgraph.store import open_store

real_insert_rows = store_module._insert_rows
def insert_rows(conn, table, rows):
    if table.name == "events" and rows[0]["document_id"] == sys.argv[2]:
        print("inside", flush=True)
        time.sleep(60)
    real_insert_rows(conn, table, rows)
store_module._insert_rows = insert_rows

store = open_store(sys.argv[1])
for i in range({KILL_AT + 1}):
    store.add(build_analysis(ARTICLE + f" Update {{i}}.", url=f"https://example.org/{{i}}"))
    print(i, flush=True)
"""


def _nth(i: int) -> Analysis:
    return build_analysis(f"{ARTICLE} Update {i}.", url=f"https://example.org/{i}")


def test_a_killed_ingest_leaves_complete_documents_and_resumes(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path])}
    victim = _nth(KILL_AT).document.id
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(db), victim], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert writer.stdout is not None
        lines = []
        for line in writer.stdout:  # ends at "inside", or at EOF if the writer died first
            if line.strip() == "inside":
                break
            lines.append(line.strip())
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    assert lines == [str(i) for i in range(KILL_AT)], "the writer stopped before the kill point"

    with open_store(str(db)) as store:
        expected = [_nth(i) for i in range(KILL_AT)]
        assert [d.id for d in store.iter_documents()] == [a.document.id for a in expected]
        for analysis in expected:  # every stored document has every one of its facts
            assert store.get_analysis(analysis.document.id) == analysis
        assert store.get_document(victim) is None
        one = expected[0]
        assert store.stats() == {
            "documents": KILL_AT,
            "rejections": 0,
            "mentions": KILL_AT * len(one.mentions),
            "entities": len(one.entities),  # shared by all
            "time_expressions": KILL_AT * len(one.time_expressions),
            "quotes": KILL_AT * len(one.quotes),
            "events": KILL_AT * len(one.events),
            "near_duplicates": 0,
            "stories": 0,
            "merged_events": 0,
            "merged_events_reported_by_several": 0,
            "unlinked_documents": KILL_AT,  # stored by the Store API alone: nothing linked them
        }
        # Re-running the same ingest skips what is there and stores the rest.
        assert store.add_many(_nth(i) for i in range(KILL_AT + 3)) == [False] * KILL_AT + [True] * 3
