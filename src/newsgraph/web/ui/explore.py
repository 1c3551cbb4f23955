"""The list pages: the events explorer (a faceted table and the zero-filled aggregate view) and
the quotes page (searchable, faceted by speaker and time).

A page shows one cursor page of its list (``events`` / ``quotes``, the functions behind
``/api/v1/events`` and ``/api/v1/quotes``); the next page follows the cursor, and the CSV link
streams the whole list. Facets count the rows of the current filter (read to the end, so the
counts are exact) and each links to the page narrowed by it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from fastapi import Request
from fastapi.responses import HTMLResponse

from newsgraph import query
from newsgraph.query.aggregate import Period, aggregate_counts
from newsgraph.web.deps import StoreDep
from newsgraph.web.ui.filtering import EVENT_FILTERS, QUOTE_FILTERS, FiltersDep, given, only
from newsgraph.web.ui.pages import page_router
from newsgraph.web.ui.templating import render

__all__ = ["Facet", "router"]

router = page_router()

#: Rows per page (the next page follows the cursor: no cap).
PAGE = 100
#: Values shown per facet, most frequent first.
FACET_VALUES = 12

R = TypeVar("R")


@dataclass(frozen=True, slots=True, kw_only=True)
class Facet:
    """One facet: the URL parameter it sets and its (value, label, count) entries."""

    name: str
    parameter: str
    values: tuple[tuple[str, str, int], ...]


def _facet(name: str, parameter: str, counts: Counter[tuple[str, str]]) -> Facet:
    top = counts.most_common(FACET_VALUES)
    return Facet(name=name, parameter=parameter, values=tuple((value, label, n) for (value, label), n in top))


def _page(rows: Iterator[R]) -> tuple[list[R], bool]:
    """One page of a list (already resumed at the cursor) and whether more follow."""
    page = list(islice(rows, PAGE + 1))
    return page[:PAGE], len(page) > PAGE


@router.get("/events", name="events")
def events_page(
    request: Request,
    store: StoreDep,
    filters: FiltersDep,
    cursor: str | None = None,
    period: Period = Period.month,
    country_of: str = "place",
) -> HTMLResponse:
    filters = only(filters, EVENT_FILTERS)
    rows, more = _page(query.events(store, filters, after=cursor))
    facets = _event_facets(query.events(store, filters))
    table = aggregate_counts(store, filters, period=period, country_of=country_of)
    return render(
        request,
        "events.html",
        {
            "filters": filters,
            "params": given(filters),
            "rows": rows,
            "next_cursor": rows[-1].cursor if more and rows else None,
            "facets": facets[1:],
            "total": facets[0],
            "aggregate": _pivot(table),
            "period": period.value,
            "country_of": country_of,
        },
    )


def _event_facets(rows: Iterable[query.EventRow]) -> list[object]:
    types: Counter[tuple[str, str]] = Counter()
    actors: Counter[tuple[str, str]] = Counter()
    recipients: Counter[tuple[str, str]] = Counter()
    places: Counter[tuple[str, str]] = Counter()
    sources: Counter[tuple[str, str]] = Counter()
    modalities: Counter[tuple[str, str]] = Counter()
    total = 0
    for row in rows:
        total += 1
        types[(row.type, row.type)] += 1
        actors.update((a.id, a.name) for a in row.actors)
        recipients.update((r.id, r.name) for r in row.recipients)
        if row.place is not None:
            places[(row.place.id, row.place.name)] += 1
        if row.document.source:
            sources[(row.document.source, row.document.source)] += 1
        modalities[(row.modality, row.modality)] += 1
    return [
        total,
        _facet("Type", "type", types),
        _facet("Actor", "actor", actors),
        _facet("Recipient", "recipient", recipients),
        _facet("Place", "place", places),
        _facet("Outlet", "source", sources),
        _facet("Modality", "modality", modalities),
    ]


def _pivot(table: query.aggregate.Aggregate) -> dict[str, object]:
    """The aggregate as a period x type table (summed over countries), zero rows kept, and the
    countries it covers; the CSV link gives the period x country x type cells (every period for
    each country and type that occurs). ``outside`` counts events dated beyond the stored
    articles' span, which an open range leaves out of the periods (``query/periods.py``)."""
    sums: Counter[tuple[str, str]] = Counter()
    seen: set[str] = set()
    for cell in table.cells:
        if cell.count:
            sums[(cell.period, cell.type)] += cell.count
            seen.add(cell.type)
    # Types with no event inside the periods are left out of the page (they are all zeros).
    types = [t for t in table.types if t in seen]
    rows = [(label, [sums.get((label, t), 0) for t in types]) for label in table.periods]
    return {
        "types": types,
        "rows": rows,
        "countries": table.countries,
        "imprecise": table.imprecise,
        "undated": table.undated,
        "outside": table.outside,
        "total": table.total,
    }


@router.get("/quotes", name="quotes")
def quotes_page(request: Request, store: StoreDep, filters: FiltersDep, cursor: str | None = None) -> HTMLResponse:
    filters = only(filters, QUOTE_FILTERS)
    rows, more = _page(query.quotes(store, filters, after=cursor))
    speakers: Counter[tuple[str, str]] = Counter()
    months: Counter[tuple[str, str]] = Counter()
    kinds: Counter[tuple[str, str]] = Counter()
    total = 0
    for row in query.quotes(store, filters):
        total += 1
        if row.speaker is not None:
            speakers[(row.speaker.id, row.speaker.name)] += 1
        if row.date and len(row.date) >= 7:
            months[(row.date[:7], row.date[:7])] += 1
        kinds[(row.kind, row.kind)] += 1
    month_facet = Facet(
        name="Month",
        parameter="month",
        values=tuple((value, label, n) for (value, label), n in sorted(months.items(), reverse=True)[:FACET_VALUES]),
    )
    return render(
        request,
        "quotes.html",
        {
            "filters": filters,
            "params": given(filters),
            "rows": rows,
            "next_cursor": rows[-1].cursor if more and rows else None,
            "total": total,
            "facets": [_facet("Speaker", "actor", speakers), month_facet, _facet("Kind", "kind", kinds)],
        },
    )
