"""``newsgraph eval coref``: MUC and B³ on our offset-annotated coreference gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from newsgraph.api import build_pipeline, extract
from newsgraph.cli.options import fail, json_option, model_option
from newsgraph.errors import NewsgraphError
from newsgraph.eval.coref import CorefScore, gold_chains, read_gold, response_chains
from newsgraph.model import Analysis


@click.command("coref")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@model_option
@json_option()
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder the gold files' `source` paths are relative to.",
)
def command(gold: Path, model: str | None, as_json: bool, root: Path) -> None:
    """Score coreference (MUC and B³ P/R/F1) against gold chains: a gold file or a folder of them
    (tests/data/coref/README.md describes the format).

    \b
    Example:
      newsgraph eval coref tests/data/coref/
    """
    try:
        documents = read_gold(gold)
        pipeline = build_pipeline(model=model, on_error="raise")
    except NewsgraphError as error:
        fail(error)
    except (ValueError, KeyError) as error:
        fail(f"{gold}: not a coreference gold file or folder ({error!r}); see tests/data/coref/README.md")
    total = CorefScore()
    per_document: list[dict[str, Any]] = []
    for document in documents:
        source = root / document.source
        analysis = next(
            (
                r
                for r in extract([str(source)], pipeline=pipeline)
                if isinstance(r, Analysis) and r.document.id == document.document_id
            ),
            None,
        )
        if analysis is None:
            fail(f"{document.path}: document {document.document_id} is not in {source}")
        for span, text in document.texts.items():
            if analysis.document.text[span[0] : span[1]] != text:
                fail(f"{document.path}: mention {span} is {text!r} in the gold but not in {source}")
        response = response_chains([(m.span.start, m.span.end, m.entity_id, m.members) for m in analysis.mentions])
        one = CorefScore()
        one.add(gold_chains(document), response)
        total.add(gold_chains(document), response)
        per_document.append({"gold": document.path.name, **one.as_dict()})
    report = {"gold": str(gold), **total.as_dict(), "per_document": per_document}
    if as_json:
        click.echo(json.dumps(report))
        return
    click.echo(f"{gold}: {total.documents} documents, {total.gold_mentions} gold mentions")
    click.echo(f"{'document':<46}{'MUC P/R/F1':>22}{'B3 P/R/F1':>22}")
    for row in [*per_document, {"gold": "overall (micro)", **total.as_dict()}]:
        cells = [" ".join(f"{row[m][k] * 100:6.1f}" for k in ("precision", "recall", "f1")) for m in ("muc", "b3")]
        click.echo(f"{row['gold'][:45]:<46}{cells[0]:>22}{cells[1]:>22}")
