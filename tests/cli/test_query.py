"""``newsgraph query`` and ``newsgraph export`` end to end on a small SQLite store."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import newsgraph.query.filters as filters_module
from newsgraph.cli.main import cli
from newsgraph.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "query"))
from query_samples import build_corpus, rated_document


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "news.db")
    with open_store(path) as store:
        build_corpus(store)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_timeline_table_json_csv(db: str) -> None:
    code, out, _ = run("query", "timeline", "Vladimir Putin", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["date", "kind", "what"]
    assert "CONSULT/visit" in lines[1] and "https://example.org/1" in lines[1]
    code, out, _ = run("query", "timeline", "putin", "--db", db, "--json")
    items = [json.loads(line) for line in out.splitlines()]
    assert [i["date"] for i in items] == sorted(i["date"] for i in items) and len(items) == 7
    code, out, _ = run("query", "timeline", "putin", "--db", db, "--json", "--after", items[4]["cursor"])
    assert [json.loads(line)["id"] for line in out.splitlines()] == [i["id"] for i in items[5:]]
    code, out, _ = run("query", "timeline", "putin", "--db", db, "--csv", "--since", "2020")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["kind"], r["document_url"]) for r in rows] == [("quote", "https://example.org/5")]


def test_list_commands(db: str) -> None:
    code, out, _ = run("query", "events", "--db", db, "--type", "consult", "--country", "chn", "--json")
    assert code == 0 and [json.loads(line)["type"] for line in out.splitlines()] == ["CONSULT", "CONSULT"]
    code, out, _ = run("query", "quotes", "--db", db, "--kind", "indirect")
    assert code == 0 and "We will resist" in out
    code, out, _ = run("query", "documents", "--db", db, "--text", "resist", "--json")
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["doc_0002"]
    code, out, err = run("query", "stories", "--db", db)
    assert code == 0 and out == "" and "no stories match" in err
    code, out, _ = run("query", "entity", "Xi", "--db", db, "--json")
    assert json.loads(out)["country"] == "CHN"


def test_network_outputs(db: str, tmp_path: Path) -> None:
    code, out, _ = run("query", "network", "--db", db, "--since", "2019-01-01", "--until", "2019-12-31", "--json")
    graph = json.loads(out)
    assert code == 0 and {n["id"] for n in graph["nodes"]} == {"ent_putin", "ent_xi", "ent_zelensky"}
    path = tmp_path / "net.graphml"
    code, _, err = run(
        "query", "network", "--db", db, "--since", "2019-01-01", "--until", "2019-12-31", "--out", str(path)
    )
    assert code == 0 and "wrote 3 nodes and 4 edges" in err
    assert set(nx.read_graphml(path).nodes) == {"ent_putin", "ent_xi", "ent_zelensky"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "Kim"], "2 entities answer to 'Kim': ent_kim1 (Kim, person, PRK); ent_kim2 (Kim, person, KOR)"),
        (["timeline", "Nobody Known"], "no entity has the id, name or alias 'Nobody Known'"),
        (["events", "--since", "2019-13-01"], "--since '2019-13-01' is not a date; use YYYY-MM-DD"),
        (["events", "--type", "MEET"], "unknown PLOVER event type(s) MEET"),
        (["events", "--after", "nonsense"], "is not a cursor of the events list"),
    ],
)
def test_errors_exit_2_with_the_fix(db: str, args: list[str], message: str) -> None:
    code, out, err = run("query", *args, "--db", db)
    assert code == 2 and out == ""
    assert err.startswith("newsgraph: error: ") and message in err


def test_export_commands(db: str, tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    code, _, err = run("export", "events", "--db", db, "--out", str(events))
    assert code == 0 and len(events.read_text().splitlines()) == 6 and "wrote 6 events rows" in err
    code, out, _ = run("export", "entities", "--db", db, "--format", "csv")
    assert {r["name"] for r in csv.DictReader(io.StringIO(out))} >= {"Vladimir Putin", "Moscow"}
    code, out, err = run("export", "gdelt", "--db", db)
    assert code == 0 and "one row per event mention instead" in err
    assert len(list(csv.DictReader(io.StringIO(out)))) == 6
    gexf = tmp_path / "net.gexf"
    code, _, _ = run("export", "network", "--db", db, "--out", str(gexf))
    assert code == 0 and "ent_kim1" in nx.read_gexf(gexf).nodes


def test_modality_filters_the_event_list(db: str) -> None:
    # Regression: --modality was parsed but never reached the query, so it listed every event.
    code, out, err = run("query", "events", "--db", db, "--modality", "negated")
    assert code == 0 and out == "" and err == "no events match\n"
    code, out, _ = run("query", "events", "--db", db, "--modality", "ASSERTED", "--json")
    assert code == 0 and len(out.splitlines()) == 6


@pytest.fixture
def rated_db(db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The corpus plus a document of rated events (0.9, 0.3, and 0.8 but background), with
    the default threshold pinned to 0.5."""
    monkeypatch.setattr(filters_module, "event_threshold", lambda: 0.5)
    with open_store(db) as store:
        store.add(rated_document())
    return db


def _ids(out: str) -> set[str]:
    return {json.loads(line)["id"] for line in out.splitlines()}


def test_event_commands_take_min_confidence_and_background(rated_db: str) -> None:
    sure, doubtful, history = (e.id for e in rated_document().events)
    code, out, _ = run("query", "events", "--db", rated_db, "--json")
    default = _ids(out)
    assert code == 0 and sure in default and not default & {doubtful, history} and len(default) == 7
    code, out, _ = run("query", "events", "--db", rated_db, "--json", "--min-confidence", "0", "--background")
    assert _ids(out) == default | {doubtful, history}
    rows = {json.loads(line)["id"]: json.loads(line) for line in out.splitlines()}
    assert (rows[history]["confidence"], rows[history]["background"]) == (0.8, True)
    code, out, _ = run("query", "events", "--db", rated_db, "--csv", "--min-confidence", "0.85")
    cells = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert cells[sure]["confidence"] == "0.9" and cells[sure]["background"] == "False"
    code, out, _ = run("query", "timeline", "ent_putin", "--db", rated_db, "--json", "--min-confidence", "0")
    assert doubtful in _ids(out) and history not in _ids(out)
    code, out, _ = run(
        "query", "network", "--db", rated_db, "--json", "--since", "2019-06", "--until", "2019-06", "--background"
    )
    assert {(e["source"], e["target"]) for e in json.loads(out)["edges"]} == {
        ("ent_putin", "ent_xi"),
        ("ent_zelensky", "ent_putin"),
    }
    code, out, _ = run("query", "entity", "Putin", "--db", rated_db, "--json", "--min-confidence", "0")
    assert json.loads(out)["events_as_actor"] == 5
    code, out, _ = run("query", "entity", "Putin", "--db", rated_db)
    assert "events as actor 4, as recipient 2" in out


def test_min_confidence_out_of_range_exits_2_with_the_fix(rated_db: str) -> None:
    code, out, err = run("query", "events", "--db", rated_db, "--min-confidence", "1.5")
    assert code == 2 and out == ""
    assert err == (
        "newsgraph: error: --min-confidence 1.5 is not a confidence from 0 to 1; use e.g. 0.8, 0 to show "
        "every event, or leave it out for the default threshold (0.5)\n"
    )


def test_only_commands_about_events_offer_the_event_filters() -> None:
    for verb in ("events", "timeline", "network", "merged-events", "entity"):
        _, out, _ = run("query", verb, "--help")
        assert "--min-confidence" in out and "--background" in out, verb
        assert "0 shows all" in out, verb
    for verb in ("quotes", "documents", "stories"):
        _, out, _ = run("query", verb, "--help")
        assert "--min-confidence" not in out and "--background" not in out, verb


def test_export_takes_min_confidence_and_background_for_events(rated_db: str, tmp_path: Path) -> None:
    sure, doubtful, history = (e.id for e in rated_document().events)
    code, out, _ = run("export", "events", "--db", rated_db)
    assert code == 0 and sure in _ids(out) and not _ids(out) & {doubtful, history}
    code, out, _ = run("export", "events", "--db", rated_db, "--min-confidence", "0", "--background")
    assert _ids(out) >= {sure, doubtful, history} and len(_ids(out)) == 9
    code, out, _ = run("export", "events", "--db", rated_db, "--format", "csv", "--background")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert (rows[history]["provenance.confidence"], rows[history]["background"]) == ("0.8", "True")
    code, out, _ = run("export", "gdelt", "--db", rated_db, "--min-confidence", "0")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert set(rows) >= {sure, doubtful} and history not in rows
    assert (rows[doubtful]["confidence"], rows[doubtful]["background"]) == ("0.3", "False")
    code, out, err = run("export", "quotes", "--db", rated_db, "--background")
    assert code == 2 and err == (
        "newsgraph: error: --min-confidence/--background apply to events, merged_events, gdelt, network, "
        "not to quotes; leave them out\n"
    )
