"""The REST API under ``/api/v1``."""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["build_api_router"]


def build_api_router() -> APIRouter:
    return APIRouter()
