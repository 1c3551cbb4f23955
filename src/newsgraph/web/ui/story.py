"""The story pages: the list of story clusters, and one story with its articles in arrival
order (by outlet), its merged events, and where the sources disagree. They read ``stories``
and ``merged_events``, the functions behind ``/api/v1/stories`` (and ``/api/v1/events/merged``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from newsgraph import query
from newsgraph.query.corpus import STORY_FILTERS
from newsgraph.query.refs import entity_refs
from newsgraph.store import Store
from newsgraph.web.deps import StoreDep
from newsgraph.web.errors import not_found
from newsgraph.web.ui.filtering import FiltersDep, given, only
from newsgraph.web.ui.pages import page_router
from newsgraph.web.ui.templating import render

__all__ = ["router"]

router = page_router()

PAGE = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class Outlet:
    name: str
    articles: int
    first: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Conflict:
    """One disagreement on one merged event: the field and each value with who reported it."""

    event: query.MergedEventRow
    field: str
    values: tuple[tuple[str, tuple[str, ...]], ...]  # (value, outlets giving it)


@router.get("/stories", name="stories")
def stories_page(request: Request, store: StoreDep, filters: FiltersDep, cursor: str | None = None) -> HTMLResponse:
    filters = only(filters, STORY_FILTERS)
    page = list(islice(query.stories(store, filters, after=cursor), PAGE + 1))
    return render(
        request,
        "stories.html",
        {
            "filters": filters,
            "params": given(filters),
            "rows": page[:PAGE],
            "next_cursor": page[PAGE - 1].cursor if len(page) > PAGE else None,
        },
    )


@router.get("/stories/{story_id}", name="story")
def story_page(request: Request, story_id: str, store: StoreDep) -> HTMLResponse:
    story = next(query.stories(store, query.Filters(story=story_id)), None)
    if story is None:
        raise not_found("story", story_id, "list the stories at /stories")
    merged = list(query.merged_events(store, query.Filters(story=story_id)))
    return render(
        request,
        "story.html",
        {"story": story, "outlets": _outlets(story), "merged": merged, "conflicts": _conflicts(store, merged)},
    )


def _outlets(story: query.StoryRow) -> list[Outlet]:
    """Each outlet with its article count and first publication, first to report first."""
    found: dict[str, list[str | None]] = {}
    for document in story.documents:
        found.setdefault(document.source or "(unknown outlet)", []).append(document.published)
    outlets = [
        Outlet(name=name, articles=len(dates), first=min((d for d in dates if d), default=None))
        for name, dates in found.items()
    ]
    return sorted(outlets, key=lambda o: (o.first is None, o.first or "", o.name))


#: Disagreement fields whose values are entity ids (several joined with ","), shown by name.
ENTITY_FIELDS = ("actors", "recipients", "place")


def _conflicts(store: Store, merged: list[query.MergedEventRow]) -> list[Conflict]:
    found = [(event, d) for event in merged for d in event.record.get("disagreements", ())]
    ids = {
        part
        for _, d in found
        if d["field"] in ENTITY_FIELDS
        for value, _ in d["values"]
        for part in str(value).split(",")
    }
    with store.read() as conn:
        names = {i: ref.name for i, ref in entity_refs(conn, ids).items()}
    conflicts = []
    for event, disagreement in found:
        record: dict[str, Any] = event.record
        reporter = {
            s["event_id"]: f"{s.get('source') or 'article'} ({(s.get('published') or 'undated')[:10]})"
            for s in record.get("sources", ())
        }
        values = []
        for value, event_ids in disagreement["values"]:
            shown = str(value)
            if disagreement["field"] in ENTITY_FIELDS:
                shown = ", ".join(names.get(part, part) for part in shown.split(","))
            values.append((shown, tuple(dict.fromkeys(reporter.get(i, i) for i in event_ids))))
        conflicts.append(Conflict(event=event, field=disagreement["field"], values=tuple(values)))
    return conflicts
