"""``newsgraph eval stories``: story clustering of ECB+ documents against the gold sub-topics."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsgraph.cli.options import fail, json_option
from newsgraph.eval.cross_document import story_report
from newsgraph.eval.ecbplus import read_corpus

#: The report's rows, the product's path first.
SYSTEMS = ("stories", "one_batch", "tfidf_baseline", "tfidf_baseline_one_batch")


@click.command("stories")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@json_option()
def command(corpus: Path, as_json: bool) -> None:
    """Cluster ECB+ documents into stories from their text alone and score B3 against the gold
    sub-topics (each topic's two real events), for all documents and the train and dev topics.

    The main row, ``stories``, assigns documents one at a time in name order, as linking a store
    does; the next gives B3 F1 mean and min over shuffled orders. ``one_batch`` clusters all
    documents at once (a reference), beside a words-only TF-IDF baseline scored both ways.

    \b
    Example:
      newsgraph eval stories ../shared/data/ecbplus-dev/ECB+
    """
    try:
        documents = read_corpus(corpus)
    except (FileNotFoundError, ValueError, KeyError) as error:
        fail(f"{corpus}: not an ECB+ folder ({error}); see ../shared/data/ecbplus-dev/README.md")
    if not documents:
        fail(f"{corpus}: no ECB+ documents with annotated sentences found")
    report = story_report(documents)
    if as_json:
        click.echo(json.dumps(report))
        return
    click.echo(f"{'split':<7}{'documents':>10}{'gold':>6}  {'system':<25}{'found':>6}{'B3 P/R/F1':>22}")
    for split, part in report.items():
        for system in SYSTEMS:
            row = part[system]
            b3 = " ".join(f"{row['b3'][k] * 100:6.1f}" for k in ("precision", "recall", "f1"))
            click.echo(
                f"{split:<7}{part['documents']:>10}{part['gold_stories']:>6}  {system:<25}{row['found']:>6}{b3:>22}"
            )
            if system == "stories":
                orders = part["random_orders"]
                f1 = f"mean {orders['mean'] * 100:.1f} min {orders['min'] * 100:.1f}"
                click.echo(f"{'':<25}{'  ' + str(len(orders['seeds'])) + ' random orders':<31}{f1:>22}")
