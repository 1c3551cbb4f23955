"""Which backend serves which database URL: the one place ``--db`` values are understood.

Accepted: ``sqlite:///news.db`` (relative), ``sqlite:////abs/news.db``, ``sqlite://`` or
``:memory:`` (in memory), a plain file path (``news.db``, ``~/data/news.db``), and later
``postgresql://user:password@host/database``. A new engine registers a factory in ``BACKENDS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from newsgraph.errors import StoreError
from newsgraph.store.backend import Backend
from newsgraph.store.postgres import PostgresBackend
from newsgraph.store.postgres import redact as _redact
from newsgraph.store.sqlite import MEMORY, SQLiteBackend
from newsgraph.store.store import Store

__all__ = ["BACKENDS", "open_store"]


def _sqlite(url: str, *, create: bool) -> Backend:
    database = make_url(url).database
    if not database or database == MEMORY:
        return SQLiteBackend(MEMORY)
    return SQLiteBackend(_file_path(database, create=create))


def _postgresql(url: str, *, create: bool) -> Backend:
    return PostgresBackend(url, create=create)


#: Backend factories by URL scheme (the part before ``://``, without a ``+driver`` suffix).
#: ``create=False`` means "open an existing database only" (for commands that only read).
BACKENDS: dict[str, Callable[..., Backend]] = {
    "sqlite": _sqlite,
    "postgresql": _postgresql,
    "postgres": _postgresql,
}


def open_store(url_or_path: str, *, create: bool = True) -> Store:
    """Open (migrating as needed) the database named by a URL or a file path.

    With ``create=False`` a database that does not exist yet is an error instead of being
    created: a read-only command should not leave an empty file behind a typo.
    """
    if "://" not in url_or_path:
        path = url_or_path if url_or_path == MEMORY else _file_path(url_or_path, create=create)
        return Store(SQLiteBackend(path))
    scheme = url_or_path.split("://", 1)[0].split("+", 1)[0].lower()
    factory = BACKENDS.get(scheme)
    if factory is None:
        raise StoreError(
            f"cannot open {_redact(url_or_path)}: unsupported database type {scheme!r}; "
            f"use one of {', '.join(sorted(BACKENDS))} (e.g. sqlite:///news.db) or a plain file path"
        )
    try:
        backend = factory(url_or_path, create=create)
    except ArgumentError as exc:
        raise StoreError(f"cannot open {_redact(url_or_path)}: not a valid database URL ({exc})") from exc
    return Store(backend)


def _file_path(path: str, *, create: bool) -> str:
    expanded = Path(path).expanduser()
    if not create and not expanded.exists():
        raise StoreError(
            f"there is no newsgraph database at {path} yet; build one with: newsgraph ingest PATH --db {path}"
        )
    if expanded.is_dir():
        example = expanded / "newsgraph.db"
        raise StoreError(f"{path} is a folder, not a database file; pass a file path such as --db {example}")
    return str(expanded)
