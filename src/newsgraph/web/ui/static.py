"""The UI's own CSS and JavaScript and the vendored libraries, served from the package.

A plain route rather than a mounted StaticFiles app, so it lives in the UI router like every
page; paths are resolved inside ``static/`` and anything else is a 404.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse, PlainTextResponse
from starlette.responses import Response

from newsgraph.web.ui.templating import STATIC_DIR

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_TYPES = {".js": "text/javascript", ".css": "text/css", ".json": "application/json"}
# The files change only with the package version, which is part of every static URL.
_CACHE = "public, max-age=86400"


@router.get("/static/{path:path}", name="static")
def static_file(path: str) -> Response:
    root = STATIC_DIR.resolve()
    file = (root / path).resolve()
    if not file.is_relative_to(root) or not file.is_file():
        return PlainTextResponse(f"no static file {path!r}", status_code=404)
    media_type = _TYPES.get(file.suffix, "text/plain; charset=utf-8")
    return FileResponse(file, media_type=media_type, headers={"Cache-Control": _CACHE})
