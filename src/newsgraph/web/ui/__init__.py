"""The server-rendered web UI: Jinja2 pages over ``newsgraph.query``, vendored JavaScript.

Every page reads the same query function as its JSON twin under ``/api/v1``, keeps all its
state in the URL, and draws each chart over a server-rendered table (so the data is there with
JavaScript off, and the chart cannot show something the table does not). Modules:

    pages.py       the page router and render_error (HTML error pages)
    templating.py  the Jinja2 environment (autoescape everywhere) and URL helpers
    highlight.py   article text cut into highlighted segments from fact offsets
    periods.py     zero-filled counts shaped for the chart tables
    filtering.py   the page filters (the API's parsing) and the subset each list applies
    geo.py         map tables: countries by ISO numeric code, places with coordinates
    search.py      / : the search dashboard
    article.py     /articles/{id}
    entity.py      /entities/{id or name}
    explore.py     /events (faceted table, aggregate) and /quotes
    graph.py       /network and /map
    story.py       /stories and /stories/{id}
    static.py      /static/...: our CSS/JS and static/vendor (npm packages with their licences)
"""

from __future__ import annotations

from fastapi import APIRouter

from newsgraph.web.ui.pages import render_error

__all__ = ["build_ui_router", "render_error"]


def build_ui_router() -> APIRouter:
    from newsgraph.web.ui import article, entity, explore, graph, search, static, story

    router = APIRouter()
    for module in (static, search, article, entity, explore, graph, story):
        router.include_router(module.router)
    return router
