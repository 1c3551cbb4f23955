"""Entities: the list (most named first, searchable by name), one profile, one timeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from newsgraph import query
from newsgraph.query.aggregate import EntityCount, entity_counts
from newsgraph.web.api.corpus import FiltersDep, Ident, PageDep
from newsgraph.web.api.responses import list_response, ok
from newsgraph.web.deps import StoreDep
from newsgraph.web.errors import not_found
from newsgraph.web.params import Filters, get_profile_filters

__all__ = ["router"]

router = APIRouter(tags=["entities"])

T = TypeVar("T")


@router.get("/entities", summary="List or search entities")
def entities(
    request: Request,
    store: StoreDep,
    filters: FiltersDep,
    page: PageDep,
    name: Annotated[
        str | None, Query(max_length=200, description="Part of the name or an alias (case-insensitive).")
    ] = None,
    kind: Annotated[
        str | None, Query(max_length=32, description="person, organisation, country, place, region, instrument, ...")
    ] = None,
) -> Response:
    """Entities named by the articles matching the filters, most named first (`documents`
    counts those articles)."""
    rows = entity_counts(store, filters, name=name or None, kind=kind or None, after=page.cursor)
    return list_response(request, rows, page, EntityCount, name="entities")


@router.get("/entities/{entity_id}", summary="One entity's profile")
def entity(
    store: StoreDep, entity_id: Ident, filters: Annotated[Filters, Depends(get_profile_filters)]
) -> JSONResponse:
    """Identity, aliases, titles over time with their evidence, and activity counts (events
    counted under `min_confidence` and `background`, as the event lists show them). `entity`
    is an id, or a name or alias that only one entity has."""
    return ok(entity=_resolved(lambda: query.entity_profile(store, entity_id, filters), entity_id))


@router.get("/entities/{entity_id}/timeline", summary="What one entity did and said")
def entity_timeline(
    request: Request, store: StoreDep, entity_id: Ident, filters: FiltersDep, page: PageDep
) -> Response:
    """The events it took part in (as actor or recipient) and its quotes, by date. `entity_id`
    is an id, or a name or alias that only one entity has."""
    _resolved(lambda: query.resolve_entity(store, entity_id), entity_id)
    rows = query.timeline(store, entity_id, filters, after=page.cursor)
    return list_response(request, rows, page, query.TimelineItem, name="timeline")


def _resolved(get: Callable[[], T], given: str) -> T:
    """``get()``, with an unknown entity in the path as a 404 (an ambiguous name stays a 400)."""
    try:
        return get()
    except query.EntityNotFoundError as exc:
        raise not_found("entity", given, str(exc).split("; ", 1)[-1]) from None
