"""Event mentions and quotations: thin routes over ``newsgraph.query``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from newsgraph import query
from newsgraph.web.api.corpus import FiltersDep, PageDep
from newsgraph.web.api.responses import list_response
from newsgraph.web.deps import StoreDep

__all__ = ["router"]

router = APIRouter(tags=["events and quotes"])


@router.get("/events", summary="List events")
def events(request: Request, store: StoreDep, filters: FiltersDep, page: PageDep) -> Response:
    """Every event mention matching the filters, by (date, id), with its PLOVER coding,
    participants, evidence sentence and article."""
    rows = query.events(store, filters, after=page.cursor)
    return list_response(request, rows, page, query.EventRow, name="events")


@router.get("/quotes", summary="List quotes")
def quotes(request: Request, store: StoreDep, filters: FiltersDep, page: PageDep) -> Response:
    """Every quotation matching the filters, by (date, id): `entity`/`actor` is the speaker,
    `kind` direct, partial or indirect."""
    rows = query.quotes(store, filters, after=page.cursor)
    return list_response(request, rows, page, query.QuoteRow, name="quotes")
