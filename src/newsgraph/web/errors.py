"""One error envelope for every error the web app returns.

Every error under ``/api`` is JSON of one shape, whatever raised it::

    {"ok": false, "status": 400, "code": "bad_parameter",
     "error": "since: expected a date such as 2025-05-03, 2025-05, 2025 or 2025-W19, got 'May'",
     "errors": [{"parameter": "since", "message": "expected a date ..."}]}

``status`` repeats the HTTP status; ``code`` is a stable machine-readable reason (the table
below); ``error`` is one sentence for people; ``errors`` lists each problem with the parameter it
concerns (``null`` when none). Codes:

    bad_parameter        400  a query parameter or body field has a value we cannot use
    unauthorized         401  the ingest endpoint needs ``Authorization: Bearer <token>``
    forbidden            403  the token is wrong, or the server was started read-only
    not_found            404  no such route, or no such document/entity/story
    method_not_allowed   405  the route exists but not for this HTTP method
    store_error          503  the database could not be read
    internal_error       500  a bug: logged on the server; the response never carries a traceback

Routes raise :class:`ApiError` (or let FastAPI's validation fail); ``install_error_handlers``
turns everything into the envelope. Pages outside ``/api`` may render their own HTML error page
by passing ``html`` to ``install_error_handlers``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from newsgraph.errors import StoreError
from newsgraph.query.errors import AmbiguousEntityError, EntityNotFoundError, QueryError

__all__ = [
    "ApiError",
    "ErrorDetail",
    "HtmlErrorRenderer",
    "bad_parameter",
    "error_response",
    "install_error_handlers",
    "not_found",
]

log = logging.getLogger("newsgraph.web")

API_PREFIX = "/api/"

# Stable codes for the plain HTTP statuses Starlette raises itself (unknown route, wrong method).
_STATUS_CODES = {
    400: "bad_parameter",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    415: "unsupported_media_type",
    500: "internal_error",
    503: "store_error",
}


@dataclass(frozen=True, slots=True)
class ErrorDetail:
    """One problem: the parameter (or body field) it concerns, when there is one."""

    message: str
    parameter: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"parameter": self.parameter, "message": self.message}


@dataclass(slots=True)
class ApiError(Exception):
    """An error a route reports on purpose: an HTTP ``status``, a stable ``code`` and a message."""

    status: int
    code: str
    message: str
    errors: Sequence[ErrorDetail] = field(default_factory=tuple)
    headers: dict[str, str] | None = None

    def __str__(self) -> str:
        return self.message


def bad_parameter(parameter: str, message: str) -> ApiError:
    """A 400 naming ``parameter``: ``message`` says what was expected and what came."""
    return ApiError(400, "bad_parameter", f"{parameter}: {message}", (ErrorDetail(message, parameter),))


def not_found(what: str, ident: str, hint: str = "") -> ApiError:
    """A 404 for a missing document, entity, story...: ``hint`` says where to find valid ids."""
    message = f"no {what} with id {ident!r}" + (f"; {hint}" if hint else "")
    return ApiError(404, "not_found", message)


def envelope(status: int, code: str, message: str, errors: Sequence[ErrorDetail] = ()) -> dict[str, Any]:
    """The error body: ``{ok: false, status, code, error, errors}``."""
    return {"ok": False, "status": status, "code": code, "error": message, "errors": [e.to_json() for e in errors]}


def error_response(error: ApiError) -> JSONResponse:
    """The JSON response for ``error``."""
    body = envelope(error.status, error.code, error.message, error.errors)
    return JSONResponse(body, status_code=error.status, headers=error.headers)


#: Renders an error as an HTML page for a browser route (outside ``/api``).
HtmlErrorRenderer = Callable[[Request, ApiError], Response]


def install_error_handlers(app: FastAPI, html: HtmlErrorRenderer | None = None) -> None:
    """Route every exception to the envelope (or to ``html`` for pages outside ``/api``)."""

    def respond(request: Request, error: ApiError) -> Response:
        if html is not None and not request.url.path.startswith(API_PREFIX):
            return html(request, error)
        return error_response(error)

    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return respond(request, exc)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return respond(request, _from_http(request, exc))

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return respond(request, from_validation(exc.errors()))

    async def on_query_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, QueryError)
        return respond(request, from_query_error(request, exc))

    async def on_store_error(request: Request, exc: Exception) -> Response:
        log.error("store error on %s: %s", request.url.path, exc)
        message = f"the database could not be read: {exc}"
        return respond(request, ApiError(503, "store_error", message))

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        # The traceback goes to the server log only: it may show paths, SQL or data.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        message = "internal error: the server logged the details; please report it with the URL you requested"
        return respond(request, ApiError(500, "internal_error", message))

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(QueryError, on_query_error)
    app.add_exception_handler(StoreError, on_store_error)
    app.add_exception_handler(Exception, on_unexpected)


# The query layer's filter names -> the query parameters that set them.
_PARAMETERS = {"types": "type", "quote_kinds": "kind", "modalities": "modality"}


def from_query_error(request: Request, exc: QueryError) -> ApiError:
    """A 400 for a request the query layer refused, naming the parameter when we can tell:
    the one whose value is the unknown or ambiguous entity, or the filters a list cannot take."""
    parameter: str | None = None
    if isinstance(exc, EntityNotFoundError | AmbiguousEntityError):
        given = exc.given.strip()
        parameter = next((k for k, v in request.query_params.multi_items() if v.strip() == given), None)
    elif " cannot be filtered by " in str(exc):
        names = str(exc).split(" cannot be filtered by ", 1)[1].split(";", 1)[0].split(", ")
        parameter = ",".join(_PARAMETERS.get(name, name) for name in names)
    message = f"{parameter}: {exc}" if parameter else str(exc)
    return ApiError(400, "bad_parameter", message, (ErrorDetail(str(exc), parameter),))


def _from_http(request: Request, exc: StarletteHTTPException) -> ApiError:
    code = _STATUS_CODES.get(exc.status_code, "http_error")
    if exc.status_code == 404 and exc.detail == "Not Found":
        message = f"no route {request.url.path}; the API is described at /docs"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}; the API is described at /docs"
    else:
        message = str(exc.detail)
    return ApiError(exc.status_code, code, message, headers=dict(exc.headers) if exc.headers else None)


def from_validation(problems: Sequence[Any]) -> ApiError:
    """A 400 naming each parameter FastAPI's validation rejected (it would say 422)."""
    details = []
    for problem in problems:
        location = [str(part) for part in problem.get("loc", ()) if part not in ("query", "path", "body", "header")]
        parameter = ".".join(location) or None
        details.append(ErrorDetail(_validation_message(problem), parameter))
    if not details:
        details.append(ErrorDetail("the request could not be read"))
    first = details[0]
    message = f"{first.parameter}: {first.message}" if first.parameter else first.message
    if len(details) > 1:
        message += f" (and {len(details) - 1} more problem{'s' if len(details) > 2 else ''})"
    return ApiError(400, "bad_parameter", message, tuple(details))


def _validation_message(problem: Any) -> str:
    message = str(problem.get("msg", "invalid value"))
    if "input" in problem and problem.get("type") != "missing":
        shown = repr(problem["input"])
        message += f", got {shown[:80]}"
    return message
