"""PLOVER scoring on records written for these tests, and the floors on the shared dev records."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsgraph.cli.main import cli
from newsgraph.eval.plover import GoldRecord, Prediction, Score, read_records
from shared_data import SHARED, shared_file

RECORDS = [
    {"id": "DOC", "event": "DOCUMENT"},
    {"id": "r1", "event": "FIGHT", "text": "Russian troops shelled the Ukrainian town of Kupiansk on Sunday.",
     "source": [{"actorText": "Russian troops", "code": "RUS", "sector": "MIL"}],
     "target": [{"actorText": "Ukrainian", "code": "UKR"}]},
    {"id": "r2", "event": "DEMAND", "text": "Brazil demanded that Argentina release the fishermen.",
     "source": [{"actorText": "Brazil", "code": "BRA"}], "target": [{"actorText": "Argentina", "code": "ARG"}]},
    {"id": "r3", "event": "AGREE", "text": "Norway will give Kenya a loan of 20 million dollars.",
     "source": [{"actorText": "Norway", "code": "NOR"}], "target": ""},
]  # fmt: skip


def test_read_records_maps_v05_labels_and_skips_documents(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(RECORDS), "utf-8")
    records = read_records(path)
    assert [r.type for r in records] == ["ASSAULT", "REQUEST", "AGREE"]
    assert records[0].source_countries == {"RUS"} and records[2].target_countries == frozenset()


def test_score_accuracy_macro_f1_and_countries() -> None:
    score = Score()
    gold = GoldRecord("a", "", "ASSAULT", frozenset({"RUS"}), frozenset({"UKR"}))
    score.add(gold, Prediction("ASSAULT", frozenset({"RUS"}), frozenset()))
    score.add(GoldRecord("b", "", "AGREE", frozenset(), frozenset()), Prediction("ASSAULT"))
    report = score.report()
    assert report["accuracy"] == 0.5 and report["actor_country_match"] == 1.0
    assert report["recipient_country_match"] == 0.0
    assert report["confusion"] == {"AGREE": {"ASSAULT": 1}, "ASSAULT": {"ASSAULT": 1}}
    assert report["macro_f1"] == pytest.approx((2 / 3 + 0) / 2, abs=1e-4)


@pytest.mark.model
def test_eval_events_cli_on_our_records(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(RECORDS), "utf-8")
    out = tmp_path / "predictions.jsonl"
    result = CliRunner().invoke(cli, ["eval", "events", str(path), "--json", "--write-predictions", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["records"] == 3 and report["accuracy"] == 1.0
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [line["predicted"] for line in lines] == ["ASSAULT", "REQUEST", "AGREE"]


@pytest.mark.model
@pytest.mark.shared
def test_plover_dev_floors() -> None:
    path = shared_file(SHARED / "data" / "plover-gsr-dev" / "plover_gsr_dev.json")
    result = CliRunner().invoke(cli, ["eval", "events", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    # Floors pinned below the measured dev numbers (0.90 / 0.91); they may only move up.
    assert report["accuracy"] >= 0.85
    assert report["macro_f1"] >= 0.85
