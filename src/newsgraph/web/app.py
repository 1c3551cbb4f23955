"""The FastAPI application: one store, the REST API and the web UI over it.

``create_app(db)`` opens the store read-only in spirit (no route writes unless ``allow_ingest``
is set, and then only with the token). The API and UI routers are built by their packages;
both read through ``newsgraph.query``, so a page and its JSON twin always agree.
"""

from __future__ import annotations

from fastapi import FastAPI

from newsgraph.version import __version__

__all__ = ["create_app"]


def create_app(db: str, *, allow_ingest: bool = False, token: str | None = None) -> FastAPI:
    """The app serving the database at ``db`` (a path or URL, as ``open_store`` takes)."""
    from newsgraph.web.api import build_api_router
    from newsgraph.web.ui import build_ui_router

    app = FastAPI(title="newsgraph", version=__version__, docs_url="/docs", openapi_url="/openapi.json")
    app.state.db = db
    app.state.allow_ingest = allow_ingest
    app.state.token = token
    app.include_router(build_api_router(), prefix="/api/v1")
    app.include_router(build_ui_router())
    return app
