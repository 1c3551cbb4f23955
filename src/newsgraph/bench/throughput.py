"""Throughput: the whole pipeline (read to stored facts) beside the raw spaCy model.

Both run in one process, over the same texts, in the same run, after the same warm-up, so
the ratio says what newsgraph adds on top of the model it cannot do without. The pipeline side
is a real ingest into a fresh SQLite file; its time is split into reading, the model, each
stage and storing.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph import api
from newsgraph.ingest.inputs import read_all
from newsgraph.model import Document
from newsgraph.pipeline.runner import SPACY_TIMING

__all__ = ["ThroughputReport", "measure_throughput"]

# Documents run through both sides first, untimed: lazy initialisation is not throughput.
WARM_UP_DOCUMENTS = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class ThroughputReport:
    articles: int
    words: int
    pipeline_seconds: float
    spacy_seconds: float
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def pipeline_words_per_s(self) -> float:
        return self.words / self.pipeline_seconds

    @property
    def spacy_words_per_s(self) -> float:
        return self.words / self.spacy_seconds

    @property
    def ratio(self) -> float:
        """Pipeline throughput as a fraction of the raw model's (1.0 = no overhead at all)."""
        return self.pipeline_words_per_s / self.spacy_words_per_s

    def to_json(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "words": self.words,
            "pipeline_words_per_s": round(self.pipeline_words_per_s, 1),
            "pipeline_articles_per_s": round(self.articles / self.pipeline_seconds, 2),
            "spacy_words_per_s": round(self.spacy_words_per_s, 1),
            "ratio": round(self.ratio, 3),
            "pipeline_seconds": round(self.pipeline_seconds, 2),
            "spacy_seconds": round(self.spacy_seconds, 2),
            "stages": {name: round(seconds, 3) for name, seconds in self.stages.items()},
        }

    def table(self) -> str:
        rows = [
            ("articles", f"{self.articles:,}"),
            ("words", f"{self.words:,}"),
            ("pipeline words/s", f"{self.pipeline_words_per_s:,.0f}"),
            ("pipeline articles/s", f"{self.articles / self.pipeline_seconds:,.2f}"),
            ("spaCy nlp.pipe words/s", f"{self.spacy_words_per_s:,.0f}"),
            ("ratio (pipeline / spaCy)", f"{self.ratio:.3f}"),
            *((f"  {name} s", f"{seconds:,.2f} ({seconds / self.pipeline_seconds:.1%})")
              for name, seconds in self.stages.items()),
        ]  # fmt: skip
        width = max(len(name) for name, _ in rows)
        return "\n".join(f"{name:<{width}}  {value:>20}" for name, value in rows)


def measure_throughput(corpus: Path, *, model: str | None = None, batch_size: int = 16) -> ThroughputReport:
    """Ingest ``corpus`` into a new SQLite file and run ``nlp.pipe`` over the same texts."""
    documents = [item for item in read_all([str(corpus)]) if isinstance(item, Document)]
    if not documents:
        raise ValueError(f"{corpus}: no documents to measure")
    pipeline = api.build_pipeline(model=model, batch_size=batch_size)
    warm = documents[:WARM_UP_DOCUMENTS]
    list(pipeline.run(warm))
    list(pipeline.nlp.pipe((d.text for d in warm), batch_size=batch_size))

    texts = [d.text for d in documents]
    started = time.perf_counter()
    for _ in pipeline.nlp.pipe(texts, batch_size=batch_size):
        pass
    spacy_seconds = time.perf_counter() - started

    pipeline.timings.seconds.clear()
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as folder:
        started = time.perf_counter()
        summary = api.ingest([str(corpus)], db=str(Path(folder) / "bench.db"), pipeline=pipeline)
        pipeline_seconds = time.perf_counter() - started
    stages = {SPACY_TIMING: pipeline.timings.seconds.get(SPACY_TIMING, 0.0)}
    stages.update((s.name, pipeline.timings.seconds.get(s.name, 0.0)) for s in pipeline.stages)
    # What is not the model or a stage: reading, deduplication and writing to the store.
    stages["read+store"] = max(0.0, pipeline_seconds - sum(stages.values()))
    return ThroughputReport(
        articles=summary.stored,
        words=sum(len(t.split()) for t in texts),
        pipeline_seconds=pipeline_seconds,
        spacy_seconds=spacy_seconds,
        stages=stages,
    )
