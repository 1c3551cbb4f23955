#!/usr/bin/env python3
"""How many quotes have a speaker, on a corpus (development measure; no gold needed).

    python scripts/quote_speakers.py ../shared/data/wikinews-2019-2020/articles.jsonl [--quotes FILE]

Runs the pipeline up to the quote stage through the Python API (the event stage does not change
quotes) and prints the share of quotes with a speaker phrase and with a speaker entity, overall
and by kind. ``--quotes FILE`` writes every quote as a JSON line (document, offsets, kind, text,
cue, speaker, speaker entity name) so two runs can be compared: ``--compare OLD`` prints the
quotes that gained a speaker since the run that wrote OLD.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# NEWSGRAPH_SRC measures another checkout's code (the "before" of a change) with this script.
sys.path.insert(0, os.environ.get("NEWSGRAPH_SRC", str(ROOT / "src")))

from newsgraph.api import build_pipeline, extract  # noqa: E402
from newsgraph.model import Analysis  # noqa: E402
from newsgraph.pipeline.registry import DEFAULT_STAGES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--quotes", help="write the quotes as JSON lines")
    parser.add_argument("--compare", help="a --quotes file of an earlier run: list quotes that gained a speaker")
    args = parser.parse_args()
    stages = [name for name in DEFAULT_STAGES if "events" not in name]
    pipeline = build_pipeline(stages=stages, on_error="reject")
    rows = []
    for result in extract([args.corpus], pipeline=pipeline):
        if not isinstance(result, Analysis):
            continue
        text = result.document.text
        names = {e.id: e.name for e in result.entities}
        for q in result.quotes:
            rows.append({
                "document": result.document.url or result.document.id,
                "start": q.span.start, "end": q.span.end, "kind": q.kind,
                "text": text[q.span.start : q.span.end],
                "cue": q.cue_lemma,
                "speaker": None if q.speaker is None else text[q.speaker.start : q.speaker.end],
                "entity": names.get(q.speaker_entity_id or ""),
                "negated": getattr(q, "negated", False),
            })  # fmt: skip
    total = Counter(r["kind"] for r in rows)
    spoken = Counter(r["kind"] for r in rows if r["speaker"])
    resolved = Counter(r["kind"] for r in rows if r["entity"])
    print(
        f"{len(rows)} quotes: with a speaker {sum(spoken.values()) / max(len(rows), 1):.3f}, "
        f"with a speaker entity {sum(resolved.values()) / max(len(rows), 1):.3f}"
    )
    for kind in sorted(total):
        print(
            f"  {kind:<9} {total[kind]:5d}  speaker {spoken[kind] / total[kind]:.3f}  "
            f"entity {resolved[kind] / total[kind]:.3f}"
        )
    if args.quotes:
        Path(args.quotes).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    if args.compare:
        before = {}
        for line in Path(args.compare).read_text("utf-8").splitlines():
            r = json.loads(line)
            before[r["document"], r["start"], r["end"]] = r
        for r in rows:
            old = before.get((r["document"], r["start"], r["end"]))
            if r["speaker"] and (old is None or not old["speaker"]):
                print(
                    json.dumps(
                        {k: r[k] for k in ("document", "kind", "cue", "speaker", "entity", "text")}, ensure_ascii=False
                    )
                )


if __name__ == "__main__":
    main()
