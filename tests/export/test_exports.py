"""Every export read back with a standard tool: json, csv, networkx."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from export_samples import CORPUS, add_merged_event, add_story

from newsgraph.export import gdelt
from newsgraph.export.graph import write_graph
from newsgraph.export.records import RECORD_KINDS, iter_records
from newsgraph.export.tables import RECORD_CLASSES, columns, flat_row, write_csv
from newsgraph.model import Event, from_dict
from newsgraph.query import Filters, network
from newsgraph.store import Store


def test_jsonl_records_round_trip(store: Store) -> None:
    add_story(store, "sto_1", ["doc_0002", "doc_0001"], "2019-01-10", "2019-03-05")
    add_merged_event(store, "mev_1", [e for a in CORPUS for e in a.events if e.type == "CONSULT"])
    counts = {kind: len([json.loads(json.dumps(r)) for r in iter_records(store, kind)]) for kind in RECORD_KINDS}
    assert counts == {
        "documents": 5,
        "entities": 6,
        "mentions": 0,
        "time_expressions": 0,
        "quotes": 3,
        "events": 6,
        "stories": 1,
        "merged_events": 1,
        "near_duplicates": 0,
    }
    events = [from_dict(Event, r) for r in iter_records(store, "events")]
    assert sorted(events, key=lambda e: e.id) == sorted((e for a in CORPUS for e in a.events), key=lambda e: e.id)
    story = next(iter_records(store, "stories"))
    assert story["document_ids"] == ["doc_0001", "doc_0002"]


@pytest.mark.parametrize("kind", sorted(RECORD_CLASSES))
def test_csv_tables_have_a_fixed_header(store: Store, kind: str) -> None:
    out = io.StringIO()
    header = columns(RECORD_CLASSES[kind])
    n = write_csv(out, header, (flat_row(r, header) for r in iter_records(store, kind)))
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == n
    if kind == "events":
        assert "evidence.text" in header and "provenance.stage" in header
        assert {r["type"] for r in rows} == {"CONSULT", "ASSAULT", "ACCUSE", "AID", "THREATEN"}


def test_gdelt_falls_back_to_event_mentions(store: Store) -> None:
    table = gdelt.gdelt_table(store)
    rows = list(table.rows)
    assert table.fallback and len(rows) == 6
    consult = next(r for r in rows if r["plover_mode"] == "visit")
    assert (consult["actor1_name"], consult["actor1_country"], consult["actor2_name"]) == (
        "Vladimir Putin",
        "RUS",
        "Xi Jinping",
    )
    assert (consult["cameo_code"], consult["cameo_root"], consult["quad_class"]) == ("042", "04", 1)
    assert (consult["place_name"], consult["latitude"], consult["longitude"]) == ("Moscow", 55.75, 37.62)
    assert consult["source_urls"] == "https://example.org/1"


def test_gdelt_one_row_per_merged_event(store: Store) -> None:
    add_merged_event(store, "mev_1", [e for a in CORPUS for e in a.events if e.type == "CONSULT"])
    table = gdelt.gdelt_table(store, Filters(since="2019"))
    out = io.StringIO()
    write_csv(out, gdelt.COLUMNS, table.rows)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert not table.fallback and len(rows) == 1
    assert rows[0]["articles"] == "2" and rows[0]["sources"] == "1"
    assert rows[0]["source_urls"].split() == ["https://example.org/1", "https://example.org/4"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_graph_files(store: Store, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"net.{fmt}"
    write_graph(network(store, Filters(since="2019-01-01", until="2019-12-31")), path, fmt)
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert set(graph.nodes) == {"ent_putin", "ent_xi", "ent_zelensky"}
    assert graph.nodes["ent_putin"]["country"] == "RUS"
    assert int(graph.edges["ent_putin", "ent_xi"]["events"]) == 2
