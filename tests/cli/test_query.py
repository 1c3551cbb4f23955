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

from newsgraph.cli.main import cli
from newsgraph.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "query"))
from query_samples import build_corpus


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
