"""Counts for charts: timelines, the period x country x type table, the map and top entities.

Every count here is taken over the same rows the matching list returns (``events``,
``quotes``, ``documents`` with the same :class:`Filters`): the counts group the very WHERE
clauses the lists page through (``event_conditions``, ``quote_conditions``,
``document_conditions``) in SQL, so a bar and the list it drills into always agree, and a
chart costs one grouped query rather than a read of every row.

Every series is **zero-filled along time**: each period of the range is present, with 0 where
nothing happened (a missing period is the bug analysts complain about). The range and what
falls outside it are described in ``periods.py``: the filters' ``since``/``until``, else the
data's first and last period clipped to the stored articles' dates.

Dates are filed at their own precision (``2019-05`` for "in May 2019"). A fact dated less
precisely than the period asked for (a month-dated event on a daily timeline) cannot be put in
one bucket: it is counted in ``imprecise`` rather than guessed into the first day; a fact with no
date at all in ``undated``; a dated fact beyond the clipped range in ``outside``.
``total`` = sum of the buckets + imprecise + undated + outside.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, distinct, func, literal_column, or_, select

from newsgraph.ontology import load_ontology
from newsgraph.query.corpus import document_conditions
from newsgraph.query.cursor import Key, decode_cursor, encode_cursor, paged
from newsgraph.query.errors import QueryError
from newsgraph.query.facts import event_conditions, quote_conditions
from newsgraph.query.filters import NO_FILTERS, Filters
from newsgraph.query.periods import (
    MAX_PERIODS,
    Clip,
    Period,
    day_of,
    period_bounds,
    period_label,
    period_labels,
    series_range,
)
from newsgraph.query.refs import entity_refs, plover_class
from newsgraph.store import Store
from newsgraph.store.schema import document_entities, documents, entities, event_participants
from newsgraph.store.schema import events as events_table
from newsgraph.store.schema import quotes as quotes_table

__all__ = [
    "MAX_PERIODS",
    "Aggregate",
    "AggregateCell",
    "Bucket",
    "CountryCount",
    "EntityCount",
    "MapData",
    "MapPoint",
    "Period",
    "TimelineCounts",
    "aggregate_counts",
    "entity_counts",
    "map_counts",
    "period_bounds",
    "period_label",
    "period_labels",
    "timeline_counts",
]

#: The country of an event with no place (or a place of no known country) in the aggregate table.
UNKNOWN_COUNTRY = ""
# Entity kinds that are a country as a whole: an event placed there is located to the country only.
_COUNTRY_KINDS = frozenset({"country"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Bucket:
    """One period of a series: its label, first and last day (inclusive, for drilling into it
    with ``since``/``until``) and count."""

    period: str
    start: str
    end: str
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineCounts:
    """How many ``of`` (events, quotes or documents) fall in each period of the range."""

    of: str
    period: str
    since: str | None
    until: str | None
    buckets: tuple[Bucket, ...]
    total: int
    imprecise: int
    undated: int
    outside: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class AggregateCell:
    """Events of one PLOVER ``type`` in one ``country`` (ISO alpha-3, "" when unknown) and period."""

    period: str
    start: str
    end: str
    country: str
    type: str
    quad_class: str | None
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Aggregate:
    """The period x country x type table, zero-filled along time: every (country, type) pair
    with at least one event in the range has a cell in every one of ``periods`` (0 included);
    pairs with no event at all have none. ``countries`` and ``types`` are those of the cells.
    Cells come by period, then country, then type (in ontology order)."""

    period: str
    country_of: str
    since: str | None
    until: str | None
    periods: tuple[str, ...]
    countries: tuple[str, ...]
    types: tuple[str, ...]
    cells: tuple[AggregateCell, ...]
    total: int
    imprecise: int
    undated: int
    outside: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class CountryCount:
    """Events located in ``country``: ``points`` of them at a place with coordinates."""

    country: str
    events: int
    points: int


@dataclass(frozen=True, slots=True, kw_only=True)
class MapPoint:
    """An event at a place. ``precision`` is how exactly it is located: ``point`` (the place entity
    has coordinates), ``country`` (the place is a whole country, or only its country is known)."""

    event_id: str
    date: str | None
    type: str
    quad_class: str | None
    place_id: str
    place_name: str
    country: str | None
    latitude: float | None
    longitude: float | None
    precision: str
    document_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MapData:
    """Events per country and as points; ``unplaced`` counts the events with no place at all."""

    countries: tuple[CountryCount, ...]
    points: tuple[MapPoint, ...]
    total: int
    unplaced: int


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityCount:
    """An entity and how many of the matching articles name it."""

    id: str
    name: str
    kind: str
    country: str | None
    documents: int
    cursor: str


# --- ranges ----------------------------------------------------------------------------------


def _articles_span(store: Store) -> Clip:
    """The first and last day an article of the store was published: the clip of open ranges."""
    with store.read() as conn:
        first, last = conn.execute(select(func.min(documents.c.published), func.max(documents.c.published))).one()
    return day_of(first), day_of(last)


def _placed(counts: Counter[str], labels: list[str], filters: Filters) -> tuple[int, int]:
    """Of the dated facts whose period is not among ``labels``: (imprecise, outside). Beyond an
    open end they were clipped away (outside); beyond a given end they are dated more coarsely
    than it (``since=2019-05-10`` with a fact of ``2019-05``): imprecise, as the docstring says."""
    imprecise = outside = 0
    for label, n in counts.items():
        if labels and labels[0] <= label <= labels[-1]:
            continue
        before = not labels or label < labels[0]
        open_end = filters.since is None if before else filters.until is None
        if open_end:
            outside += n
        else:
            imprecise += n
    return imprecise, outside


def _by_period(dates: Iterable[tuple[str | None, int]], period: Period) -> tuple[Counter[str], int, int]:
    """(count per period label, imprecise, undated) for ``(date, count)`` pairs."""
    counts: Counter[str] = Counter()
    imprecise = undated = 0
    for value, n in dates:
        label = period_label(value, period)
        if label is not None:
            counts[label] += n
        elif value:
            imprecise += n
        else:
            undated += n
    return counts, imprecise, undated


# --- timeline ------------------------------------------------------------------------------


def _events_dates(store: Store, filters: Filters) -> tuple[Any, list[ColumnElement[bool]]]:
    return events_table.c.date, event_conditions(store, filters)


def _quotes_dates(store: Store, filters: Filters) -> tuple[Any, list[ColumnElement[bool]]]:
    return quotes_table.c.date, quote_conditions(store, filters)


def _documents_dates(store: Store, filters: Filters) -> tuple[Any, list[ColumnElement[bool]]]:
    # An article counts on the day it was published (``published`` may carry a time of day).
    # Literal bounds, so PostgreSQL sees the GROUP BY expression as the selected one.
    day = func.substr(documents.c.published, literal_column("1"), literal_column("10"))
    return day, document_conditions(store, filters)


#: What a timeline can count: its date column and the WHERE clauses of the matching list.
SERIES: dict[str, Callable[[Store, Filters], tuple[Any, list[ColumnElement[bool]]]]] = {
    "events": _events_dates,
    "quotes": _quotes_dates,
    "documents": _documents_dates,
}


def timeline_counts(
    store: Store, filters: Filters = NO_FILTERS, *, of: str = "events", period: Period = Period.day
) -> TimelineCounts:
    """How many events (or quotes, or documents) matching ``filters`` fall in each period,
    zero-filled over the range (see the module docstring)."""
    series = SERIES.get(of)
    if series is None:
        raise QueryError(f"cannot count {of!r} over time; count one of {', '.join(SERIES)}")
    column, conds = series(store, filters)
    with store.read() as conn:
        rows = conn.execute(select(column, func.count()).where(*conds).group_by(column)).all()
    counts, imprecise, undated = _by_period(((row[0], row[1]) for row in rows), period)
    # Articles lie inside their own span: only facts need the clip.
    clip = (None, None) if of == "documents" or not counts else _articles_span(store)
    labels = series_range(filters, counts, period, clip)
    coarse, outside = _placed(counts, labels, filters)
    buckets = tuple(_bucket(label, period, counts.get(label, 0)) for label in labels)
    return TimelineCounts(
        of=of,
        period=period.value,
        since=buckets[0].start if buckets else filters.since,
        until=buckets[-1].end if buckets else filters.until,
        buckets=buckets,
        total=sum(b.count for b in buckets) + imprecise + coarse + undated + outside,
        imprecise=imprecise + coarse,
        undated=undated,
        outside=outside,
    )


def _bucket(label: str, period: Period, count: int) -> Bucket:
    start, end = period_bounds(label, period)
    return Bucket(period=label, start=start.isoformat(), end=end.isoformat(), count=count)


# --- the period x country x type table -------------------------------------------------------

COUNTRY_OF = ("place", "actor", "recipient")


def _country_column(country_of: str) -> tuple[Any, Any]:
    """The FROM clause (events joined to the countries of one side) and the country column;
    "" for an event with no known country on that side."""
    e = events_table
    if country_of == "place":
        place = entities.alias("place_entity")
        return e.outerjoin(place, place.c.id == e.c.place), func.coalesce(place.c.country, UNKNOWN_COUNTRY)
    # An event whose side spans two countries counts once for each (hence count(DISTINCT id)).
    p, side = event_participants, entities.alias("side_entity")
    known = p.join(side, and_(side.c.id == p.c.entity_id, side.c.country != UNKNOWN_COUNTRY))
    joined = e.outerjoin(known, and_(p.c.event_id == e.c.id, p.c.role == country_of))
    return joined, func.coalesce(side.c.country, UNKNOWN_COUNTRY)


def aggregate_counts(
    store: Store, filters: Filters = NO_FILTERS, *, period: Period = Period.week, country_of: str = "place"
) -> Aggregate:
    """Events matching ``filters`` counted by period x country x PLOVER type, zero-filled along
    time for every (country, type) pair that occurs (see :class:`Aggregate`).

    ``country_of`` says which country an event counts for: its ``place``'s (where it happened,
    the default, as event datasets code it), its ``actor``'s or its ``recipient``'s. An event
    whose side spans two countries counts once for each; one with no known country counts for
    ``""``."""
    if country_of not in COUNTRY_OF:
        raise QueryError(f"country_of {country_of!r} is not one of {', '.join(COUNTRY_OF)}")
    ontology = load_ontology()
    conds = event_conditions(store, filters)
    joined, country = _country_column(country_of)
    e = events_table
    query = (
        select(e.c.date, country, e.c.type, func.count(distinct(e.c.id)))
        .select_from(joined)
        .where(*conds)
        .group_by(e.c.date, country, e.c.type)
    )
    # An event less precise than the period (or undated) counts once, whatever its countries;
    # inside a period it counts once per country: the table's total is what it always was.
    by_date = select(e.c.date, func.count()).where(*conds).group_by(e.c.date)
    with store.read() as conn:
        rows = conn.execute(query).all()
        _, imprecise, undated = _by_period(((row[0], row[1]) for row in conn.execute(by_date)), period)
    counts: Counter[tuple[str, str, str]] = Counter()
    per_label: Counter[str] = Counter()
    for value, event_country, event_type, n in rows:
        label = period_label(value, period)
        if label is not None:
            counts[(label, event_country, event_type)] += n
            per_label[label] += n
    clip = _articles_span(store) if per_label else (None, None)
    labels = series_range(filters, per_label, period, clip)
    coarse, outside = _placed(per_label, labels, filters)
    inside = set(labels)
    pairs = {(key[1], key[2]) for key in counts if key[0] in inside}
    order = {name: i for i, name in enumerate(ontology.types)}
    pairs_sorted = sorted(pairs, key=lambda pair: (pair[0], order.get(pair[1], len(order)), pair[1]))
    cells = []
    for label in labels:
        start, end = (day.isoformat() for day in period_bounds(label, period))
        for event_country, name in pairs_sorted:
            cells.append(
                AggregateCell(
                    period=label,
                    start=start,
                    end=end,
                    country=event_country,
                    type=name,
                    quad_class=plover_class(name)[0],
                    count=counts.get((label, event_country, name), 0),
                )
            )
    return Aggregate(
        period=period.value,
        country_of=country_of,
        since=period_bounds(labels[0], period)[0].isoformat() if labels else filters.since,
        until=period_bounds(labels[-1], period)[1].isoformat() if labels else filters.until,
        periods=tuple(labels),
        countries=tuple(sorted({c for c, _ in pairs})),
        types=tuple(sorted({t for _, t in pairs}, key=lambda t: (order.get(t, len(order)), t))),
        cells=tuple(cells),
        total=sum(cell.count for cell in cells) + imprecise + coarse + undated + outside,
        imprecise=imprecise + coarse,
        undated=undated,
        outside=outside,
    )


# --- the map ---------------------------------------------------------------------------------


def map_counts(store: Store, filters: Filters = NO_FILTERS) -> MapData:
    """Events matching ``filters`` by the country they happened in, and each placed event as a
    point with its geo precision (coordinates from the place entity when it has them), in the
    events list's order."""
    e = events_table
    conds = event_conditions(store, filters)
    placed = and_(e.c.place.is_not(None), e.c.place != "")
    query = (
        select(e.c.id, e.c.date, e.c.type, e.c.place, e.c.document_id)
        .where(*conds, placed)
        .order_by(e.c.date.nulls_first(), e.c.id)
    )
    with store.read() as conn:
        rows = conn.execute(query).all()
        # Still in the total, so the map says what it does not show.
        unplaced = conn.execute(select(func.count()).select_from(e).where(*conds, ~placed)).scalar_one()
        places = entity_refs(conn, {row.place for row in rows})
    coordinates = _coordinates(store, set(places))
    per_country: Counter[str] = Counter()
    located: Counter[str] = Counter()
    points = []
    for row in rows:
        place = places[row.place]
        latitude, longitude = coordinates.get(place.id, (None, None))
        has_point = latitude is not None and longitude is not None and place.kind not in _COUNTRY_KINDS
        if place.country:
            per_country[place.country] += 1
            located[place.country] += has_point
        points.append(
            MapPoint(
                event_id=row.id,
                date=row.date,
                type=row.type,
                quad_class=plover_class(row.type)[0],
                place_id=place.id,
                place_name=place.name,
                country=place.country,
                latitude=latitude,
                longitude=longitude,
                precision="point" if has_point else "country",
                document_id=row.document_id,
            )
        )
    countries = tuple(
        CountryCount(country=c, events=n, points=located[c])
        for c, n in sorted(per_country.items(), key=lambda i: (-i[1], i[0]))
    )
    return MapData(countries=countries, points=tuple(points), total=len(rows) + unplaced, unplaced=unplaced)


def _coordinates(store: Store, ids: set[str]) -> dict[str, tuple[float | None, float | None]]:
    """Latitude and longitude of each place entity (kept in the entity's JSON ``data``)."""
    found: dict[str, tuple[float | None, float | None]] = {}
    wanted = sorted(ids)
    with store.read() as conn:
        for i in range(0, len(wanted), 900):  # well under SQLite's bound-parameter limit
            query = select(entities.c.id, entities.c.data).where(entities.c.id.in_(wanted[i : i + 900]))
            for row in conn.execute(query):
                data: dict[str, Any] = row.data
                found[row.id] = (data.get("latitude"), data.get("longitude"))
    return found


# --- entities ------------------------------------------------------------------------------


def entity_counts(
    store: Store,
    filters: Filters = NO_FILTERS,
    *,
    name: str | None = None,
    kind: str | None = None,
    after: str | None = None,
) -> Iterator[EntityCount]:
    """Entities named by the articles matching ``filters`` (the ``documents`` filters), most
    named first (by document count, then id), from just after ``after``. ``name`` keeps those
    whose name or an alias contains it (case-insensitive); ``kind`` those of that kind."""
    start = None if after is None else decode_cursor(after, "entities", 2)
    de = document_entities
    grouped = select(de.c.entity_id, func.count().label("n")).group_by(de.c.entity_id)
    if filters != NO_FILTERS:
        # The documents list's own clauses (which also refuse filters it cannot apply), so the
        # counts match that list.
        matching = select(documents.c.id).where(*document_conditions(store, filters))
        grouped = grouped.where(de.c.document_id.in_(matching))
    counted = grouped.subquery()
    columns = [entities.c.id, entities.c.name, entities.c.kind, entities.c.country, counted.c.n]
    base = select(*columns, *([entities.c.data] if name else [])).join(counted, counted.c.entity_id == entities.c.id)
    if kind is not None:
        base = base.where(entities.c.kind == kind)
    folded = name.casefold() if name else None

    def fetch(key: Key | None, limit: int) -> list[Any]:
        query = base.order_by(counted.c.n.desc(), entities.c.id).limit(limit)
        if key is not None:
            n, last = int(key[0]), str(key[1])
            query = query.where(or_(counted.c.n < n, and_(counted.c.n == n, entities.c.id > last)))
        with store.read() as conn:
            return list(conn.execute(query).all())

    for row in paged(fetch, lambda r: (r.n, r.id), start):
        if folded is not None and not any(folded in n.casefold() for n in (row.name, *row.data.get("aliases", ()))):
            continue
        yield EntityCount(
            id=row.id,
            name=row.name,
            kind=row.kind,
            country=row.country,
            documents=row.n,
            cursor=encode_cursor("entities", (row.n, row.id)),
        )
