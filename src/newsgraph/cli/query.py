"""``newsgraph query``: ask a store about entities, timelines, the actor network, events,
quotes, documents, stories and merged events. Thin over :mod:`newsgraph.query`.

Lists print a readable table by default, JSON lines with ``--json`` and CSV with ``--csv``;
every JSON row carries ``cursor`` (pass it to ``--after`` to continue). Errors in what was asked
(unknown or ambiguous entity, bad date, unknown type) exit 2 with the fix in the message.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

import click

from newsgraph import query as q
from newsgraph.cli.options import db_option, echo_json, fail, json_option
from newsgraph.errors import NewsgraphError
from newsgraph.export.graph import graph_format, write_graph
from newsgraph.model import to_dict
from newsgraph.query.corpus import DOCUMENT_FILTERS, MERGED_FILTERS, STORY_FILTERS
from newsgraph.query.facts import EVENT_FILTERS, QUOTE_FILTERS
from newsgraph.query.network import NETWORK_FILTERS
from newsgraph.query.profile import PROFILE_FILTERS
from newsgraph.query.timeline import TIMELINE_FILTERS
from newsgraph.store import Store, open_store

F = TypeVar("F", bound=Callable[..., Any])

# A column of the default table: header, width (0 = the rest of the line), field of the flat row.
Column = tuple[str, int, str]


_FILTER_OPTIONS: dict[str, Callable[[F], F]] = {
    "since": click.option("--since", metavar="DATE", help="From this date (YYYY-MM-DD, YYYY-MM or YYYY), inclusive."),
    "until": click.option("--until", metavar="DATE", help="Up to this date, inclusive."),
    "types": click.option("--type", "types", multiple=True, metavar="PLOVER", help="PLOVER event type (repeatable)."),
    "actor": click.option("--actor", metavar="ENTITY", help="Actor: entity id, name or alias."),
    "recipient": click.option("--recipient", metavar="ENTITY", help="Recipient: entity id, name or alias."),
    "entity": click.option("--entity", metavar="ENTITY", help="Entity in any role (the speaker, for quotes)."),
    "country": click.option("--country", metavar="ISO3", help="Country of an actor or recipient (speaker), e.g. RUS."),
    "place": click.option("--place", metavar="ENTITY", help="Place of the event."),
    "source": click.option("--source", metavar="OUTLET", help="Outlet name as stored (case-insensitive)."),
    "story": click.option("--story", metavar="ID", help="Story id."),
    "quote_kinds": click.option(
        "--kind", "quote_kinds", multiple=True, metavar="KIND", help="Quote kind: direct, partial, indirect."
    ),
    "modalities": click.option(
        "--modality",
        "modalities",
        multiple=True,
        metavar="M",
        help="asserted, negated, future, hypothetical, reported.",
    ),
    "text": click.option("--text", metavar="WORDS", help="Words the text must contain."),
    "min_confidence": click.option(
        "--min-confidence",
        "min_confidence",
        type=float,
        metavar="X",
        help="Only events the classifier is at least X sure of, 0 to 1 (default: the shipped threshold; 0 shows all).",
    ),
    "background": click.option(
        "--background", is_flag=True, help="Include background events (history, earlier events an article recalls)."
    ),
}


def _filter_options(supported: tuple[str, ...]) -> Callable[[F], F]:
    """The filter options of a command: exactly the filters its query function applies."""

    def decorate(function: F) -> F:
        for name in reversed([n for n in _FILTER_OPTIONS if n in supported]):
            function = _FILTER_OPTIONS[name](function)
        return function

    return decorate


def _output_options(function: F) -> F:
    function = click.option("--after", metavar="CURSOR", help="Continue after the row with this cursor.")(function)
    function = click.option("--limit", type=click.IntRange(1, None), help="Stop after this many rows.")(function)
    function = click.option("--csv", "as_csv", is_flag=True, help="Print CSV instead of a table.")(function)
    return json_option("Print JSON lines instead of a table.")(function)


def _filters(options: dict[str, Any]) -> q.Filters:
    keys = (
        "since",
        "until",
        "types",
        "actor",
        "recipient",
        "entity",
        "country",
        "place",
        "source",
        "story",
        "quote_kinds",
        "modalities",
        "text",
        "min_confidence",
        "background",
    )
    given = {k: options.pop(k) for k in keys if k in options}
    given["types"] = tuple(t.upper() for t in given.get("types", ()))
    given["quote_kinds"] = tuple(k.lower() for k in given.get("quote_kinds", ()))
    given["modalities"] = tuple(m.lower() for m in given.get("modalities", ()))
    if given.get("country"):
        given["country"] = given["country"].upper()
    return q.Filters(**{k: v for k, v in given.items() if v not in (None, ())})


def _run(db: str, action: Callable[[Store], None]) -> None:
    """Open the store, run ``action``, and turn errors into messages (2 for a bad request)."""
    try:
        with open_store(db, create=False) as store:
            action(store)
    except q.QueryError as error:
        fail(error, code=2)
    except NewsgraphError as error:
        fail(error)


def flat(row: Any) -> dict[str, Any]:
    """A query row as one level of cells: entities by name, the document as its fields."""
    out: dict[str, Any] = {}
    for key, value in to_dict(row).items():
        if isinstance(value, dict) and "name" in value:
            out[key] = value["name"]
        elif isinstance(value, dict) and key == "document":
            out.update({f"document_{k}": v for k, v in value.items()})
        elif isinstance(value, list):
            out[key] = "; ".join(
                str(v["name"] if isinstance(v, dict) and "name" in v else v.get("id") if isinstance(v, dict) else v)
                for v in value
            )
        elif isinstance(value, dict):
            out[key] = json.dumps(value, ensure_ascii=False)
        else:
            out[key] = value
    return out


def _emit(rows: Iterable[Any], as_json: bool, as_csv: bool, table: tuple[Column, ...], empty: str) -> None:
    shown = 0
    writer: Any = None
    for row in rows:
        shown += 1
        if as_json:
            echo_json(row)
            continue
        cells = flat(row)
        if as_csv:
            if writer is None:
                writer = csv.DictWriter(sys.stdout, fieldnames=list(cells), lineterminator="\n")
                writer.writeheader()
            writer.writerow(cells)
            continue
        if shown == 1:
            click.echo(_line({name: name for name, _, _ in table}, table, header=True))
        click.echo(_line(cells, table))
    if shown == 0 and not (as_json or as_csv):
        click.echo(empty, err=True)


def _line(cells: dict[str, Any], table: tuple[Column, ...], header: bool = False) -> str:
    parts = []
    for name, width, field in table:
        value = cells.get(name if header else field)
        text = "" if value is None else " ".join(str(value).split())
        if width:
            text = (text[: width - 1] + "…") if len(text) > width else text.ljust(width)
        parts.append(text)
    return "  ".join(parts).rstrip()


R = TypeVar("R")


def _limited(rows: Iterator[R], limit: int | None) -> Iterator[R]:
    return rows if limit is None else islice(rows, limit)


@click.group("query")
def command() -> None:
    """Ask a store: an entity's profile and timeline, the actor network, events, quotes,
    documents, stories and merged events. Tables by default, --json (JSON lines) or --csv.

    Whatever lists or counts events shows those the classifier is at least as sure of as the
    shipped threshold, background events left out: --min-confidence X and --background change that.

    \b
    Example:
      newsgraph query timeline "Vladimir Putin" --db news.db
      newsgraph query network --since 2019-01-01 --until 2019-12-31 --out actors.graphml
      newsgraph query events --type ASSAULT --country UKR --since 2025-05 --json
      newsgraph query events --min-confidence 0 --background   # every event, background too
    """


@command.command("entity")
@click.argument("entity")
@db_option
@_filter_options(PROFILE_FILTERS)
@json_option("Print one JSON object instead of text.")
def entity_command(entity: str, db: str, as_json: bool, **options: Any) -> None:
    """The profile of ENTITY (id, name or alias): titles, aliases, counts, first and last seen.
    Its event counts take --min-confidence and --background as the event lists do."""

    def show(store: Store) -> None:
        profile = q.entity_profile(store, entity, _filters(options))
        if as_json:
            echo_json(profile)
            return
        click.echo(
            f"{profile.name}  [{profile.id}]  {profile.kind}" + (f", {profile.country}" if profile.country else "")
        )
        if profile.aliases:
            click.echo(f"  aliases: {', '.join(profile.aliases)}")
        for title in profile.titles:
            where = (
                f" — {title.document.title} ({title.document.source}, {title.document.url})" if title.document else ""
            )
            click.echo(
                f"  {title.as_of or '?'}: {title.title}"
                + (f" ({title.affiliation})" if title.affiliation else "")
                + where
            )
        click.echo(
            f"  mentions {profile.mentions} in {profile.documents} documents, "
            f"first seen {profile.first_seen}, last seen {profile.last_seen}"
        )
        click.echo(
            f"  events as actor {profile.events_as_actor}, as recipient {profile.events_as_recipient}; "
            f"quotes {profile.quotes}"
        )

    _run(db, show)


TIMELINE_TABLE: tuple[Column, ...] = (
    ("date", 10, "date"),
    ("kind", 5, "kind"),
    ("what", 16, "what"),
    ("with", 22, "counterparts"),
    ("text", 60, "text"),
    ("source", 18, "document_source"),
    ("url", 0, "document_url"),
)


@command.command("timeline")
@click.argument("entity")
@db_option
@_filter_options(TIMELINE_FILTERS)
@_output_options
def timeline_command(
    entity: str, db: str, as_json: bool, as_csv: bool, limit: int | None, after: str | None, **options: Any
) -> None:
    """ENTITY's events (as actor or recipient) and quotes, in date order, with their sources."""

    def show(store: Store) -> None:
        items = _limited(q.timeline(store, entity, _filters(options), after=after), limit)
        rows = (_with_what(item) for item in items)
        _emit(rows if not as_json else items, as_json, as_csv, TIMELINE_TABLE, f"nothing on the timeline of {entity!r}")

    _run(db, show)


def _with_what(item: q.TimelineItem) -> dict[str, Any]:
    cells = flat(item)
    cells["what"] = (
        f"{item.type}/{item.mode}" if item.mode else item.type if item.kind == "event" else f"{item.quote_kind} quote"
    )
    return cells


EVENT_TABLE: tuple[Column, ...] = (
    ("date", 10, "date"),
    ("type", 16, "type"),
    ("actors", 22, "actors"),
    ("recipients", 22, "recipients"),
    ("evidence", 60, "evidence"),
    ("source", 18, "document_source"),
    ("id", 0, "id"),
)
QUOTE_TABLE: tuple[Column, ...] = (
    ("date", 10, "date"),
    ("kind", 8, "kind"),
    ("speaker", 22, "speaker"),
    ("quote", 70, "text"),
    ("source", 18, "document_source"),
    ("url", 0, "document_url"),
)
DOCUMENT_TABLE: tuple[Column, ...] = (
    ("published", 20, "published"),
    ("source", 18, "source"),
    ("title", 60, "title"),
    ("id", 0, "id"),
)
STORY_TABLE: tuple[Column, ...] = (
    ("first", 10, "first_date"),
    ("last", 10, "last_date"),
    ("size", 5, "size"),
    ("label", 60, "label"),
    ("id", 0, "id"),
)
MERGED_TABLE: tuple[Column, ...] = (
    ("date", 10, "date"),
    ("type", 12, "type"),
    ("actors", 22, "actors"),
    ("recipients", 22, "recipients"),
    ("articles", 8, "articles"),
    ("outlets", 7, "outlets"),
    ("id", 0, "id"),
)

LISTS: dict[str, tuple[Callable[..., Iterator[Any]], tuple[str, ...], tuple[Column, ...], str]] = {
    "events": (q.events, EVENT_FILTERS, EVENT_TABLE, "Event mentions matching the filters, oldest first."),
    "quotes": (q.quotes, QUOTE_FILTERS, QUOTE_TABLE, "Quotations matching the filters (--entity: the speaker)."),
    "documents": (q.documents, DOCUMENT_FILTERS, DOCUMENT_TABLE, "Documents; with --text best match first."),
    "stories": (q.stories, STORY_FILTERS, STORY_TABLE, "Story clusters overlapping the window, oldest first."),
    "merged-events": (q.merged_events, MERGED_FILTERS, MERGED_TABLE, "Merged events (one per real event)."),
}


def _list_command(
    name: str,
    function: Callable[..., Iterator[Any]],
    supported: tuple[str, ...],
    table: tuple[Column, ...],
    help_text: str,
) -> click.Command:
    def run(db: str, as_json: bool, as_csv: bool, limit: int | None, after: str | None, **options: Any) -> None:
        def show(store: Store) -> None:
            rows = _limited(function(store, _filters(options), after=after), limit)
            _emit(rows, as_json, as_csv, table, f"no {name.replace('-', ' ')} match")

        _run(db, show)

    run.__doc__ = help_text
    return command.command(name)(db_option(_filter_options(supported)(_output_options(run))))


for _name, (_function, _supported, _table, _help) in LISTS.items():
    _list_command(_name, _function, _supported, _table, _help)


EDGE_TABLE: tuple[Column, ...] = (
    ("events", 6, "events"),
    ("coop", 5, "cooperation"),
    ("confl", 5, "conflict"),
    ("mean", 6, "intensity_mean"),
    ("source", 30, "source"),
    ("target", 0, "target"),
)


@command.command("network")
@db_option
@_filter_options(NETWORK_FILTERS)
@click.option("--out", metavar="PATH", help="Write the graph to PATH (.graphml or .gexf) instead of printing it.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf"]),
    help="Graph format of --out (default: from its extension).",
)
@json_option("Print one JSON object {nodes, edges}.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the edges as CSV (with actor and recipient names).")
def network_command(db: str, out: str | None, fmt: str | None, as_json: bool, as_csv: bool, **options: Any) -> None:
    """Who acted on whom: canonical entities and actor -> recipient edges weighted by events,
    split into cooperation and conflict, with PLOVER intensity (sum and mean)."""

    def show(store: Store) -> None:
        graph = q.network(store, _filters(options))
        if out is not None:
            write_graph(graph, out, graph_format(out, fmt))
            click.echo(f"wrote {len(graph.nodes)} nodes and {len(graph.edges)} edges to {out}", err=True)
            return
        names = {node.id: node.name for node in graph.nodes}
        if as_json:
            click.echo(json.dumps(to_dict(graph), ensure_ascii=False))
            return
        edges = [{**to_dict(e), "source_name": names[e.source], "target_name": names[e.target]} for e in graph.edges]
        if as_csv:
            writer = csv.DictWriter(
                sys.stdout,
                fieldnames=[*to_dict(graph.edges[0]), "source_name", "target_name"] if edges else ["source"],
                lineterminator="\n",
            )
            writer.writeheader()
            writer.writerows(edges)
            return
        click.echo(f"{len(graph.nodes)} nodes, {len(graph.edges)} edges")
        strongest = sorted(edges, key=lambda e: (-e["events"], e["source"], e["target"]))
        rows = [{**e, "source": e["source_name"], "target": e["target_name"]} for e in strongest]
        click.echo(_line({n: n for n, _, _ in EDGE_TABLE}, EDGE_TABLE, header=True))
        for row in rows:
            click.echo(_line(row, EDGE_TABLE))

    _run(db, show)
