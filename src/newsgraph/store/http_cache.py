"""The store as the fetcher's HTTP cache: validators (ETag, Last-Modified) kept between runs,
so tomorrow's ingest of the same 40 feeds asks "changed since?" and downloads only what did."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from newsgraph.store.store import Store

__all__ = ["CachedResponse", "StoreHttpCache", "Validators"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CachedResponse:
    """What a server said about a URL last time, for a conditional GET."""

    url: str
    etag: str | None
    last_modified: str | None
    fetched_at: str


class Validators(Protocol):
    """Anything carrying a response's validators (the fetcher's ``CacheEntry`` does)."""

    @property
    def etag(self) -> str | None: ...

    @property
    def last_modified(self) -> str | None: ...


class StoreHttpCache:
    """``get(url)``/``put(url, entry)`` over a store, the shape the fetcher's cache takes.

    It lives here, not in the fetcher, so the store does not depend on the ingest layer: what
    ``get`` returns has the fetcher's two fields, ``etag`` and ``last_modified``.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, url: str) -> CachedResponse | None:
        return self._store.http_cache_get(url)

    def put(self, url: str, entry: Validators) -> None:
        self._store.http_cache_put(url, entry.etag, entry.last_modified)
