"""Peak memory of an ingest, at 1x and 10x the corpus: streaming means it must not grow.

Each run is a fresh ``python -m newsgraph ingest`` process into a new SQLite file; its peak
resident set size comes from the kernel (``wait4``'s rusage), so nothing is sampled or missed.
The 10x corpus repeats every article ten times with a one-line change to each copy, so none is
a duplicate and every copy is analysed and stored.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from newsgraph.ingest.inputs import read_all
from newsgraph.model import Document

__all__ = ["MemoryReport", "measure_memory", "replicate"]


@dataclass(frozen=True, slots=True, kw_only=True)
class MemoryReport:
    articles_1x: int
    peak_rss_mb_1x: float
    peak_rss_mb_10x: float

    @property
    def growth(self) -> float:
        """How much more the 10x run needed, as a fraction of the 1x run (0.0 = flat)."""
        return self.peak_rss_mb_10x / self.peak_rss_mb_1x - 1

    def to_json(self) -> dict[str, object]:
        return {
            "articles_1x": self.articles_1x,
            "peak_rss_mb_1x": round(self.peak_rss_mb_1x, 1),
            "peak_rss_mb_10x": round(self.peak_rss_mb_10x, 1),
            "growth": round(self.growth, 3),
        }

    def table(self) -> str:
        return "\n".join(
            [
                f"articles (1x)        {self.articles_1x:>10,}",
                f"peak RSS 1x (MB)     {self.peak_rss_mb_1x:>10,.1f}",
                f"peak RSS 10x (MB)    {self.peak_rss_mb_10x:>10,.1f}",
                f"growth 1x -> 10x     {self.growth:>10.1%}",
            ]
        )


def replicate(corpus: Path, factor: int, out: Path) -> int:
    """Write ``factor`` distinct copies of every document of ``corpus`` to ``out`` (JSONL)."""
    count = 0
    with out.open("w", encoding="utf-8") as sink:
        for copy in range(factor):
            for item in read_all([str(corpus)]):
                if not isinstance(item, Document):
                    continue
                text = item.text if copy == 0 else f"{item.text}\n\n(Copy {copy} of this article.)"
                url = item.url if copy == 0 or item.url is None else f"{item.url}#copy-{copy}"
                record = {"url": url, "title": item.title, "published": item.published, "text": text}
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    return count


def peak_rss_mb(command: list[str]) -> float:
    """Run ``command``; its peak resident set size in MB (raises if it fails)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}): {error[-2000:]}")
    return usage.ru_maxrss / 1024  # Linux reports kilobytes


def measure_memory(corpus: Path, *, factor: int = 10) -> MemoryReport:
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as folder:
        base = Path(folder)
        peaks = []
        articles = 0
        for times in (1, factor):
            replicated = base / f"corpus-{times}x.jsonl"
            written = replicate(corpus, times, replicated)
            articles = articles or written
            db = base / f"bench-{times}x.db"
            peaks.append(peak_rss_mb([sys.executable, "-m", "newsgraph", "ingest", str(replicated), "--db", str(db)]))
    return MemoryReport(articles_1x=articles, peak_rss_mb_1x=peaks[0], peak_rss_mb_10x=peaks[1])
