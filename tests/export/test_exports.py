"""Every export read back with a standard tool: json, csv, networkx."""

from __future__ import annotations

import copy
import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx
import pytest
from export_samples import CORPUS, add_merged_event, add_story, rated_document

import newsgraph.query.filters as filters_module
from newsgraph.export import gdelt
from newsgraph.export.graph import write_graph
from newsgraph.export.record import schema, to_record
from newsgraph.export.records import RECORD_KINDS, iter_records
from newsgraph.export.tables import RECORD_CLASSES, columns, flat_row, write_csv
from newsgraph.model import Analysis, Document, Event, from_dict
from newsgraph.query import Filters, QueryError, network
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


def test_event_exports_keep_the_events_the_filters_keep(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filters_module, "event_threshold", lambda: 0.5)
    store.add(rated_document())
    sure, doubtful, history = rated_document().events
    unrated = {e.id for a in CORPUS for e in a.events}
    assert {r["id"] for r in iter_records(store, "events")} == unrated | {sure.id}
    everything = Filters(min_confidence=0, background=True)
    found = {r["id"]: r for r in iter_records(store, "events", everything)}
    assert set(found) == unrated | {sure.id, doubtful.id, history.id}
    assert from_dict(Event, found[history.id]) == history  # still the exact record
    add_merged_event(store, "mev_history", [history])
    assert [r["id"] for r in iter_records(store, "merged_events")] == []
    assert [r["id"] for r in iter_records(store, "merged_events", Filters(background=True))] == ["mev_history"]
    with pytest.raises(QueryError, match="quotes cannot be filtered by background; it takes no filters"):
        iter_records(store, "quotes", Filters(background=True))


def test_event_csv_has_the_confidence_and_background_columns(store: Store) -> None:
    store.add(rated_document())
    header = columns(Event)
    assert {"provenance.confidence", "background", "latest"} <= set(header)
    rows = [flat_row(r, header) for r in iter_records(store, "events", Filters(min_confidence=0, background=True))]
    history = rated_document().events[2]
    assert {(r["provenance.confidence"], r["background"]) for r in rows if r["id"] == history.id} == {(0.8, True)}


def _extracted(analysis: Analysis) -> dict[str, Any]:
    """The extract record of a sample analysis, under a real document id (samples use doc_0001)."""
    document = dataclasses.replace(analysis.document, id=Document.make_id(analysis.document.text))
    return to_record(dataclasses.replace(analysis, document=document))


def test_extract_records_carry_confidence_background_and_latest() -> None:
    analysis = rated_document()
    sure, _, history = analysis.events
    undated = dataclasses.replace(history, latest="2019-06-01")
    record = _extracted(dataclasses.replace(analysis, events=(sure, undated)))
    jsonschema.validate(record, schema())
    assert [(e["confidence"], e["background"], e["latest"]) for e in record["events"]] == [
        (0.9, False, None),
        (0.8, True, "2019-06-01"),
    ]
    unrated = _extracted(CORPUS[0])
    jsonschema.validate(unrated, schema())
    assert unrated["events"][0]["confidence"] is None
    for field in ("confidence", "background", "latest"):
        missing = copy.deepcopy(record)
        del missing["events"][0][field]
        with pytest.raises(jsonschema.ValidationError, match=f"'{field}' is a required property"):
            jsonschema.validate(missing, schema())
    beyond = copy.deepcopy(record)
    beyond["events"][0]["confidence"] = 1.2
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(beyond, schema())
