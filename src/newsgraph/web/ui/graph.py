"""The network and map pages: the actor graph for the current filter (edges coloured by
cooperation vs conflict) and the event map (country choropleth plus point events, drawn offline
from the vendored world-atlas). Both read the functions behind their JSON twins,
``network`` (/api/v1/network) and ``map_counts`` (/api/v1/map), and draw over their tables.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from newsgraph import query
from newsgraph.query.aggregate import map_counts
from newsgraph.web.deps import StoreDep
from newsgraph.web.ui.filtering import EVENT_FILTERS, NETWORK_FILTERS, FiltersDep, given, only
from newsgraph.web.ui.geo import map_view
from newsgraph.web.ui.pages import page_router
from newsgraph.web.ui.templating import render

__all__ = ["router"]

router = page_router()

#: Edges drawn, most events first: a graph of thousands of edges is a hairball, not a picture.
#: The table and the CSV hold every edge.
DRAWN_EDGES = 150


@router.get("/network", name="network")
def network_page(request: Request, store: StoreDep, filters: FiltersDep) -> HTMLResponse:
    filters = only(filters, NETWORK_FILTERS)
    graph = query.network(store, filters)
    names = {node.id: node.name for node in graph.nodes}
    edges = sorted(graph.edges, key=lambda e: (-e.events, e.source, e.target))
    return render(
        request,
        "network.html",
        {
            "filters": filters,
            "params": given(filters),
            "graph": graph,
            "edges": edges,
            "names": names,
            "drawn": DRAWN_EDGES,
        },
    )


@router.get("/map", name="map")
def map_page(request: Request, store: StoreDep, filters: FiltersDep) -> HTMLResponse:
    filters = only(filters, EVENT_FILTERS)
    view = map_view(map_counts(store, filters))
    return render(request, "map.html", {"filters": filters, "params": given(filters), "view": view})
