"""Where documents, facts and rejections are kept: ``open_store(url_or_path)`` gives a Store.

schema.py      the tables, declared once (SQLAlchemy Core, portable types)
migrations.py  schema versions and the steps between them, applied on open
records.py     rows to and from model objects
store.py       Store: the portable API (add, dedup, read, search, stats)
backend.py     the Backend protocol: what an engine adds (transactions, upsert, full-text)
sqlite.py      the SQLite backend (WAL, FTS5)
registry.py    database URL -> backend
http_cache.py  the store as the fetcher's conditional-GET cache
"""

from newsgraph.store.backend import Backend, SearchHit
from newsgraph.store.http_cache import CachedResponse, StoreHttpCache
from newsgraph.store.migrations import SCHEMA_VERSION
from newsgraph.store.registry import open_store
from newsgraph.store.store import Duplicate, Store

__all__ = [
    "SCHEMA_VERSION",
    "Backend",
    "CachedResponse",
    "Duplicate",
    "SearchHit",
    "Store",
    "StoreHttpCache",
    "open_store",
]
