"""The SQLite backend: the default, embedded store in one file.

Every connection runs in WAL mode (readers never block the writer, and a killed process leaves
a database that opens), with foreign keys on, a busy timeout (a second process waits for the
lock instead of failing at once) and ``synchronous=NORMAL`` (safe with WAL: a power cut may lose
the last commits, never corrupt the file).

Python's sqlite3 module, left to itself, does not BEGIN before DDL, so a failed migration
would be half-applied. We take transaction control over, as SQLAlchemy documents: the driver
stays in autocommit and we emit BEGIN ourselves — ``BEGIN IMMEDIATE`` for writes, so a
write transaction holds the write lock from its first statement and two ingests never deadlock
upgrading a read lock.

Full-text search is an external-content FTS5 table over ``documents`` (title and text are not
stored twice), kept in sync by triggers, so it commits or rolls back with the document.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, create_engine, event, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

from newsgraph.errors import StoreError
from newsgraph.store.backend import EngineBackend, search_terms

__all__ = ["MEMORY", "SQLiteBackend", "fts_query"]

MEMORY = ":memory:"

# Milliseconds a writer waits for another process's write lock before giving up.
BUSY_TIMEOUT_MS = 10_000
# Title words count four times as much as body words: a headline match is what people mean.
TITLE_WEIGHT, TEXT_WEIGHT = 4.0, 1.0
# Words of context around the matches in a snippet.
SNIPPET_WORDS = 16

_WRITE = "newsgraph_write"  # execution option that marks the write engine's connections

_FTS_DDL = (
    # porter: "visits" finds "visit"; remove_diacritics: "Zelenskyy" finds "Zelenskyý".
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='seq',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF seq, title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
)

_SEARCH = text(
    f"""SELECT d.id, d.title, d.url, d.published,
               snippet(documents_fts, -1, :open, :close, '…', {SNIPPET_WORDS}) AS snippet,
               bm25(documents_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS rank
        FROM documents_fts JOIN documents AS d ON d.seq = documents_fts.rowid
        WHERE documents_fts MATCH :query
        ORDER BY rank, d.seq
        LIMIT :limit OFFSET :offset"""
)

# The same match as _SEARCH, as a subquery of ids: facts are filtered by their document's words.
_MATCHING = text(
    """SELECT d.id FROM documents_fts JOIN documents AS d ON d.seq = documents_fts.rowid
        WHERE documents_fts MATCH :words"""
)


def fts_query(user_text: str) -> str | None:
    """An FTS5 query matching documents that contain every word of ``user_text`` (see
    :func:`~newsgraph.store.backend.search_terms`): each word a quoted FTS5 string, so no user
    text is read as syntax. None when no word is left."""
    terms = ['"' + t.word.replace('"', '""') + '"' + ("*" if t.prefix else "") for t in search_terms(user_text)]
    return " ".join(terms) or None


class SQLiteBackend(EngineBackend):
    """A newsgraph database in one SQLite file (or in memory, for tests and one-off runs)."""

    name = "sqlite"

    def __init__(self, path: str) -> None:
        self.location = path
        if path == MEMORY:
            # One shared connection, or every checkout would see its own empty database.
            engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            engine = create_engine(URL.create("sqlite", database=path))
        event.listen(engine, "connect", _configure_connection)
        event.listen(engine, "begin", _begin)
        self._engine = engine
        self._write_engine = engine.execution_options(**{_WRITE: True})
        self._search_ddl = _FTS_DDL
        self._search_sql = _SEARCH
        self._match_sql = _MATCHING
        self._probe()

    def _probe(self) -> None:
        """Open one connection now, so a bad path fails here with a message that says why."""
        try:
            with self._engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
        except (SQLAlchemyError, sqlite3.Error) as exc:
            self._engine.dispose()
            raise self._open_error(exc) from exc

    def _open_error(self, exc: BaseException) -> StoreError:
        cause = str(exc.orig if isinstance(exc, DBAPIError) else exc)
        if "not a database" in cause:
            return StoreError(f"{self.location} is not a newsgraph database ({cause}); pass another --db")
        where = Path(self.location).expanduser().parent
        return StoreError(
            f"cannot open database {self.location} ({cause}); check that the folder {where} exists "
            "and is writable, or pass another --db"
        )

    def _insert(self, table: Table) -> Any:
        return sqlite_insert(table)

    def _match(self, query: str) -> str | None:
        return fts_query(query)

    def _score(self, rank: float) -> float:
        return -rank  # bm25() is lower-is-better; people expect higher-is-better

    def pragmas(self) -> dict[str, str]:
        """The connection settings in force, for diagnostics and tests."""
        names = ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        with self._engine.connect() as conn:
            return {name: str(conn.exec_driver_sql(f"PRAGMA {name}").scalar_one()) for name in names}


def _configure_connection(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves: see the module docstring
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")  # first: the next one may wait
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")
