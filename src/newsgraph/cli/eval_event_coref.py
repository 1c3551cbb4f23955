"""``newsgraph eval event-coref``: cross-document event coreference on ECB+ (gold mentions)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from newsgraph.cli.options import fail, json_option, model_option
from newsgraph.errors import NewsgraphError
from newsgraph.eval.cross_document import BLOCKINGS, event_coref_report, write_predictions
from newsgraph.eval.ecbplus import read_corpus
from newsgraph.pipeline.nlp import load_model

_METRICS = ("muc", "b3", "ceaf_e")


@click.command("event-coref")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@model_option
@click.option(
    "--blocking",
    type=click.Choice(BLOCKINGS),
    default="documents",
    show_default=True,
    help="Compare mentions inside: our document clusters within each gold topic; the gold topics; "
    "our story clusters of all documents (no gold topics); or the gold sub-topics (an oracle).",
)
@click.option(
    "--write-predictions",
    "predictions",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write our chains as key lines: <doc>_<sentence>_<first token>_<last token>\\t(<cluster>).",
)
@json_option()
def command(corpus: Path, model: str | None, blocking: str, predictions: Path | None, as_json: bool) -> None:
    """Cluster the gold event mentions of ECB+'s annotated sentences across documents and score
    train and dev topics (dev: 2 5 12 18 21 23 34 35) with MUC, B3, CEAF-e and CoNLL F1, beside
    the same-lemma baseline, both on the same blocks (see --blocking).

    \b
    Example:
      newsgraph eval event-coref ../shared/data/ecbplus-dev/ECB+
    """
    try:
        documents = read_corpus(corpus)
        nlp = load_model(model)
    except NewsgraphError as error:
        fail(error)
    except (FileNotFoundError, ValueError, KeyError) as error:
        fail(f"{corpus}: not an ECB+ folder ({error}); see ../shared/data/ecbplus-dev/README.md")
    if not documents:
        fail(f"{corpus}: no ECB+ documents with annotated sentences found")
    report, chains = event_coref_report(documents, nlp, blocking=blocking)
    if predictions is not None:
        write_predictions(chains, predictions)
        click.echo(f"wrote {sum(len(c) for c in chains)} mentions in {len(chains)} chains to {predictions}", err=True)
    if as_json:
        click.echo(json.dumps(report))
        return
    click.echo(f"{corpus}: blocking by {report['blocking']} ({report['blocks']} blocks)")
    click.echo(f"{'split':<7}{'system':<12}" + "".join(f"{m.upper() + ' P/R/F1':>22}" for m in _METRICS) + "  CoNLL F1")
    for split in ("train", "dev"):
        if split not in report:
            continue
        part: dict[str, Any] = report[split]
        for system in ("ours", "same_lemma"):
            row = part[system]
            cells = [" ".join(f"{row[m][k] * 100:6.1f}" for k in ("precision", "recall", "f1")) for m in _METRICS]
            click.echo(
                f"{split:<7}{system:<12}" + "".join(f"{c:>22}" for c in cells) + f"{row['conll_f1'] * 100:10.1f}"
            )
