"""``newsgraph eval quotes``: quotation attribution against brat data (PolNeAR layout),
newsgraph beside textacy's direct-quotation extractor (``--baseline``)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from newsgraph.api import build_pipeline
from newsgraph.cli.options import fail, json_option, limit_option, model_option, warn
from newsgraph.errors import NewsgraphError
from newsgraph.eval.polnear import (
    Score,
    annotator_agreement,
    from_quotes,
    from_textacy,
    mention_entities,
    read_corpus,
    to_ann,
)
from newsgraph.model import Analysis, Document


@click.command("quotes")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@model_option
@click.option("--baseline", is_flag=True, help="Also score textacy's direct_quotations on the same parses.")
@json_option()
@click.option(
    "--write-predictions",
    "outdir",
    type=click.Path(file_okay=False, writable=True, path_type=Path),
    help="Write newsgraph's attributions as brat files OUTDIR/<doc>.ann.",
)
@limit_option("articles")
def command(
    directory: Path, model: str | None, baseline: bool, as_json: bool, outdir: Path | None, limit: int | None
) -> None:
    """Score quotes (content, source, cue) against brat attribution data in the PolNeAR layout:
    DIRECTORY/text/*.txt and DIRECTORY/attributions/<doc>_<annotator>.ann (the first annotator's
    file by name is the gold).

    Content is scored on word tokens, exact and token-overlap P/R/F1, overall and for direct
    (the content holds a quotation mark) and indirect attributions; source and cue accuracy on
    matched attributions (source strictly, sharing a word with the gold source, and leniently,
    also when coreferent with it through the entities stage); then the ten most common error kinds.
    Where articles have two annotator files, the second annotator is scored against the first
    the same way, beside the systems: the human ceiling on this data.

    \b
    Example:
      newsgraph eval quotes ../shared/data/polnear/dev --baseline
      newsgraph eval quotes ../shared/data/polnear/dev --json --write-predictions predicted/
    """
    try:
        articles = read_corpus(directory)[:limit]
        pipeline = build_pipeline(model=model, on_error="reject")
        if baseline:
            import textacy  # noqa: F401
    except ImportError:
        fail("--baseline needs textacy (a dev/eval-only dependency): pip install textacy==0.13.0")
    except (NewsgraphError, ValueError) as error:
        fail(str(error))
    started = time.perf_counter()
    ours, theirs = Score(), Score()
    gave_up = 0
    documents = [Document.create(text=a.text, origin=str(directory / "text" / f"{a.name}.txt")) for a in articles]
    results = list(pipeline.run(documents))
    docs = pipeline.nlp.pipe((a.text for a in articles), batch_size=pipeline.batch_size) if baseline else None
    if outdir is not None:
        outdir.mkdir(parents=True, exist_ok=True)
    for article, result in zip(articles, results, strict=True):
        if not isinstance(result, Analysis):
            warn(f"no quotes for {result.describe()}")
        quotes = result.quotes if isinstance(result, Analysis) else ()
        mentions = result.mentions if isinstance(result, Analysis) else ()
        predicted = from_quotes(article.text, quotes)
        ours.add(article.text, article.gold, predicted, mention_entities(mentions))
        if outdir is not None:
            (outdir / f"{article.name}.ann").write_text(to_ann(article.text, predicted), encoding="utf-8")
        if docs is not None:
            found = from_textacy(next(docs))
            gave_up += found is None
            theirs.add(article.text, article.gold, found or [])
    report: dict[str, Any] = {
        "gold": str(directory),
        "articles": len(articles),
        "seconds": round(time.perf_counter() - started, 1),
        "newsgraph": ours.as_dict(),
    }
    if baseline:
        report["textacy"] = {**theirs.as_dict(), "articles_given_up": gave_up}
    doubly, agreement = annotator_agreement(directory)
    if doubly:
        report["annotators"] = {**agreement.as_dict(), "articles": doubly}
    if as_json:
        click.echo(json.dumps(report))
        return
    _print(report)


def _print(report: dict[str, Any]) -> None:
    systems = [name for name in ("newsgraph", "textacy", "annotators") if name in report]
    click.echo(f"{report['gold']}: {report['articles']} articles, {report['seconds']}s (word tokens)")
    if "annotators" in report:
        doubly = report["annotators"]["articles"]
        click.echo(f"annotators: the second annotator against the first, on {doubly} articles")
    click.echo(f"{'content':<28}" + "".join(f"{name + ' P/R/F1':>26}" for name in systems))
    for kind in ("overall", "direct", "indirect"):
        for measure in ("token_overlap", "exact"):
            cells = []
            for name in systems:
                row = report[name]["content"][kind][measure]
                cells.append(f"{row['precision'] * 100:6.1f} {row['recall'] * 100:6.1f} {row['f1'] * 100:6.1f}")
            click.echo(f"{kind + ' ' + measure.replace('_', '-'):<28}" + "".join(f"{c:>26}" for c in cells))
    for measure in ("source_accuracy", "source_accuracy_lenient", "cue_accuracy"):
        cells = [f"{report[name][measure] * 100:6.1f}" for name in systems]
        click.echo(f"{measure.replace('_', ' '):<28}" + "".join(f"{c:>26}" for c in cells))
    if "textacy" in report:
        click.echo(f"textacy gave up on {report['textacy']['articles_given_up']} articles (unpaired quotation marks)")
    click.echo("most common newsgraph errors:")
    for error in report["newsgraph"]["errors"]:
        click.echo(f"  {error['count']:5d}  {error['kind']}")
