"""``newsgraph eval events``: event coding against PLOVER gold-standard records."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from newsgraph.api import build_pipeline
from newsgraph.cli.options import fail, json_option, limit_option, model_option
from newsgraph.errors import NewsgraphError
from newsgraph.eval.plover import Prediction, Score, predict, read_records
from newsgraph.model import Analysis, Document, to_dict


@click.command("events")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@model_option
@json_option()
@click.option(
    "--write-predictions",
    "out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write one JSON line per record to OUT: gold, predicted type, countries and the main event.",
)
@limit_option("records")
def command(file: Path, model: str | None, as_json: bool, out: Path | None, limit: int | None) -> None:
    """Score event coding against PLOVER gold-standard records (a JSON list of records with
    `text`, `event`, `source` and `target`, as in plover_gsr_dev.json).

    One predicted type per record: the main event (highest in the parse), coded as PLOVER codes
    intentions (AGREE/THREATEN) and refusals (REJECT). PLOVER v0.5 gold labels are mapped to 2.0
    (DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT). Prints event-type
    accuracy, macro-F1, per-type P/R/F1, the confusion matrix, and actor/recipient country
    match on records whose gold side has a country code.

    \b
    Example:
      newsgraph eval events ../shared/data/plover-gsr-dev/plover_gsr_dev.json
      newsgraph eval events GOLD.json --json --write-predictions predictions.jsonl
    """
    try:
        records = read_records(file)[:limit]
        pipeline = build_pipeline(model=model, on_error="reject")
    except NewsgraphError as error:
        fail(str(error))
    started = time.perf_counter()
    score = Score()
    lines = []
    docs = pipeline.nlp.pipe((r.text for r in records), batch_size=pipeline.batch_size)
    for record, doc in zip(records, docs, strict=True):
        result = pipeline.apply(Document.create(text=record.text, origin=f"{file}#{record.id}"), doc)
        prediction = predict(result, doc) if isinstance(result, Analysis) else Prediction(None)
        score.add(record, prediction)
        if out is not None:
            lines.append(_prediction_line(record.id, record.type, prediction))
    report: dict[str, Any] = {"gold": str(file), **score.report(), "seconds": round(time.perf_counter() - started, 1)}
    if out is not None:
        out.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(_table(report))


def _prediction_line(record_id: str, gold: str, prediction: Prediction) -> dict[str, Any]:
    return {
        "id": record_id,
        "gold": gold,
        "predicted": prediction.type,
        "actor_countries": sorted(prediction.actor_countries),
        "recipient_countries": sorted(prediction.recipient_countries),
        "event": None if prediction.event is None else to_dict(prediction.event),
    }


def _table(report: dict[str, Any]) -> str:
    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    lines = [
        f"PLOVER records: {report['records']}  ({report['seconds']} s)",
        f"event-type accuracy  {pct(report['accuracy'])}",
        f"macro-F1             {pct(report['macro_f1'])}",
        f"actor country        {pct(report['actor_country_match'])}  ({report['actor_country_records']} records)",
        f"recipient country    {pct(report['recipient_country_match'])}"
        f"  ({report['recipient_country_records']} records)",
        "",
        f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}",
    ]
    for label, row in report["per_type"].items():
        lines.append(
            f"{label:<10} {row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f} {int(row['support']):>4}"
        )
    labels = sorted({p for row in report["confusion"].values() for p in row} | set(report["confusion"]))
    short = [label[:4] for label in labels]
    lines += ["", "confusion (rows gold, columns predicted)", f"{'':<10}" + "".join(f"{s:>5}" for s in short)]
    for gold, row in report["confusion"].items():
        lines.append(f"{gold:<10}" + "".join(f"{row.get(p, 0) or '.':>5}" for p in labels))
    return "\n".join(lines)
