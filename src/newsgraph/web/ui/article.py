"""The article page: the text with every fact highlighted from its offsets, and a side panel
listing each fact with its details. Its JSON twin is ``/api/v1/documents/{id}``."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from newsgraph.model import Analysis, Entity
from newsgraph.web.deps import StoreDep
from newsgraph.web.errors import not_found
from newsgraph.web.ui.highlight import marks_of, segments
from newsgraph.web.ui.pages import page_router
from newsgraph.web.ui.templating import render

__all__ = ["router"]

router = page_router()


@router.get("/articles/{document_id}", response_class=HTMLResponse, name="article")
def article_page(request: Request, document_id: str, store: StoreDep) -> HTMLResponse:
    analysis = store.get_analysis(document_id)
    if analysis is None:
        raise not_found("article", document_id, "find articles from the search page")
    return render(request, "article.html", _context(analysis))


def _context(analysis: Analysis) -> dict[str, object]:
    entities: dict[str, Entity] = {entity.id: entity for entity in analysis.entities}
    mentions_by_entity: dict[str, int] = {}
    for mention in analysis.mentions:
        if mention.entity_id:
            mentions_by_entity[mention.entity_id] = mentions_by_entity.get(mention.entity_id, 0) + 1
    document = analysis.document
    return {
        "document": document,
        "analysis": analysis,
        "segments": segments(document.text, marks_of(analysis)),
        "entities": entities,
        "names": {entity_id: entity.name for entity_id, entity in entities.items()},
        "mention_counts": mentions_by_entity,
        "unlinked_mentions": [m for m in analysis.mentions if not m.entity_id],
        "api": f"/api/v1/documents/{document.id}",
    }
