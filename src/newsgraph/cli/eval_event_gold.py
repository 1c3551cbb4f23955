"""``newsgraph eval events GOLD.jsonl``: events against newsgraph's own gold set (the shell
around :mod:`newsgraph.eval.event_scoring`)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from newsgraph.api import build_pipeline
from newsgraph.cli.options import fail
from newsgraph.errors import NewsgraphError
from newsgraph.eval.event_gold import corpus_documents, read_gold
from newsgraph.eval.event_scoring import EventScore, predicted_events
from newsgraph.model import Analysis

__all__ = ["is_gold_file", "run"]


def is_gold_file(path: Path) -> bool:
    """Whether ``path`` is a gold file of ours (JSON lines of annotated articles), not a PLOVER
    record list."""
    with path.open("rb") as stream:
        head = stream.read(4096).lstrip()
    return head.startswith(b"{") and b'"sentences"' in head


def run(
    file: Path,
    *,
    splits: tuple[str, ...],
    data: Path,
    model: str | None,
    min_confidence: float | None,
    as_json: bool,
    errors_out: Path | None,
    limit: int | None,
) -> None:
    try:
        articles = read_gold(file, splits)[:limit]
        documents = corpus_documents(articles, data)
        pipeline = build_pipeline(model=model, on_error="raise")
    except NewsgraphError as error:
        fail(error)
    started = time.perf_counter()
    score = EventScore()
    texts = [documents[a.url].text for a in articles]
    docs = pipeline.nlp.pipe(texts, batch_size=pipeline.batch_size)
    for article, doc in zip(articles, docs, strict=True):
        document = documents[article.url]
        result = pipeline.apply(document, doc)
        if isinstance(result, Analysis):
            score.add(
                article, document.text, predicted_events(result, min_confidence), keep_errors=errors_out is not None
            )
    report: dict[str, Any] = {
        "gold": str(file),
        "splits": list(splits),
        "articles": len(articles),
        "min_confidence": min_confidence,
        **score.report(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    if errors_out is not None:
        errors_out.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in score.errors), "utf-8")
    click.echo(json.dumps(report, indent=2) if as_json else table(report))


def table(report: dict[str, Any]) -> str:
    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    threshold = report["min_confidence"]
    fields = report["on_paired"]
    lines = [
        f"gold {report['gold']} · splits {', '.join(report['splits'])} · {report['articles']} articles · "
        f"{report['sentences']} sentences ({report['sentences_without_event']} without an event, "
        f"{report['of_which_with_a_prediction']} of them with a prediction) · {report['seconds']} s",
        f"min confidence {threshold if threshold is not None else 'off'}",
        f"events: gold {report['gold_events']}, predicted {report['predicted_events']},"
        f" paired {report['paired_events']}",
        f"precision {pct(report['precision'])}  recall {pct(report['recall'])}  F1 {pct(report['f1'])}",
        "on paired events: " + "  ".join(f"{k} {pct(v)}" for k, v in fields.items()),
        f"predicted events right in every field (actor, recipient, modality, date): {pct(report['all_fields_right'])}",
        "",
        f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}",
    ]
    for label, row in report["per_type"].items():
        lines.append(
            f"{label:<10} {row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f}"
            f" {row['gold']:>5} {row['predicted']:>5}"
        )
    if report["reliability"]:
        lines += [
            "",
            f"reliability (ECE {pct(report['ece'])})",
            f"{'confidence':<11} {'events':>6} {'mean':>6} {'right':>6}",
        ]
        for row in report["reliability"]:
            lines.append(f"{row['bin']:<11} {row['events']:>6} {row['confidence']:>6.3f} {row['right']:>6.3f}")
    return "\n".join(lines)
