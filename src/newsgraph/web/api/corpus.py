"""Articles, stories, merged events and full-text search: thin routes over ``newsgraph.query``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse, Response

from newsgraph import query
from newsgraph.model import Analysis
from newsgraph.web.api.responses import list_response, ok
from newsgraph.web.deps import StoreDep
from newsgraph.web.errors import bad_parameter, not_found
from newsgraph.web.params import Filters, Page, get_filters, get_page

__all__ = ["router"]

router = APIRouter(tags=["articles and stories"])

FiltersDep = Annotated[Filters, Depends(get_filters)]
PageDep = Annotated[Page, Depends(get_page)]
Ident = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/documents", summary="List articles")
def documents(request: Request, store: StoreDep, filters: FiltersDep, page: PageDep) -> Response:
    """Stored articles matching the filters, in storage order (best match first with `text`)."""
    rows = query.documents(store, filters, after=page.cursor)
    return list_response(request, rows, page, query.DocumentRow, name="documents")


@router.get("/documents/{document_id}", summary="One article with all its facts")
def document(store: StoreDep, document_id: Ident) -> JSONResponse:
    """The article (with its text) and every fact extracted from it: mentions, entities, time
    expressions, quotes and events, each with its provenance and evidence spans."""
    analysis: Analysis | None = store.get_analysis(document_id)
    if analysis is None:
        raise not_found("document", document_id, "list documents at /api/v1/documents")
    return ok(document=analysis.document, facts={k: getattr(analysis, k) for k in FACT_KINDS})


FACT_KINDS = ("mentions", "entities", "time_expressions", "quotes", "events")


@router.get("/search", summary="Full-text search over articles")
def search(request: Request, store: StoreDep, filters: FiltersDep, page: PageDep) -> Response:
    """Articles containing every word of `text` (or `q`), best first, each with a snippet."""
    if not filters.text:
        raise bad_parameter("text", "give the words to search for, e.g. ?text=ceasefire (or ?q=ceasefire)")
    rows = query.documents(store, filters, after=page.cursor)
    return list_response(request, rows, page, query.DocumentRow, name="search")


@router.get("/stories", summary="List stories")
def stories(request: Request, store: StoreDep, filters: FiltersDep, page: PageDep) -> Response:
    """Story clusters (the articles about one real-world story) by first date."""
    rows = query.stories(store, filters, after=page.cursor)
    return list_response(request, rows, page, query.StoryRow, name="stories")


@router.get("/stories/{story_id}", summary="One story with its articles and merged events")
def story(store: StoreDep, story_id: Ident) -> JSONResponse:
    """The story, its articles in arrival order and its merged events (with the sources'
    disagreements in each merged event's `record`)."""
    only = Filters(story=story_id)
    found = next(query.stories(store, only), None)
    if found is None:
        raise not_found("story", story_id, "list stories at /api/v1/stories")
    return ok(story=found, merged_events=list(query.merged_events(store, only)))


@router.get("/merged-events", summary="List merged events")
def merged_events(request: Request, store: StoreDep, filters: FiltersDep, page: PageDep) -> Response:
    """One record per real event however many articles reported it, by date."""
    rows = query.merged_events(store, filters, after=page.cursor)
    return list_response(request, rows, page, query.MergedEventRow, name="merged-events")
