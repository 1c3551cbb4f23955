"""``newsgraph eval timex``: TempEval-3 scores of the time stage on TimeML files, beside the
spaCy + dateparser baseline."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import click

from newsgraph.cli.options import fail, json_option, limit_option, model_option
from newsgraph.errors import NewsgraphError
from newsgraph.eval.tempeval import TYPES, score
from newsgraph.eval.timeml import Tag, TimeMLDocument, read_corpus, to_timeml
from newsgraph.pipeline.nlp import load_model
from newsgraph.stages.timex import tag
from newsgraph.stages.timex.tagger import document_date


@click.command("timex")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@model_option
@click.option("--baseline", is_flag=True, help="Also score spaCy DATE/TIME entities valued by dateparser.")
@json_option("Print one JSON object instead of tables.")
@click.option(
    "--write-predictions",
    "outdir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write each document as TimeML with our TIMEX3 tags into this folder.",
)
@limit_option("documents")
def command(
    gold: Path, model: str | None, baseline: bool, as_json: bool, outdir: Path | None, limit: int | None
) -> None:
    """Score time expressions against TimeML gold (.tml files under GOLD, a file or folder):
    TempEval-3 strict and relaxed span P/R/F1, and type and value F1 over relaxed matches
    (attribute F1 = relaxed F1 x attribute accuracy), per corpus (the folder a file is in) and
    overall, per type, with the 10 most common errors. The creation time (the TIMEX3 in <DCT>)
    anchors relative expressions and is not scored.

    \b
    Example:
      newsgraph eval timex ../shared/data/timeml-tbaq
      newsgraph eval timex ../shared/data/timeml-tbaq --baseline --json
      newsgraph eval timex gold/ --write-predictions predicted/
    """
    try:
        documents = read_corpus(gold)[:limit]
        nlp = load_model(model)
    except NewsgraphError as error:
        fail(error)
    except (ValueError, OSError) as error:
        fail(str(error))
    started = time.perf_counter()
    ours: list[tuple[str, str, tuple[Tag, ...], list[Tag]]] = []
    theirs: list[tuple[str, str, tuple[Tag, ...], list[Tag]]] = []
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        found = [
            Tag(t.start, t.end, t.type, t.value, t.mod) for t in tag(document.text, document_date(document.dct), doc)
        ]
        ours.append((document.corpus, document.text, document.gold, found))
        if baseline:
            from newsgraph.eval.timex_baseline import baseline_tags

            dct = dt.datetime.combine(document_date(document.dct) or dt.date.today(), dt.time())
            theirs.append((document.corpus, document.text, document.gold, baseline_tags(doc, dct)))
        if outdir is not None:
            _write(outdir, document, found)
    report: dict[str, Any] = {
        "gold": str(gold),
        "documents": len(documents),
        "seconds": round(time.perf_counter() - started, 1),
        "newsgraph": score(ours),
    }
    if baseline:
        report["baseline"] = score(theirs)
    if as_json:
        click.echo(json.dumps(report))
    else:
        _print(report)


def _write(outdir: Path, document: TimeMLDocument, tags: list[Tag]) -> None:
    target = outdir / document.corpus / document.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(to_timeml(document, tags), encoding="utf-8")


def _row(label: str, scores: dict[str, Any]) -> str:
    cells = [f"{scores[k][m] * 100:5.1f}" for k in ("strict", "relaxed") for m in ("precision", "recall", "f1")]
    return (
        f"{label:<18}{scores['gold']:>5}{scores['system']:>6}  "
        + " ".join(cells)
        + f"   {scores['type']['f1'] * 100:5.1f} {scores['value']['f1'] * 100:5.1f}"
    )


def _print(report: dict[str, Any]) -> None:
    click.echo(f"{report['gold']}: {report['documents']} documents, {report['seconds']}s")
    header = f"{'':<18}{'gold':>5}{'ours':>6}  strict P     R     F1  relaxed P   R     F1    type F1 value F1"
    for system in ("newsgraph", "baseline"):
        if system not in report:
            continue
        scores = report[system]
        click.echo(f"\n{system}\n{header}")
        for corpus, numbers in scores["corpora"].items():
            click.echo(_row(corpus, numbers))
        click.echo(_row("overall", scores["overall"]))
        for kind in TYPES:
            click.echo(_row(f"  {kind}", scores["types"][kind]))
        click.echo("most common errors:")
        for error in scores["overall"]["errors"]:
            click.echo(f"  {error['count']:>4}  {error['kind']}: e.g. {error['example']}")
