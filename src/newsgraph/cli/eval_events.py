"""``newsgraph eval events``: event coding against PLOVER gold-standard records, or against
newsgraph's own gold set of annotated Wikinews articles (gold/wikinews-events.jsonl)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from newsgraph.api import build_pipeline
from newsgraph.cli import eval_event_gold
from newsgraph.cli.options import fail, json_option, limit_option, model_option
from newsgraph.errors import NewsgraphError
from newsgraph.eval.event_gold import SPLITS
from newsgraph.eval.plover import Prediction, Score, folds, predict, read_records
from newsgraph.model import Analysis, Document, to_dict

#: Where ../shared/data is from the project's root (the corpus files the gold annotates).
DEFAULT_DATA = Path("../shared/data")


@click.command("events")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@model_option
@json_option()
@click.option(
    "--split",
    "splits",
    type=click.Choice(SPLITS),
    multiple=True,
    help="Our gold set only: score these splits (repeatable; default dev). The test split is for the final figures.",
)
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="Our gold set only: the folder holding the corpus files it annotates.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=None,
    help="Our gold set only: score only events with at least this confidence (default: all).",
)
@click.option(
    "--write-errors",
    "errors_out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Our gold set only: write every miss, false positive and wrong field as JSON lines to this file.",
)
@click.option(
    "--fold",
    type=click.IntRange(1, 2),
    default=None,
    help="PLOVER records only: score one half (1: the odd records of each type, 2: the even ones).",
)
@click.option(
    "--write-predictions",
    "out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="PLOVER records only: write one JSON line per record: gold, predicted type, countries and the main event.",
)
@limit_option("records or articles")
def command(
    file: Path,
    model: str | None,
    as_json: bool,
    splits: tuple[str, ...],
    data: Path,
    min_confidence: float | None,
    errors_out: Path | None,
    fold: int | None,
    out: Path | None,
    limit: int | None,
) -> None:
    """Score event coding against gold data: PLOVER gold-standard records (a JSON list of
    records with `text`, `event`, `source` and `target`, as in plover_gsr_dev.json), or our own
    gold set of annotated articles (JSON lines, gold/wikinews-events.jsonl).

    PLOVER records: one predicted type per record, the main event (highest in the parse), coded
    as PLOVER codes intentions (AGREE/THREATEN) and refusals (REJECT); v0.5 labels are mapped to
    2.0. Prints type accuracy, macro-F1, per-type P/R/F1, the confusion matrix, and actor and
    recipient country match.

    Our gold set: every sentence of each annotated article; events paired by type within a
    sentence. Prints event precision, recall and F1 overall and per type, actor, recipient,
    modality and date accuracy on paired events, the share of predicted events right in every
    field, and the reliability of the events' confidence (ECE).

    \b
    Example:
      newsgraph eval events ../shared/data/plover-gsr-dev/plover_gsr_dev.json
      newsgraph eval events ../shared/data/plover-gsr-dev/plover_gsr_dev.json --fold 1
      newsgraph eval events gold/wikinews-events.jsonl --split dev
      newsgraph eval events gold/wikinews-events.jsonl --split dev --min-confidence 0.5 --json
    """
    if eval_event_gold.is_gold_file(file):
        eval_event_gold.run(
            file,
            splits=splits or ("dev",),
            data=data,
            model=model,
            min_confidence=min_confidence,
            as_json=as_json,
            errors_out=errors_out,
            limit=limit,
        )
        return
    try:
        records = read_records(file)
        if fold is not None:
            assigned = folds(records)
            records = [r for r in records if assigned[r.id] == fold]
        records = records[:limit]
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
    report: dict[str, Any] = {
        "gold": str(file),
        "fold": fold,
        **score.report(),
        "seconds": round(time.perf_counter() - started, 1),
    }
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
