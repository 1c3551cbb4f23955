"""``newsgraph bench``: throughput, memory and Dask benchmarks (numbers, not pass/fail)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import click

from newsgraph.bench.memory import measure_memory
from newsgraph.bench.scaling import measure_scaling
from newsgraph.bench.throughput import measure_throughput


class _Report(Protocol):
    def to_json(self) -> dict[str, object]: ...

    def table(self) -> str: ...


BENCHMARKS: dict[str, Callable[[Path], _Report]] = {
    "throughput": measure_throughput,
    "memory": measure_memory,
    "dask": measure_scaling,
}


@click.command("bench")
@click.argument("benchmark", type=click.Choice(sorted(BENCHMARKS)))
@click.option(
    "--corpus",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="Articles to run on (any input newsgraph reads), e.g. the Wikinews JSONL.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
def command(benchmark: str, corpus: Path, as_json: bool) -> None:
    """Measure throughput (pipeline vs raw spaCy), peak memory (1x vs 10x corpus) or the Dask
    speed-up (2 workers vs 1). Each takes minutes on a real corpus; see benchmarks/README.md.

    \b
    Example:
      newsgraph bench throughput --corpus ../shared/data/wikinews-2019-2020/articles.jsonl --json
    """
    report = BENCHMARKS[benchmark](corpus)
    click.echo(json.dumps(report.to_json()) if as_json else report.table())
