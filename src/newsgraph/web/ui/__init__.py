"""The server-rendered web UI (Jinja2 templates, vendored JavaScript)."""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["build_ui_router"]


def build_ui_router() -> APIRouter:
    return APIRouter()
