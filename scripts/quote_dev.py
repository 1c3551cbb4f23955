#!/usr/bin/env python3
"""Fast scoring loop for the quote stage on PolNeAR train or dev (development only).

    python scripts/quote_dev.py score train [--errors FILE] [--limit N]

Parses each article once and caches the spaCy doc and the facts the stages before the quote
stage found (mentions, entities, time expressions) under the work folder, then runs only the
quote stage on the cached parses: a change to the quote stage is scored in seconds instead of
minutes. Scores the same way as `newsgraph eval quotes` (which stays the number to report).
The PolNeAR test split is not in ../shared and is never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.api import build_pipeline  # noqa: E402
from newsgraph.eval.polnear import Score, from_quotes, mention_entities, read_corpus, tokens  # noqa: E402
from newsgraph.model import Analysis, Document  # noqa: E402
from newsgraph.pipeline.stage import StageContext  # noqa: E402
from newsgraph.stages.quotes import QuoteStage  # noqa: E402

WORK = Path("/tmp/quote-dev")
DATA = ROOT.parent / "shared" / "data" / "polnear"


def cached(split: str, limit: int | None):  # type: ignore[no-untyped-def]
    from spacy.tokens import DocBin

    articles = read_corpus(DATA / split)[:limit]
    pipeline = build_pipeline(on_error="raise")
    before = [s for s in pipeline.stages if s.name != "quotes" and s.name != "events"]
    cache = WORK / split
    cache.mkdir(parents=True, exist_ok=True)
    for article in articles:
        key = cache / hashlib.sha1(article.text.encode()).hexdigest()[:16]
        document = Document.create(text=article.text, origin=article.name)
        if key.with_suffix(".spacy").exists():
            doc = next(DocBin().from_disk(key.with_suffix(".spacy")).get_docs(pipeline.nlp.vocab))
            analysis = pickle.loads(key.with_suffix(".pkl").read_bytes())
        else:
            doc = pipeline.nlp(article.text)
            analysis = Analysis(document=document)
            for stage in before:
                context = StageContext(
                    analysis=analysis, doc=doc, stage=stage.name, version=stage.version, model=pipeline.model
                )
                analysis = stage(context)
            bin_ = DocBin(store_user_data=True)
            bin_.add(doc)
            bin_.to_disk(key.with_suffix(".spacy"))
            key.with_suffix(".pkl").write_bytes(pickle.dumps(analysis))
        yield article, doc, analysis, pipeline.model


def score(args: argparse.Namespace) -> None:
    stage = QuoteStage()
    result = Score()
    errors = []
    for article, doc, analysis, model in cached(args.split, args.limit):
        context = StageContext(analysis=analysis, doc=doc, stage=stage.name, version=stage.version, model=model)
        quotes = stage(context).quotes
        predicted = from_quotes(article.text, quotes)
        result.add(article.text, article.gold, predicted, mention_entities(analysis.mentions))
        if args.errors:
            errors.extend(_errors(article, predicted))
    report = result.as_dict()
    for kind in ("overall", "direct", "indirect"):
        row = report["content"][kind]
        overlap, exact = row["token_overlap"], row["exact"]
        print(
            f"{kind:<9} overlap P/R/F1 {overlap['precision']:.3f} {overlap['recall']:.3f} {overlap['f1']:.3f}"
            f"   exact F1 {exact['f1']:.3f}   gold {row['gold']} predicted {row['predicted']}"
        )
    print(
        f"source {report['source_accuracy']:.3f} (lenient {report['source_accuracy_lenient']:.3f})"
        f"  cue {report['cue_accuracy']:.3f}"
    )
    if args.errors:
        Path(args.errors).write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), "utf-8")


def _errors(article, predicted):  # type: ignore[no-untyped-def]
    """Per gold attribution: its words and the best-overlapping prediction's, for reading."""
    text = article.text
    words = lambda segs: " ".join(text[s:e] for s, e in segs)  # noqa: E731
    out = []
    used = set()
    for gold in article.gold:
        g = tokens(text, gold.content)
        best = max(predicted, key=lambda p: len(g & tokens(text, p.content)), default=None)
        shared = 0 if best is None else len(g & tokens(text, best.content))
        if best is not None and shared:
            used.add(id(best))
        row = {
            "doc": article.name,
            "kind": gold.kind,
            "gold": words(gold.content),
            "cue": words(gold.cue),
            "source": words(gold.source),
        }
        if best is not None and shared:
            row.update(
                pred=words(best.content),
                pred_cue=words(best.cue),
                pred_source=words(best.source),
                exact=g == tokens(text, best.content),
            )
        sentence_start = text.rfind("\n", 0, gold.content[0][0]) + 1
        sentence_end = text.find("\n", gold.content[-1][1])
        row["para"] = text[sentence_start : sentence_end if sentence_end > 0 else len(text)]
        out.append(row)
    for p in predicted:
        if id(p) not in used:
            out.append(
                {
                    "doc": article.name,
                    "spurious": words(p.content),
                    "pred_cue": words(p.cue),
                    "pred_source": words(p.source),
                    "kind": p.kind,
                }
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("score")
    p.add_argument("split", choices=("train", "dev"))
    p.add_argument("--errors")
    p.add_argument("--limit", type=int)
    p.set_defaults(run=score)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
