"""The search dashboard (``/``): for one query and date range, the volume of matching articles
over time (drag a range to narrow the page), event types by quad class over time, the top
entities, the latest quotes, a map and the article list.

Each panel reads the function behind its JSON twin: ``timeline_counts`` (/api/v1/timeline),
``entity_counts`` (/api/v1/entities), ``latest_quotes`` (the tail of /api/v1/quotes),
``map_counts`` (/api/v1/map) and ``documents`` (/api/v1/documents).
"""

from __future__ import annotations

import dataclasses
from itertools import islice

from fastapi import Request
from fastapi.responses import HTMLResponse

from newsgraph import query
from newsgraph.ontology import load_ontology
from newsgraph.query.aggregate import Period, entity_counts, map_counts, timeline_counts
from newsgraph.query.cursor import decode_cursor
from newsgraph.query.facts import latest_quotes
from newsgraph.store import Store
from newsgraph.web.deps import StoreDep
from newsgraph.web.ui.filtering import DOCUMENT_FILTERS, EVENT_FILTERS, QUOTE_FILTERS, FiltersDep, given, only
from newsgraph.web.ui.geo import map_view
from newsgraph.web.ui.pages import page_router
from newsgraph.web.ui.periods import Series, choose_period, combine, from_timeline
from newsgraph.web.ui.templating import render

__all__ = ["QUAD_CLASSES", "router"]

router = page_router()

QUAD_CLASSES = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
#: Articles per page of the list (the next page follows the cursor: no cap).
ARTICLES = 50
TOP_ENTITIES = 15
#: The latest quotes shown (the quotes page lists them all).
TOP_QUOTES = 8


@router.get("/", name="search")
def search_page(request: Request, store: StoreDep, filters: FiltersDep, cursor: str | None = None) -> HTMLResponse:
    docs_filters = only(filters, DOCUMENT_FILTERS)
    if cursor is not None:
        decode_cursor(cursor, "documents:search" if docs_filters.text else "documents", 2 if docs_filters.text else 1)
    dated = [row.published for row in query.documents(store, docs_filters)]
    period = choose_period(dated, filters.since, filters.until)
    volume = from_timeline(timeline_counts(store, docs_filters, of="documents", period=period), "articles")
    event_filters = only(filters, EVENT_FILTERS)
    by_class = _by_quad_class(store, event_filters, period, volume)
    articles = list(islice(query.documents(store, docs_filters, after=cursor), ARTICLES + 1))
    return render(
        request,
        "search.html",
        {
            "filters": filters,
            "api_params": given(docs_filters),
            "event_params": given(event_filters),
            "volume": volume,
            "quad_types": _quad_types(event_filters),
            "by_class": by_class,
            "period": period.value,
            "entities": list(islice(entity_counts(store, docs_filters), TOP_ENTITIES)),
            "quotes": latest_quotes(store, only(filters, QUOTE_FILTERS), limit=TOP_QUOTES),
            "map": map_view(map_counts(store, event_filters)),
            "articles": articles[:ARTICLES],
            "next_cursor": articles[ARTICLES - 1].cursor if len(articles) > ARTICLES else None,
            "total_articles": len(dated),
        },
    )


def _quad_types(filters: query.Filters) -> dict[str, tuple[str, ...]]:
    """The PLOVER types of each quad class (those in the filter, when it names types)."""
    types = load_ontology().types
    wanted = filters.types or tuple(types)
    return {quad: tuple(t for t in wanted if types[t].quad_class == quad) for quad in QUAD_CLASSES}


def _by_quad_class(store: Store, filters: query.Filters, period: Period, volume: Series) -> Series:
    """Events per period for each quad class, over the article timeline's range: one
    ``timeline_counts`` per class (``/api/v1/timeline?of=events&type=...``)."""
    if not volume.periods:  # no dated article: nothing to draw the events against
        return Series(unit=period.value, names=QUAD_CLASSES, periods=())
    since = filters.since or volume.periods[0].first.isoformat()
    until = filters.until or volume.periods[-1].last.isoformat()
    parts = []
    for quad, types in _quad_types(filters).items():
        if not types:
            parts.append(
                Series(
                    unit=period.value,
                    names=(quad,),
                    periods=tuple(dataclasses.replace(row, counts=(0,)) for row in volume.periods),
                )
            )
            continue
        ranged = dataclasses.replace(filters, types=types, since=since, until=until)
        parts.append(from_timeline(timeline_counts(store, ranged, of="events", period=period), quad))
    return combine(parts)
