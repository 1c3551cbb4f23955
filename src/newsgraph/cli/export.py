"""``newsgraph export``: write a store's records, its GDELT-style event table or its actor
network to a file (or stdout) in a standard format. Thin over :mod:`newsgraph.export`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

import click

from newsgraph.cli.options import db_option, fail, warn
from newsgraph.errors import ConfigError, NewsgraphError
from newsgraph.export import gdelt
from newsgraph.export.graph import graph_format, write_graph
from newsgraph.export.records import FILTERED_KINDS, RECORD_KINDS, iter_records
from newsgraph.export.tables import RECORD_CLASSES, columns, flat_row, write_csv
from newsgraph.query import Filters, QueryError, network

KINDS = (*RECORD_KINDS, "gdelt", "network")
#: The kinds --min-confidence and --background apply to: every export of events.
EVENT_KINDS = (*FILTERED_KINDS, "gdelt", "network")


@contextmanager
def _output(out: str) -> Iterator[TextIO]:
    if out == "-":
        yield sys.stdout
        return
    with open(out, "w", encoding="utf-8", newline="") as handle:
        yield handle


@click.command("export")
@click.argument("kind", type=click.Choice(KINDS))
@db_option
@click.option("--out", default="-", show_default=True, metavar="PATH", help="File to write; - for stdout.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "graphml", "gexf"]),
    help="jsonl or csv for records (default jsonl) and gdelt (default csv); graphml or gexf for network.",
)
@click.option("--since", metavar="DATE", help="gdelt and network: from this date, inclusive.")
@click.option("--until", metavar="DATE", help="gdelt and network: up to this date, inclusive.")
@click.option(
    "--min-confidence",
    "min_confidence",
    type=float,
    metavar="X",
    help="events, merged_events, gdelt, network: only events the classifier is at least X sure of, "
    "0 to 1 (default: the shipped threshold; 0 exports all).",
)
@click.option("--background", is_flag=True, help="events, merged_events, gdelt, network: include background events.")
def command(
    kind: str,
    db: str,
    out: str,
    fmt: str | None,
    since: str | None,
    until: str | None,
    min_confidence: float | None,
    background: bool,
) -> None:
    """Write every record of KIND: documents, entities, mentions, time_expressions, quotes,
    events, stories, merged_events, near_duplicates (JSON lines or CSV); gdelt (one row per
    merged event, GDELT-style columns); network (GraphML or GEXF for Gephi). Events (in events,
    merged_events, gdelt and network) are those at or above the shipped confidence threshold,
    background events left out, unless --min-confidence and --background say otherwise.

    \b
    Example:
      newsgraph export events --db news.db --out events.jsonl
      newsgraph export gdelt --db news.db --since 2019-01-01 --out events.csv
      newsgraph export network --db news.db --since 2019-01-01 --until 2019-12-31 --out actors.gexf
      newsgraph export events --db news.db --min-confidence 0 --background --out all-events.jsonl
    """
    from newsgraph.store import open_store

    try:
        filters = Filters(since=since, until=until, min_confidence=min_confidence, background=background)
        if (since or until) and kind in RECORD_KINDS:
            raise QueryError(f"--since/--until apply to gdelt and network, not to {kind}; leave them out")
        if (min_confidence is not None or background) and kind not in EVENT_KINDS:
            raise QueryError(
                f"--min-confidence/--background apply to {', '.join(EVENT_KINDS)}, not to {kind}; leave them out"
            )
        with open_store(db, create=False) as store:
            if kind == "network":
                if out == "-":
                    raise ConfigError("network needs a file: pass --out actors.graphml (or .gexf)")
                graph = network(store, filters)
                write_graph(graph, out, graph_format(out, fmt))
                warn(f"wrote {len(graph.nodes)} nodes and {len(graph.edges)} edges to {out}")
                return
            chosen = fmt or ("csv" if kind == "gdelt" else "jsonl")
            if chosen not in ("jsonl", "csv"):
                raise QueryError(f"{kind} is written as jsonl or csv, not {chosen}")
            with _output(out) as handle:
                n = _write(store, kind, chosen, filters, handle)
            if out != "-":
                warn(f"wrote {n} {kind} rows to {out}")
    except QueryError as error:
        fail(error, code=2)
    except NewsgraphError as error:
        fail(error)


def _write(store: Any, kind: str, fmt: str, filters: Filters, handle: TextIO) -> int:
    if kind == "gdelt":
        table = gdelt.gdelt_table(store, filters)
        if table.fallback:
            warn("no merged events in this store (linking has not run): one row per event mention instead")
        rows: Iterator[dict[str, Any]] = table.rows
        header: tuple[str, ...] = gdelt.COLUMNS
    else:
        header = columns(RECORD_CLASSES[kind])
        rows = iter_records(store, kind, filters if kind in FILTERED_KINDS else Filters())
        if fmt == "csv":
            rows = (flat_row(record, header) for record in rows)
    if fmt == "csv":
        return write_csv(handle, header, rows)
    n = 0
    for row in rows:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n
