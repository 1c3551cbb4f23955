"""The FastAPI application: one store, the REST API and the web UI over it.

``create_app(db)`` opens the store once at start-up and closes it at shutdown
(:func:`newsgraph.web.deps.store_lifespan`); no route writes unless ``allow_ingest`` is set, and
then only with the token. The API and UI routers are built by their packages; both read through
``newsgraph.query``, so a page and its JSON twin always agree. Every error under ``/api`` is the
JSON envelope of :mod:`newsgraph.web.errors`.
"""

from __future__ import annotations

from fastapi import FastAPI

from newsgraph.store import Store
from newsgraph.version import __version__
from newsgraph.web.deps import store_lifespan
from newsgraph.web.errors import HtmlErrorRenderer, install_error_handlers

__all__ = ["create_app"]


def create_app(db: str, *, allow_ingest: bool = False, token: str | None = None, store: Store | None = None) -> FastAPI:
    """The app serving the database at ``db`` (a path or URL, as ``open_store`` takes).

    ``store`` hands in an open Store instead (tests); the app then leaves closing it to the caller.
    """
    from newsgraph.web import ui
    from newsgraph.web.api import build_api_router

    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Events (PLOVER), quotes, entities and time extracted from news, every fact tied to its words.",
        docs_url="/docs",
        openapi_url="/openapi.json",
        lifespan=store_lifespan,
    )
    app.state.db = db
    app.state.allow_ingest = allow_ingest
    app.state.token = token
    app.state.store = store
    html: HtmlErrorRenderer | None = getattr(ui, "render_error", None)
    install_error_handlers(app, html=html)
    app.include_router(build_api_router(), prefix="/api/v1")
    app.include_router(ui.build_ui_router())
    return app
