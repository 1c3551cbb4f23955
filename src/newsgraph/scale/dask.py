"""The Dask runner: the same pipeline, on many cores or machines.

Reading, deduplication and storing stay in the calling process (they are cheap and keep one
writer per run); the analysis, where the time goes, runs on Dask workers in batches. Each worker
process builds the pipeline once (loading the spaCy model once) and reuses it for every batch it
is given. At most ``max_in_flight`` batches are out at a time, so memory stays flat however large
the input, and results stream back to the store batch by batch, in input order.

The runner has the sequential :class:`~newsgraph.pipeline.runner.Pipeline`'s interface
(``batch_size``, ``run``, ``timings``), and because stages are pure and ids content-derived, both
give the same facts with the same ids (tested on the Wikinews corpus). No stage imports Dask.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.model import Analysis, Document, Rejection
from newsgraph.pipeline.runner import Pipeline, Timings

__all__ = ["LOCAL_CLUSTER_CONFIG", "WORKER_ENVIRONMENT", "DaskRunner", "PipelineSpec", "analyse_batch", "dask_runner"]


@dataclass(frozen=True, slots=True, kw_only=True)
class PipelineSpec:
    """What a worker needs to build the pipeline: plain names, cheap to send."""

    model: str | None = None
    stages: tuple[str, ...] | None = None
    batch_size: int = 16


#: Set in every local worker process. Dask's nanny sets ``MALLOC_TRIM_THRESHOLD_`` (to give
#: memory back to the OS), and setting any malloc tunable turns off glibc's dynamic mmap
#: threshold: every allocation over 128 KiB then becomes a fresh mmap, which made the pipeline
#: 15% slower on a worker than in a plain process (52.7 s against 45.6 s on the Wikinews
#: corpus). A fixed 32 MiB mmap threshold restores plain-process speed (44.6 s) and keeps the
#: trimming. Workers of an existing cluster (``--scheduler``) should be started with it too.
WORKER_ENVIRONMENT: tuple[tuple[str, str], ...] = (("MALLOC_MMAP_THRESHOLD_", str(32 * 1024 * 1024)),)

#: Dask settings for the local cluster. It has no dashboard, so what only feeds a dashboard or a
#: diagnosis is slowed down or off: the statistical profiler samples each worker's stack every
#: 10 ms (holding the GIL the pipeline needs), the event-loop tick is checked every 20 ms and the
#: memory and system monitors poll every 100 and 500 ms, in every worker and in the calling
#: process, which also runs the scheduler and stores the results. On the Wikinews corpus with 2
#: workers these cost about 6% of all CPU time (56.5 s against 52.9 s).
LOCAL_CLUSTER_CONFIG: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.tick.limit": "30s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}

# One pipeline per spec per worker process: the model is loaded once per worker.
_WORKER_PIPELINES: dict[PipelineSpec, Pipeline] = {}


def analyse_batch(spec: PipelineSpec, documents: Sequence[Document]) -> tuple[list[Analysis | Rejection], Timings]:
    """Runs on a worker: analyse one batch; returns the results and the time each stage took."""
    from newsgraph.api import build_pipeline

    pipeline = _WORKER_PIPELINES.get(spec)
    if pipeline is None:
        pipeline = build_pipeline(model=spec.model, stages=spec.stages, batch_size=spec.batch_size)
        _WORKER_PIPELINES[spec] = pipeline
    pipeline.timings = Timings()
    results = list(pipeline.run(documents))
    return results, pipeline.timings


class DaskRunner:
    """Analyse documents on a Dask cluster through ``client`` (a ``distributed.Client``)."""

    def __init__(self, client: Any, spec: PipelineSpec = PipelineSpec(), *, max_in_flight: int | None = None) -> None:
        self.client = client
        self.spec = spec
        self.batch_size = spec.batch_size
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # Four batches per worker: results are handed on in input order, so one slow batch must not
        # leave the other worker idle while it waits.
        self.max_in_flight = max_in_flight or 4 * workers
        self.timings = Timings()

    def run(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection]:
        """One result per document, in input order (batches run in parallel, results are handed
        on in the order they were read: cross-document linking then sees the same corpus order as
        with the sequential runner, so both store the same facts)."""
        pending: deque[Any] = deque()
        stream = iter(documents)
        while batch := list(itertools.islice(stream, self.batch_size)):
            pending.append(self.client.submit(analyse_batch, self.spec, batch, pure=False))
            if len(pending) >= self.max_in_flight:
                yield from self._collect(pending.popleft())
        while pending:
            yield from self._collect(pending.popleft())

    def _collect(self, future: Any) -> list[Analysis | Rejection]:
        results, timings = future.result()
        future.release()
        for name, seconds in timings.seconds.items():
            self.timings.add(name, seconds)
        self.timings.documents += timings.documents
        return list(results)


@contextmanager
def dask_runner(
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    spec: PipelineSpec = PipelineSpec(),
) -> Iterator[DaskRunner]:
    """A runner on a new local cluster of ``workers`` processes, or on the existing cluster at
    ``scheduler`` (``tcp://host:8786``); the local cluster is shut down afterwards."""
    if (workers is None) == (scheduler is None):
        raise ConfigError("give either a number of local workers or a scheduler address, not both or neither")
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a declared dependency
        raise ConfigError(f"the Dask runner needs dask[distributed] ({exc}); pip install 'dask[distributed]'") from exc
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); is it running?") from exc
        with client:
            yield DaskRunner(client, spec)
        return
    assert workers is not None
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    # One single-threaded process per worker: spaCy holds the GIL, so threads would not help.
    # The environment must be in place before a worker process starts (malloc reads it once).
    environment = {f"distributed.nanny.pre-spawn-environ.{name}": value for name, value in WORKER_ENVIRONMENT}
    with (
        dask.config.set({**LOCAL_CLUSTER_CONFIG, **environment}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield DaskRunner(client, spec)
