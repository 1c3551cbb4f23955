"""Dask speed-up: the same ingest on a local cluster of 1 and of 2 worker processes.

Workers load the model before the clock starts (a one-off cost a long run does not notice), so
the numbers compare analysis throughput, not start-up.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from newsgraph import api
from newsgraph.scale.dask import PipelineSpec, analyse_batch, dask_runner

__all__ = ["ScalingReport", "measure_scaling"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ScalingReport:
    articles: int
    seconds_1_worker: float
    seconds_2_workers: float

    @property
    def speedup(self) -> float:
        return self.seconds_1_worker / self.seconds_2_workers

    def to_json(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "seconds_1_worker": round(self.seconds_1_worker, 2),
            "seconds_2_workers": round(self.seconds_2_workers, 2),
            "speedup_2_workers": round(self.speedup, 3),
        }

    def table(self) -> str:
        return "\n".join(
            [
                f"articles             {self.articles:>10,}",
                f"1 worker (s)         {self.seconds_1_worker:>10,.2f}",
                f"2 workers (s)        {self.seconds_2_workers:>10,.2f}",
                f"speed-up             {self.speedup:>10.2f}x",
            ]
        )


def measure_scaling(corpus: Path, *, model: str | None = None, batch_size: int = 4) -> ScalingReport:
    spec = PipelineSpec(model=model, batch_size=batch_size)
    seconds: list[float] = []
    articles = 0
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as folder:
        for workers in (1, 2):
            with dask_runner(workers=workers, spec=spec) as runner:
                runner.client.run(analyse_batch, spec, [])  # every worker builds its pipeline now
                started = time.perf_counter()
                summary = api.ingest([str(corpus)], db=str(Path(folder) / f"{workers}.db"), pipeline=runner)
                seconds.append(time.perf_counter() - started)
                articles = summary.stored
    return ScalingReport(articles=articles, seconds_1_worker=seconds[0], seconds_2_workers=seconds[1])
