"""What every page shares: a router whose errors become HTML error pages.

Pages raise the API's errors (``newsgraph.web.errors.not_found`` and friends), and the app's
handlers render them with :func:`render_error` instead of the JSON envelope. The query layer's
refusals (an unknown or ambiguous entity name in the URL, a bad date) are turned into those
errors here, so a page never answers 500 for a URL a person typed.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from starlette.responses import Response

from newsgraph.query.errors import EntityNotFoundError, QueryError
from newsgraph.web.errors import ApiError
from newsgraph.web.ui.templating import render

__all__ = ["page_router", "render_error"]


def render_error(request: Request, error: ApiError) -> Response:
    """The HTML page for an error on a page route (the app's handlers call it outside /api)."""
    context = {"status": error.status, "message": error.message}
    return render(request, "error.html", context, status=error.status, headers=error.headers)


class _PageRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except EntityNotFoundError as exc:
                raise ApiError(404, "not_found", str(exc)) from exc
            except QueryError as exc:
                raise ApiError(400, "bad_parameter", str(exc)) from exc

        return handle


def page_router() -> APIRouter:
    """A router for HTML pages (see the module docstring); routes default to HTML responses."""
    return APIRouter(route_class=_PageRoute, default_response_class=HTMLResponse, include_in_schema=False)
