"""Linking across the stored corpus: near-duplicates, stories and merged events persisted during
ingest, the same in one run, several runs or a rebuild, on SQLite and PostgreSQL.

The acceptance test of issue 8: five articles we wrote, each reporting one of three real events
in different words and with one conflicting detail, come out as three merged events with the
right source counts and the conflict shown; unrelated look-alike events stay apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from newsgraph import api
from newsgraph.cli.main import cli
from newsgraph.linking.corpus import link_pending, rebuild, summary
from newsgraph.linking.near_duplicates import NearDuplicateIndex
from newsgraph.model import Analysis, Document, Event, MergedEvent, from_dict
from newsgraph.store import Store, open_store
from newsgraph.store import corpus as tables
from newsgraph.store.schema import events, merged_events, near_duplicates

ARTICLES = Path(__file__).parents[1] / "data" / "merge" / "articles.jsonl"
WIRE = (
    "Rescuers pulled a baby from the rubble of the collapsed apartment block on Tuesday morning.\n\n"
    "The ten-storey building came down after a suspected gas explosion early on Monday.\n\n"
    "Officials said 39 people were confirmed dead and several were still missing in the cold.\n\n"
    "The president flew to the city and visited the wounded in hospital the same day."
)
UPDATE = WIRE.replace("39 people", "41 people") + "\n\nThis story was updated with the latest toll."
COPY_OF_UPDATE = UPDATE.replace("Rescuers pulled", "Emergency workers pulled")
OTHER = (
    "The central bank raised its main interest rate by half a point on Thursday, citing inflation.\n\n"
    "Analysts had expected a smaller rise; the currency gained against the dollar after the news."
)


def _dump(store: Store, *, timestamps: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every row linking wrote, sorted (without the time of writing unless ``timestamps``)."""
    result = {}
    with store.read() as conn:
        for table in tables.LINKING_TABLES:
            columns = [c for c in table.c if timestamps or c.name not in ("created_at", "updated_at")]
            rows = conn.execute(select(*columns)).all()
            result[table.name] = sorted((tuple(repr(v) for v in row) for row in rows), key=str)
    return result


def _merged(store: Store) -> list[MergedEvent]:
    with store.read() as conn:
        return [from_dict(MergedEvent, data) for data in conn.scalars(select(merged_events.c.data))]


def _add(store: Store, *texts: str) -> list[str]:
    analyses = [Analysis(document=Document.create(text=t, published="2019-01-08")) for t in texts]
    store.add_many(analyses)
    return [a.document.id for a in analyses]


# --- near-duplicates ------------------------------------------------------------------------


def test_near_duplicates_are_found_across_runs_as_the_in_memory_index_finds_them(store_url: str) -> None:
    with open_store(store_url) as store:
        (wire,) = _add(store, WIRE)
        link_pending(store)
    with open_store(store_url) as store:  # a later run: the index comes from the store
        update, other, copy = _add(store, UPDATE, OTHER, COPY_OF_UPDATE)
        assert link_pending(store) == 3
        with store.read() as conn:
            query = select(near_duplicates.c.document_id, near_duplicates.c.original_id)
            found = {(row.document_id, row.original_id) for row in conn.execute(query)}
    assert found == {(update, wire), (copy, wire)}  # a copy of an update points at the first original
    index = NearDuplicateIndex()
    documents = zip((wire, update, other, copy), (WIRE, UPDATE, OTHER, COPY_OF_UPDATE), strict=True)
    expected = {(i, link.original) for i, text in documents if (link := index.add(i, text))}
    assert found == expected


def test_linking_again_with_nothing_new_changes_nothing(store_url: str) -> None:
    with open_store(store_url) as store:
        _add(store, WIRE, OTHER)
        assert link_pending(store) == 2
        before = _dump(store, timestamps=True)
        assert link_pending(store) == 0
        assert _dump(store, timestamps=True) == before


# --- the acceptance test, through the real pipeline ---------------------------------------------


def _outlets(event: MergedEvent) -> set[str | None]:
    return {s.source for s in event.sources}


def test_three_reported_events_merge_with_their_sources_and_conflicts(store_url: str, pipeline: Any) -> None:
    with open_store(store_url) as store:
        api.ingest([str(ARTICLES)], db=store, pipeline=pipeline)
        merged = _merged(store)
        with store.read() as conn:
            stored = list(conn.scalars(select(events.c.data)))
    assert stored and all(tables.event_from_data(data) == from_dict(Event, data) for data in stored)
    several = {e.type: e for e in merged if e.articles >= 2}
    assert len([e for e in merged if e.articles >= 2]) == 3
    assert set(several) == {"CONSULT", "RETREAT", "ASSAULT"}

    visit = several["CONSULT"]
    assert (visit.mode, visit.articles, visit.outlets) == ("visit", 2, 2)
    assert _outlets(visit) == {"Lisbon Daily", "Atlantic Herald"}
    conflicts = {d.field: [v for v, _ in d.values] for d in visit.disagreements}
    assert conflicts["date"] == ["2024-03-04", "2024-03-05"]  # "on Monday" vs "on Tuesday"

    truce = several["RETREAT"]
    assert (truce.mode, truce.articles, truce.outlets) == ("ceasefire", 2, 2)
    assert _outlets(truce) == {"Nile Courier", "Khartoum Monitor"}
    assert {d.field: [v for v, _ in d.values] for d in truce.disagreements} == {"duration": ["P3D", "P5D"]}

    shelling = several["ASSAULT"]
    assert (shelling.articles, shelling.outlets) == (2, 2)
    assert _outlets(shelling) == {"Nile Courier", "Darfur Wire"}
    assert shelling.date == "2024-06-13"
    conflicts = {d.field: [v for v, _ in d.values] for d in shelling.disagreements}
    assert conflicts["number"] == ["12 killed", "15 killed"]  # first reported first

    # The look-alikes (another visit on the same Monday, a bombing on the same Thursday with the
    # same toll) stay apart from the real events and from each other.
    for event in merged:
        outlets = _outlets(event)
        if outlets & {"Pacific Times", "Frontier Post"}:
            assert len(outlets) == 1 and event.articles == 1, event
    assert all(s.source not in ("Pacific Times", "Frontier Post") for e in several.values() for s in e.sources)


def test_two_runs_link_as_one_run_does_and_a_rerun_changes_nothing(
    store_url: str, tmp_path: Path, pipeline: Any
) -> None:
    lines = ARTICLES.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[3:5]), encoding="utf-8")  # out of order, on purpose
    second.write_text("".join(lines[:3] + lines[5:]), encoding="utf-8")
    one_run = tmp_path / "one.db"
    with open_store(str(one_run)) as store:
        api.ingest([str(first), str(second)], db=store, pipeline=pipeline)
        expected = _dump(store)
    with open_store(store_url) as store:
        api.ingest([str(first)], db=store, pipeline=pipeline)
    with open_store(store_url) as store:
        api.ingest([str(second)], db=store, pipeline=pipeline)
        assert _dump(store) == expected
        before = _dump(store, timestamps=True)
        summary_line = api.ingest([str(ARTICLES)], db=store, pipeline=pipeline).describe()
        assert summary_line.startswith("7 seen, 0 stored, 7 duplicates")
        assert _dump(store, timestamps=True) == before


def test_link_rebuild_reproduces_what_ingest_built(store_url: str, pipeline: Any) -> None:
    with open_store(store_url) as store:
        api.ingest([str(ARTICLES)], db=store, pipeline=pipeline)
        built = _dump(store)
        counts = summary(store)
    result = CliRunner().invoke(cli, ["link", "--db", store_url, "--rebuild"])
    assert result.exit_code == 0, result.output
    expected = (
        f"7 documents: 0 near-duplicates, {counts.stories} stories, {counts.merged_events} merged events "
        f"from {counts.event_mentions} event mentions (3 reported by two or more articles)\n"
    )
    assert result.stderr == expected
    with open_store(store_url) as store:
        assert _dump(store) == built
        # A database ingested before linking existed: `link` links it all.
        with store.write("test") as conn:
            tables.clear(conn)
    result = CliRunner().invoke(cli, ["link", "--db", store_url])
    assert result.exit_code == 0 and result.stderr == expected
    with open_store(store_url) as store:
        assert _dump(store) == built
        assert rebuild(store) == 7
        assert _dump(store) == built


def test_link_on_a_missing_database_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["link", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr.startswith("newsgraph: error: ")


@pytest.mark.parametrize("chunk", [1, 2, 64])
def test_the_chunk_size_of_linking_does_not_change_the_links(tmp_path: Path, chunk: int) -> None:
    texts = [WIRE, OTHER, UPDATE, COPY_OF_UPDATE]
    dumps = []
    for size in (chunk, 64):
        with open_store(str(tmp_path / f"{size}-{len(dumps)}.db")) as store:
            _add(store, *texts)
            link_pending(store, chunk=size)
            dumps.append(_dump(store))
    assert dumps[0] == dumps[1]
