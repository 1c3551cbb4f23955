"""``newsgraph eval ner``: CoNLL-2003 entity-level P/R/F1, our mentions beside the model's own.

Each CoNLL document is parsed once; the spaCy model's entities (the baseline) and the mentions
after our stages are read from that one parse and scored side by side.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from newsgraph.api import build_pipeline
from newsgraph.cli.options import fail, json_option, limit_option, model_option
from newsgraph.errors import NewsgraphError
from newsgraph.eval.conll import LABEL_MAP, Chunk, chunks, iter_lines, read_conll, score, to_tags, token_chunks
from newsgraph.model import Analysis, Document

SYSTEMS = ("newsgraph", "model")


@click.command("ner")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@model_option
@json_option()
@click.option(
    "--write-predictions",
    "predictions",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the gold file with two columns added: the model's tag, then newsgraph's (IOB2).",
)
@limit_option("documents")
def command(gold: Path, model: str | None, as_json: bool, predictions: Path | None, limit: int | None) -> None:
    """Score named-entity mentions against CoNLL-2003 data (exact entity match, micro and
    per-type P/R/F1), newsgraph's mentions beside the spaCy model alone (the baseline).

    OntoNotes labels map to CoNLL types: PERSON -> PER; ORG -> ORG; GPE, LOC, FAC -> LOC;
    NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE -> MISC.

    \b
    Example:
      newsgraph eval ner ../shared/data/conll2003/eng.testa
      newsgraph eval ner eng.testa --json --write-predictions predicted.txt
    """
    try:
        documents = read_conll(gold)[:limit]
        pipeline = build_pipeline(model=model, stages=None, on_error="raise")
    except NewsgraphError as error:
        fail(error)
    except ValueError as error:
        fail(str(error))
    started = time.perf_counter()
    pairs: dict[str, list[tuple[set[Chunk], set[Chunk]]]] = {name: [] for name in SYSTEMS}
    lines: list[str] = []
    texts = [conll.text() for conll in documents]
    parsed = pipeline.nlp.pipe((text for text, _ in texts), batch_size=pipeline.batch_size)
    for conll, (text, starts), doc in zip(documents, texts, parsed, strict=True):
        gold_chunks = chunks(conll.tags)
        baseline = [(e.start_char, e.end_char, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP]
        result = pipeline.apply(Document.create(text=text), doc)
        ours = []
        if isinstance(result, Analysis):
            ours = [(m.span.start, m.span.end, LABEL_MAP[m.label]) for m in result.mentions if m.label in LABEL_MAP]
        found = {
            "model": token_chunks(baseline, starts, len(text)),
            "newsgraph": token_chunks(ours, starts, len(text)),
        }
        for name in SYSTEMS:
            pairs[name].append((gold_chunks, found[name]))
        if predictions is not None:
            size = len(starts)
            lines.append("-DOCSTART- -X- -X- O O O\n")
            lines.extend(iter_lines(conll, to_tags(found["model"], size), to_tags(found["newsgraph"], size)))
    seconds = time.perf_counter() - started
    if predictions is not None:
        predictions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report: dict[str, Any] = {
        "gold": str(gold),
        "documents": len(documents),
        "seconds": round(seconds, 1),
        "label_map": LABEL_MAP,
        **{name: score(pairs[name]).as_dict() for name in SYSTEMS},
    }
    if as_json:
        click.echo(json.dumps(report))
        return
    click.echo(f"{gold}: {len(documents)} documents, {seconds:.1f}s (exact entity match)")
    click.echo(f"{'type':<8}{'newsgraph P/R/F1':>26}{'model alone P/R/F1':>28}")
    for kind in ("overall", "PER", "ORG", "LOC", "MISC"):
        cells = []
        for name in SYSTEMS:
            row = report[name][kind]
            cells.append(f"{row['precision'] * 100:6.2f} {row['recall'] * 100:6.2f} {row['f1'] * 100:6.2f}")
        click.echo(f"{kind:<8}{cells[0]:>26}{cells[1]:>28}")
