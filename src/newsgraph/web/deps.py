"""What routes get from the app: the one Store (opened at startup, closed at shutdown) and the
ingest token check.

Routes take the store as a dependency, ``store: Annotated[Store, Depends(get_store)]`` (or the
``StoreDep`` alias), never open one themselves: a request then costs no connection set-up, and
the database named on the command line is the only one the server can read.
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Request

from newsgraph.store import Store, open_store
from newsgraph.web.errors import ApiError

__all__ = ["StoreDep", "get_store", "require_ingest_token", "store_lifespan"]


@asynccontextmanager
async def store_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open ``app.state.db`` once for the app's life (unless a test handed in ``app.state.store``).

    A server only reads, so a database that does not exist is an error at start-up, not an
    empty file created behind a typo (``create=False``); an ingesting server may create it.
    """
    owned = getattr(app.state, "store", None) is None
    if owned:
        app.state.store = open_store(app.state.db, create=bool(app.state.allow_ingest))
    try:
        yield
    finally:
        if owned:
            app.state.store.close()
            app.state.store = None


def get_store(request: Request) -> Store:
    """The app's Store (a FastAPI dependency)."""
    store = getattr(request.app.state, "store", None)
    if not isinstance(store, Store):
        # Only when the app runs without its lifespan (e.g. a TestClient not used as a `with`).
        raise ApiError(503, "store_error", "the database is not open: the server is starting or stopping")
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def require_ingest_token(request: Request) -> None:
    """Allow the request only on a server started with ``--allow-ingest`` and with
    ``Authorization: Bearer <NEWSGRAPH_API_TOKEN>``; else 403 (read-only) or 401/403 (token)."""
    state = request.app.state
    if not state.allow_ingest:
        raise ApiError(
            403, "forbidden", "this server is read-only; start it with `newsgraph serve --allow-ingest` to ingest"
        )
    expected: str | None = state.token
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(
            401,
            "unauthorized",
            "ingest needs the header `Authorization: Bearer <token>` with the server's NEWSGRAPH_API_TOKEN",
            headers={"WWW-Authenticate": "Bearer"},
        )
    # Constant-time comparison: the time taken must not reveal how much of the token matched.
    if not expected or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(403, "forbidden", "the bearer token is not this server's NEWSGRAPH_API_TOKEN")
