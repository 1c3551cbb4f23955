"""``newsgraph bench``: throughput, memory and Dask benchmarks over a corpus, and web page
latency over a store (numbers, not pass/fail)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import click

from newsgraph.bench.memory import measure_memory
from newsgraph.bench.query import build_store, measure_query
from newsgraph.bench.scaling import measure_scaling
from newsgraph.bench.throughput import measure_throughput
from newsgraph.bench.web import measure_web
from newsgraph.cli.options import json_option


class _Report(Protocol):
    def to_json(self) -> dict[str, object]: ...

    def table(self) -> str: ...


BENCHMARKS: dict[str, Callable[[Path], _Report]] = {
    "throughput": measure_throughput,
    "memory": measure_memory,
    "dask": measure_scaling,
}


@click.command("bench")
@click.argument("benchmark", type=click.Choice([*sorted(BENCHMARKS), "query", "web"]))
@click.option(
    "--corpus",
    type=click.Path(exists=True, path_type=Path),
    help="Articles to run on (any input newsgraph reads), e.g. the Wikinews JSONL. Not for query.",
)
@click.option("--db", metavar="PATH", help="query, web: the store to measure (query: built first with --build-from).")
@click.option("--build-from", metavar="PATH", help="query: first fill the new store --db by replicating this one.")
@click.option("--documents", default=50_000, show_default=True, help="query: documents to build with --build-from.")
@json_option()
def command(
    benchmark: str, corpus: Path | None, db: str | None, build_from: str | None, documents: int, as_json: bool
) -> None:
    """Measure throughput (pipeline vs raw spaCy), peak memory (1x vs 10x corpus), the Dask
    speed-up (2 workers vs 1), query latency (entity timeline and network p95 on a big
    store), or web page latency (entity and search page p95, through the whole app). Each
    takes minutes on a real corpus; see benchmarks/README.md.

    \b
    Example:
      newsgraph bench throughput --corpus ../shared/data/wikinews-2019-2020/articles.jsonl --json
      newsgraph bench query --build-from wiki.db --db query-50k.db --json
      newsgraph bench web --db wiki.db --json
    """
    if benchmark == "query":
        if db is None:
            raise click.UsageError("bench query needs --db STORE (with --build-from WIKI.db to build it first)")
        seconds = build_store(build_from, db, documents) if build_from else None
        report: _Report = measure_query(db, build_seconds=seconds)
    elif benchmark == "web":
        if db is None:
            raise click.UsageError("bench web needs --db STORE (e.g. a store ingested from the Wikinews JSONL)")
        report = measure_web(db)
    elif corpus is None:
        raise click.UsageError(f"bench {benchmark} needs --corpus PATH (e.g. the Wikinews JSONL)")
    else:
        report = BENCHMARKS[benchmark](corpus)
    click.echo(json.dumps(report.to_json()) if as_json else report.table())
