#!/usr/bin/env python3
"""Fast scoring loop for the event stage on our gold set (development only).

    python scripts/event_dev.py score [--split dev] [--errors FILE] [--min-confidence X]

Parses each gold article once and caches the spaCy docs under the work folder, then runs the
fact stages on the cached parses: a change to the event stage is scored in seconds. Scores the
train and dev splits only; the test split is refused unless --final is given (it is scored once,
at the end, with `newsgraph eval events --split test`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.api import build_pipeline  # noqa: E402
from newsgraph.eval.event_gold import corpus_documents, read_gold  # noqa: E402
from newsgraph.eval.event_scoring import EventScore, predicted_events  # noqa: E402
from newsgraph.model import Analysis  # noqa: E402

WORK = Path("/work/gold-work")
GOLD = ROOT / "gold" / "wikinews-events.jsonl"
DATA = ROOT.parent / "shared" / "data"


def parsed(pipeline, articles, documents, cache: Path):  # type: ignore[no-untyped-def]
    from spacy.tokens import DocBin

    cache.mkdir(parents=True, exist_ok=True)
    docs = {}
    todo = []
    for article in articles:
        path = cache / (hashlib.sha1(article.url.encode()).hexdigest()[:16] + ".spacy")
        if path.exists() and path.with_suffix(".npy").exists():
            doc = next(iter(DocBin().from_disk(path).get_docs(pipeline.nlp.vocab)))
            # DocBin keeps no tensor: the tok2vec output is cached beside it.
            doc.tensor = np.load(path.with_suffix(".npy"))
            docs[article.url] = doc
        else:
            todo.append((article, path))
    texts = [documents[a.url].text for a, _ in todo]
    for (article, path), doc in zip(todo, pipeline.nlp.pipe(texts), strict=True):
        bin_ = DocBin(store_user_data=True)
        bin_.add(doc)
        bin_.to_disk(path)
        np.save(path.with_suffix(".npy"), doc.tensor)
        docs[article.url] = doc
    return docs


def analyses(splits: tuple[str, ...]):  # type: ignore[no-untyped-def]
    articles = read_gold(GOLD, splits)
    documents = corpus_documents(articles, DATA)
    pipeline = build_pipeline(on_error="raise")
    docs = parsed(pipeline, articles, documents, WORK / "cache")
    for article in articles:
        document = documents[article.url]
        result = pipeline.apply(document, docs[article.url])
        assert isinstance(result, Analysis)
        yield article, document, result


def score(args: argparse.Namespace) -> None:
    if "test" in args.split and not args.final:
        sys.exit("the test split is scored once, at the end (--final)")
    result = EventScore()
    for article, document, analysis in analyses(tuple(args.split)):
        result.add(article, document.text, predicted_events(analysis, args.min_confidence), keep_errors=True)
    report = result.report()
    from newsgraph.cli.eval_event_gold import table

    report.update(
        {
            "gold": str(GOLD),
            "splits": args.split,
            "articles": "-",
            "min_confidence": args.min_confidence,
            "seconds": "-",
        }
    )
    print(table(report))
    if args.errors:
        Path(args.errors).write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in result.errors), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("score")
    p.add_argument("--split", action="append", choices=("train", "dev", "test"))
    p.add_argument("--errors")
    p.add_argument("--min-confidence", type=float, default=None)
    p.add_argument("--final", action="store_true")
    p.set_defaults(run=score)
    args = parser.parse_args()
    args.split = args.split or ["dev"]
    args.run(args)


if __name__ == "__main__":
    main()
