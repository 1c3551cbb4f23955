"""The seam between the store and a database engine: what a backend must provide.

:class:`newsgraph.store.store.Store` holds everything that portable SQL can express (dedup,
writing an Analysis in one transaction, reading it back, counts). A backend adds only what
differs between engines: how connections and transactions are opened, how an upsert is spelt,
the full-text index and its query language. SQLite implements it in ``sqlite.py``; PostgreSQL
(issue 7) will implement the same protocol in ``postgres.py`` and register itself in
``registry.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, String, Table, TextClause
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.selectable import TextualSelect

from newsgraph.errors import StoreError

__all__ = ["Backend", "EngineBackend", "SearchHit", "SearchTerm", "search_terms"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchTerm:
    """One word of a user's search; ``prefix`` when it ended in ``*`` (``ukrain*``)."""

    word: str
    prefix: bool = False


def search_terms(user_text: str) -> list[SearchTerm]:
    """The words of a user's search, the same for every backend.

    User text is never handed to an engine as query syntax: quotes, ``AND``, ``NEAR``, ``-`` or
    ``:`` are just words, so no query can fail. One convenience survives: a trailing ``*`` asks
    for a prefix. Tokens without a letter or digit match nothing and are dropped. NULs are
    dropped too (SQLite reads a query only up to one; PostgreSQL text cannot hold one).
    """
    terms = []
    for token in user_text.replace("\x00", " ").split():
        prefix = len(token) > 1 and token.endswith("*")
        word = token.rstrip("*") if prefix else token
        if any(ch.isalnum() for ch in word):
            terms.append(SearchTerm(word=word, prefix=prefix))
    return terms


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    """One document matching a full-text query.

    ``snippet`` is a short extract with the matched words between the ``highlight`` markers
    passed to ``Store.search`` (plain text, not HTML: a web page must escape it first).
    ``score`` is higher for better matches; it compares hits of one query, not across queries.
    """

    document_id: str
    title: str | None
    url: str | None
    published: str | None
    snippet: str
    score: float


class Backend(Protocol):
    """What a database engine must provide to the store."""

    #: The engine's name as used in database URLs (``sqlite``, ``postgresql``).
    name: str
    #: How to name this database in messages: the path or URL as the user gave it.
    location: str

    def reading(self) -> AbstractContextManager[Connection]:
        """A connection for reads; everything read through it comes from one snapshot."""
        ...

    def writing(self) -> AbstractContextManager[Connection]:
        """One write transaction: committed when the block ends, rolled back if it raises.
        Writers are serialised, so a check-then-insert inside it cannot race another writer."""
        ...

    def upsert(
        self,
        conn: Connection,
        table: Table,
        rows: Sequence[dict[str, Any]],
        *,
        key: Sequence[str],
        update: Sequence[str],
    ) -> None:
        """Insert ``rows``; where one collides on ``key``, overwrite its ``update`` columns
        (or keep the existing row when ``update`` is empty)."""
        ...

    def create_search_index(self, conn: Connection) -> None:
        """Create the full-text index over documents' title and text (run by migration 1)."""
        ...

    def search(
        self, conn: Connection, query: str, *, limit: int, offset: int, highlight: tuple[str, str]
    ) -> list[SearchHit]:
        """Documents matching ``query`` (user words, never raw engine syntax), best first."""
        ...

    def matching_documents(self, query: str) -> TextualSelect | None:
        """The ids of the documents ``search`` finds for ``query``, as a subquery (one ``id``
        column) to filter facts by in SQL; None when no word of ``query`` is left."""
        ...

    def close(self) -> None:
        """Release every connection."""
        ...


class EngineBackend:
    """What the SQLite and PostgreSQL backends share; each subclass says only what differs:
    its engines, the dialect's INSERT (for upserts), the full-text DDL and query, how user words
    become a match expression, and how the engine's rank becomes a higher-is-better score."""

    name: str
    location: str
    _engine: Engine
    _write_engine: Engine
    _search_ddl: tuple[str, ...]
    _search_sql: TextClause
    #: ``SELECT id FROM documents ...`` matching the bound ``:words`` (the engine's match expression).
    _match_sql: TextClause

    def reading(self) -> AbstractContextManager[Connection]:
        return self._engine.connect()

    def writing(self) -> AbstractContextManager[Connection]:
        return self._write_engine.begin()

    def upsert(
        self,
        conn: Connection,
        table: Table,
        rows: Sequence[dict[str, Any]],
        *,
        key: Sequence[str],
        update: Sequence[str],
    ) -> None:
        if not rows:
            return
        insert = self._insert(table)
        if update:
            statement = insert.on_conflict_do_update(
                index_elements=list(key), set_={column: insert.excluded[column] for column in update}
            )
        else:
            statement = insert.on_conflict_do_nothing(index_elements=list(key))
        conn.execute(statement, list(rows))

    def create_search_index(self, conn: Connection) -> None:
        for ddl in self._search_ddl:
            conn.exec_driver_sql(ddl)

    def search(
        self, conn: Connection, query: str, *, limit: int, offset: int, highlight: tuple[str, str]
    ) -> list[SearchHit]:
        match = self._match(query)
        if match is None:
            return []
        params = {"query": match, "limit": limit, "offset": offset, "open": highlight[0], "close": highlight[1]}
        try:
            rows = conn.execute(self._search_sql, params).all()
        except DBAPIError as exc:
            raise StoreError(f"{self.location}: search for {query!r} failed ({exc.orig}); try plain words") from exc
        return [
            SearchHit(
                document_id=row.id,
                title=row.title,
                url=row.url,
                published=row.published,
                snippet=row.snippet,
                score=self._score(row.rank),
            )
            for row in rows
        ]

    def matching_documents(self, query: str) -> TextualSelect | None:
        match = self._match(query)
        if match is None:
            return None
        return self._match_sql.bindparams(words=match).columns(id=String)

    def close(self) -> None:
        self._engine.dispose()

    def _insert(self, table: Table) -> Any:
        """The dialect's INSERT construct (it has ``on_conflict_do_update``)."""
        raise NotImplementedError

    def _match(self, query: str) -> str | None:
        """The engine's match expression for the user's words; None when no word is left."""
        raise NotImplementedError

    def _score(self, rank: float) -> float:
        raise NotImplementedError
