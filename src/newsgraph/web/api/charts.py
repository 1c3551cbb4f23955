"""Counts for charts: timeline, the aggregate table, the actor network and the map.

Each takes the same filters as the lists, and counts exactly the rows the matching list returns
(``newsgraph.query.aggregate``), zero-filled over the requested range.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from newsgraph import query
from newsgraph.model import to_dict
from newsgraph.query.aggregate import COUNTRY_OF, SERIES, Period, aggregate_counts, map_counts, timeline_counts
from newsgraph.web.api.corpus import FiltersDep
from newsgraph.web.api.responses import ok, table_response
from newsgraph.web.deps import StoreDep
from newsgraph.web.params import OutputFormat

__all__ = ["router"]

router = APIRouter(tags=["charts"])

PeriodParam = Annotated[Period, Query(description="day, week (ISO) or month.")]

#: The columns of the aggregate table as CSV (long format: one row per cell, zeros included).
AGGREGATE_COLUMNS = ["period", "start", "end", "country", "type", "quad_class", "count"]


@router.get("/timeline", summary="Counts per day, week or month, zero-filled")
def timeline(
    store: StoreDep,
    filters: FiltersDep,
    period: PeriodParam = Period.day,
    of: Annotated[
        Literal["events", "quotes", "documents"], Query(description=f"What to count: {', '.join(SERIES)}.")
    ] = "events",
) -> JSONResponse:
    """How many events (or quotes, or articles) match the filters in each period of the range
    (`since`..`until`, else the data's first to last date), with 0 for empty periods. Each
    bucket gives its `start`/`end` days to drill into it; `imprecise` counts facts dated less
    precisely than the period, `undated` those with no date."""
    return ok(timeline=timeline_counts(store, filters, of=of, period=period))


@router.get("/aggregate", summary="Event counts by period x country x PLOVER type, zero-filled")
def aggregate(
    store: StoreDep,
    filters: FiltersDep,
    period: PeriodParam = Period.week,
    country_of: Annotated[
        Literal["place", "actor", "recipient"],
        Query(description=f"Which country an event counts for: {', '.join(COUNTRY_OF)}."),
    ] = "place",
    format: Annotated[
        OutputFormat, Query(description="json, or csv / jsonl: one row per cell (long format).")
    ] = OutputFormat.json,
) -> Response:
    """Every combination of period, country and type with its event count (0 included): the
    table for R or pandas. An event of unknown country counts for country ""."""
    table = aggregate_counts(store, filters, period=period, country_of=country_of)
    if format is OutputFormat.json:
        return ok(aggregate=table)
    records = (to_dict(cell) for cell in table.cells)
    return table_response(records, AGGREGATE_COLUMNS, format, name="aggregate")


@router.get("/network", summary="The actor network")
def network(store: StoreDep, filters: FiltersDep) -> JSONResponse:
    """Entities (nodes) and actor -> recipient edges of the matching events, each edge with its
    cooperation / conflict split and PLOVER intensity."""
    return ok(network=query.network(store, filters))


@router.get("/map", summary="Events per country and as points")
def map_(store: StoreDep, filters: FiltersDep) -> JSONResponse:
    """Events by the country they happened in, and each placed event as a point with its
    `precision`: `point` (the place has coordinates) or `country` (only its country is known)."""
    return ok(map=map_counts(store, filters))
