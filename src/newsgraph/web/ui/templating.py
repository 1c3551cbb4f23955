"""Jinja2 for the UI: one environment, autoescaping on for every template, strict undefineds.

Pages keep their state in the URL, so templates build links with ``url_with``: the current
page's query with some parameters changed (``None`` drops one), never a hand-joined string.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from newsgraph.models import event_threshold
from newsgraph.version import __version__

__all__ = ["STATIC_DIR", "TEMPLATE_DIR", "environment", "query_string", "render", "url_with", "web_url"]

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


def query_string(params: Mapping[str, object]) -> str:
    """``?a=1&b=2`` for the parameters that have a value ("" when none do)."""
    pairs = [(key, str(value)) for key, value in params.items() if value not in (None, "")]
    return "?" + urlencode(pairs) if pairs else ""


def url_with(request: Request, path: str | None = None, **changes: object) -> str:
    """``path`` (default: the current one) with the current query, ``changes`` applied."""
    params: dict[str, object] = dict(request.query_params)
    params.update(changes)
    return (path if path is not None else request.url.path) + query_string(params)


def web_url(value: str | None) -> str | None:
    """``value`` if it is an http(s) URL, else None: a stored URL is untrusted input, and a
    ``javascript:`` or ``data:`` link would run on click even when its text is escaped."""
    if not value:
        return None
    scheme = value.split(":", 1)[0].strip().lower() if ":" in value else ""
    return value if scheme in ("http", "https") else None


def _number(value: float | int) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def _build() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,  # every template, whatever its extension: text from articles is hostile
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.globals["query_string"] = query_string
    env.globals["event_threshold"] = event_threshold  # the filter form's default min_confidence
    env.filters["number"] = _number
    env.filters["web_url"] = web_url
    return env


environment = _build()


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any],
    *,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """The page ``template`` rendered with ``context`` (plus ``request`` and ``url_with``)."""

    def here(path: str | None = None, **changes: object) -> str:
        return url_with(request, path, **changes)

    html = environment.get_template(template).render(request=request, url_with=here, **context)
    return HTMLResponse(html, status_code=status, headers=headers)
