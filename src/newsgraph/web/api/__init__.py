"""The REST API under ``/api/v1``: thin routes over ``newsgraph.query``, one module per area.

    corpus.py    /documents, /documents/{id}, /search, /stories, /stories/{id}, /merged-events
    facts.py     /events, /quotes
    entities.py  /entities, /entities/{entity}, /entities/{entity}/timeline
    charts.py    /timeline, /aggregate, /network, /map
    service.py   /health, POST /ingest

Shared: the filters and paging (``web/params.py``), the store (``web/deps.py``), the error
envelope (``web/errors.py``) and how lists are paged or streamed (``responses.py``).
"""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["build_api_router"]


def build_api_router() -> APIRouter:
    """Every API route, to mount under ``/api/v1``."""
    from newsgraph.web.api import charts, corpus, entities, facts, service

    router = APIRouter()
    for module in (corpus, facts, entities, charts, service):
        router.include_router(module.router)
    return router
