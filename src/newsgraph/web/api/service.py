"""The service itself: health, and ingest (only with ``--allow-ingest`` and the bearer token)."""

from __future__ import annotations

import io
import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from newsgraph.version import __version__
from newsgraph.web.api.responses import ok
from newsgraph.web.deps import StoreDep, require_ingest_token

__all__ = ["router"]

router = APIRouter(tags=["service"])

#: Most articles one ingest request may carry: a larger batch belongs on the command line.
MAX_INGEST = 100


@router.get("/health", summary="Is the database reachable")
def health(store: StoreDep) -> JSONResponse:
    """Reachable database, its schema version and how many records of each kind it holds."""
    return ok(
        version=__version__, database={"reachable": True, "schema_version": store.schema_version}, counts=store.stats()
    )


class Article(BaseModel):
    """One article to ingest: only ``text`` is required."""

    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2048)
    published: str | None = Field(default=None, max_length=40, description="ISO 8601 date or time.")
    source: str | None = Field(default=None, max_length=500, description="The outlet.")


class IngestRequest(BaseModel):
    """Articles to analyse and store."""

    documents: list[Article] = Field(min_length=1, max_length=MAX_INGEST)


@router.post(
    "/ingest",
    summary="Analyse and store articles (needs --allow-ingest and the token)",
    dependencies=[Depends(require_ingest_token)],
)
def ingest_articles(request: Request, store: StoreDep, body: IngestRequest) -> JSONResponse:
    """Run the pipeline on the articles and store them, as `newsgraph ingest` does: known
    articles are skipped, bad ones become rejections. Needs `Authorization: Bearer <token>`."""
    from newsgraph.api import ReadOptions, ingest  # the NLP stack: only when ingesting

    lines = "".join(json.dumps(article.model_dump(exclude_none=True)) + "\n" for article in body.documents)
    pipeline = _pipeline(request)
    summary = ingest(
        ["-"], db=store, pipeline=pipeline, stdin=io.BytesIO(lines.encode()), options=ReadOptions(format="jsonl")
    )
    return ok(
        summary={
            "seen": summary.seen,
            "stored": summary.stored,
            "duplicates": summary.duplicates,
            "rejected": summary.rejected,
            "rejected_by_reason": summary.rejected_by_reason,
        }
    )


def _pipeline(request: Request) -> Any:
    # Loaded on the first ingest, not at start-up: a read-only server never needs the model.
    state = request.app.state
    if getattr(state, "pipeline", None) is None:
        from newsgraph.api import build_pipeline

        state.pipeline = build_pipeline()
    return state.pipeline
