"""The store: the one API through which the CLI, the runner and (later) the REST API keep and
read documents, facts and rejections. Portable SQL only; engine specifics live in a Backend.

Writing is all-or-nothing per call: ``add`` stores a document with every fact in one
transaction, ``add_many`` a whole batch in one, so an ingest killed at any moment leaves
complete documents or none, and re-running it resumes where it stopped (duplicates are skipped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Table, and_, func, or_, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.sql.selectable import TextualSelect

from newsgraph.errors import StoreError
from newsgraph.model import Analysis, Document, Entity, Rejection
from newsgraph.store import records
from newsgraph.store.backend import Backend, SearchHit
from newsgraph.store.corpus import read_progress
from newsgraph.store.http_cache import CachedResponse, StoreHttpCache
from newsgraph.store.migrations import SCHEMA_VERSION, migrate, read_version
from newsgraph.store.schema import (
    FACT_TABLES,
    document_entities,
    documents,
    entities,
    event_edges,
    event_participants,
    http_cache,
    merged_events,
    near_duplicates,
    rejections,
    stories,
)

__all__ = ["Duplicate", "Store"]

# Rows fetched per round trip when iterating: short read transactions, bounded memory.
PAGE_SIZE = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class Duplicate:
    """A stored document that a new one duplicates: ``by`` is ``"id"``, ``"url"`` or ``"text"``
    (same normalised text), checked in that order; ``origin`` is where the stored one came from."""

    document_id: str
    by: str
    origin: str | None


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class Store:
    """Documents, their facts and rejections in one database. Open with ``open_store``."""

    def __init__(self, backend: Backend, *, clock: Callable[[], str] = utc_now) -> None:
        self._backend = backend
        self._clock = clock
        try:
            # Readers (``stats`` during an ingest) must not wait for the writer: take the write
            # lock only when there is something to create or migrate.
            with backend.reading() as conn:
                current = read_version(conn, backend.location)
            if current == SCHEMA_VERSION:
                self._schema_version = current
            else:
                with backend.writing() as conn:
                    self._schema_version = migrate(conn, backend)
        except SQLAlchemyError as exc:
            backend.close()
            raise StoreError(f"{backend.location}: could not open the database: {_cause(exc)}") from exc
        except StoreError:
            backend.close()
            raise

    @property
    def schema_version(self) -> int:
        return self._schema_version

    @property
    def location(self) -> str:
        return self._backend.location

    # --- writing ---------------------------------------------------------------------------

    def add(self, analysis: Analysis) -> bool:
        """Store a document and all its facts; False (and nothing written) if it is a duplicate."""
        return self.add_many([analysis])[0]

    def add_many(self, analyses: Iterable[Analysis]) -> list[bool]:
        """Store a batch in one transaction; one flag per analysis, False for a duplicate (of a
        stored document or of one earlier in the batch). If any fails, none is stored."""
        batch = list(analyses)
        if not batch:
            return []
        for analysis in batch:
            records.check_analysis(analysis)
        what = "this document" if len(batch) == 1 else f"this batch of {len(batch)} documents"
        with self._writing(f"nothing of {what} was stored") as conn:
            now = self._clock()
            return [self._insert(conn, analysis, now, what) for analysis in batch]

    def _insert(self, conn: Connection, analysis: Analysis, now: str, what: str) -> bool:
        document = analysis.document
        if _find_duplicate(conn, document) is not None:
            return False
        try:
            seq = conn.execute(select(func.coalesce(func.max(documents.c.seq), 0) + 1)).scalar_one()
            conn.execute(documents.insert(), {**records.document_row(document, ingested_at=now), "seq": seq})
            self._backend.upsert(
                conn,
                entities,
                [records.entity_row(entity) for entity in analysis.entities],
                key=["id"],
                # Entities are shared: the latest analysis naming one has the freshest view of it.
                update=["name", "kind", "country", "stage", "stage_version", "data"],
            )
            links = [
                {"document_id": document.id, "entity_id": entity.id, "position": i}
                for i, entity in enumerate(analysis.entities)
            ]
            _insert_rows(conn, document_entities, links)
            for kind, rows in records.fact_rows(analysis).items():
                _insert_rows(conn, FACT_TABLES[kind], rows)
            _insert_rows(conn, event_participants, records.participant_rows(analysis))
            _insert_rows(conn, event_edges, records.edge_rows(analysis))
        except SQLAlchemyError as exc:
            origin = f" ({document.origin})" if document.origin else ""
            raise StoreError(
                f"{self.location}: could not store document {document.id}{origin}: {_cause(exc)}; "
                f"nothing of {what} was stored"
            ) from exc
        return True

    def add_rejection(self, rejection: Rejection) -> None:
        """Record a rejection; the same input rejected again for the same reason updates its
        message rather than adding a row (its first ``created_at`` is kept)."""
        row = records.rejection_row(rejection, created_at=self._clock())
        with self._writing("the rejection was not recorded") as conn:
            self._backend.upsert(conn, rejections, [row], key=["id"], update=["message", "document_id"])

    def http_cache_put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        row = {"url": url, "etag": etag, "last_modified": last_modified, "fetched_at": self._clock()}
        with self._writing("the HTTP cache entry was not saved") as conn:
            self._backend.upsert(conn, http_cache, [row], key=["url"], update=["etag", "last_modified", "fetched_at"])

    # --- reading ---------------------------------------------------------------------------

    def find_duplicate(self, document: Document) -> Duplicate | None:
        """The stored document this one duplicates, if any: call before NLP to skip known ones."""
        with self._reading() as conn:
            return _find_duplicate(conn, document)

    def get_document(self, document_id: str) -> Document | None:
        with self._reading() as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id)).mappings().first()
        return None if row is None else records.document_from_row(row)

    def get_analysis(self, document_id: str) -> Analysis | None:
        """The document with every stored fact, in the order they were added. Entities are the
        shared, corpus-level rows: as last written by any document that names them."""
        with self._reading() as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id)).mappings().first()
            if row is None:
                return None
            facts: dict[str, tuple[Any, ...]] = {}
            for kind, table in FACT_TABLES.items():
                query = select(table.c.data).where(table.c.document_id == document_id).order_by(table.c.position)
                facts[kind] = tuple(records.fact_from_data(kind, data) for data in conn.scalars(query))
            query = (
                select(entities.c.data)
                .join(document_entities, document_entities.c.entity_id == entities.c.id)
                .where(document_entities.c.document_id == document_id)
                .order_by(document_entities.c.position)
            )
            facts["entities"] = tuple(records.fact_from_data("entities", data) for data in conn.scalars(query))
        return Analysis(document=records.document_from_row(row), **facts)

    def iter_documents(self) -> Iterator[Document]:
        """Every document, in the order they were stored, a page at a time."""
        last = 0
        while True:
            query = select(documents).where(documents.c.seq > last).order_by(documents.c.seq).limit(PAGE_SIZE)
            with self._reading() as conn:
                page = conn.execute(query).mappings().all()
            for row in page:
                yield records.document_from_row(row)
            if len(page) < PAGE_SIZE:
                return
            last = page[-1]["seq"]

    def iter_rejections(self, reason: str | None = None) -> Iterator[Rejection]:
        """Every rejection (or those with ``reason``), oldest first, a page at a time."""
        last: tuple[str, str] | None = None
        while True:
            query = select(rejections).order_by(rejections.c.created_at, rejections.c.id).limit(PAGE_SIZE)
            if reason is not None:
                query = query.where(rejections.c.reason == reason)
            if last is not None:
                after = or_(
                    rejections.c.created_at > last[0],
                    and_(rejections.c.created_at == last[0], rejections.c.id > last[1]),
                )
                query = query.where(after)
            with self._reading() as conn:
                page = conn.execute(query).mappings().all()
            for row in page:
                yield records.rejection_from_row(row)
            if len(page) < PAGE_SIZE:
                return
            last = (page[-1]["created_at"], page[-1]["id"])

    def search(
        self, query: str, *, limit: int = 20, offset: int = 0, highlight: tuple[str, str] = ("[", "]")
    ) -> list[SearchHit]:
        """Documents containing every word of ``query`` (in title or text), best first.

        Words are plain words: quotes and operators such as ``AND`` or ``NEAR`` are searched
        for, not interpreted, so no query can fail; a trailing ``*`` matches a prefix.
        Page through results with ``offset``.
        """
        if limit < 1 or offset < 0:
            raise StoreError(f"search: need limit >= 1 and offset >= 0, got limit={limit}, offset={offset}")
        with self._reading() as conn:
            return self._backend.search(conn, query, limit=limit, offset=offset, highlight=highlight)

    def matching_documents(self, query: str) -> TextualSelect | None:
        """The ids of the documents ``search`` finds for ``query`` (every word, same rules), as a
        subquery with one ``id`` column: ``events.c.document_id.in_(...)`` keeps the facts of
        those documents without reading them. None when ``query`` holds no word."""
        return self._backend.matching_documents(query)

    def people_named(self, word: str) -> list[Entity]:
        """Person entities whose name has ``word`` as one of its words (case-insensitive), for
        cross-document linking of short names ("Xi" -> "Xi Jinping")."""
        word = word.strip()
        if not word:
            return []
        # The word is data, not a pattern: "%" and "_" in it match only themselves.
        literal = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        patterns = (f"{literal} %", f"% {literal}", f"% {literal} %", literal)
        name = entities.c.name
        query = select(entities.c.data).where(
            entities.c.kind == "person", or_(*(name.ilike(p, escape="\\") for p in patterns))
        )
        with self._reading() as conn:
            return [records.fact_from_data("entities", data) for data in conn.scalars(query)]

    def stats(self) -> dict[str, int]:
        """How many documents, rejections and facts of each kind the database holds, then what
        cross-document linking made of them: near-duplicate links, stories, merged events (and
        those reported by two or more articles), and the documents not linked yet (stored with
        ``--no-link``, or by an interrupted ingest or link). Keys are stable; new ones go last."""
        tables = {
            "documents": documents,
            "rejections": rejections,
            "entities": entities,
            **FACT_TABLES,
            "near_duplicates": near_duplicates,
            "stories": stories,
            "merged_events": merged_events,
        }
        order = (
            *("documents", "rejections", "mentions", "entities", "time_expressions", "quotes", "events"),
            *("near_duplicates", "stories", "merged_events"),
        )
        several = select(func.count()).select_from(merged_events).where(merged_events.c.articles >= 2)
        with self._reading() as conn:
            counts = {name: conn.execute(select(func.count()).select_from(tables[name])).scalar_one() for name in order}
            counts["merged_events_reported_by_several"] = conn.execute(several).scalar_one()
            counts["unlinked_documents"] = _unlinked(conn)
        return counts

    def unlinked_documents(self) -> int:
        """How many stored documents cross-document linking has not reached yet."""
        with self._reading() as conn:
            return _unlinked(conn)

    def http_cache(self) -> StoreHttpCache:
        """This store as a fetcher's cache (``get(url)``, ``put(url, entry)``)."""
        return StoreHttpCache(self)

    def http_cache_get(self, url: str) -> CachedResponse | None:
        with self._reading() as conn:
            row = conn.execute(select(http_cache).where(http_cache.c.url == url)).mappings().first()
        return None if row is None else CachedResponse(**row)

    # --- for the query and linking layers ------------------------------------------------

    @property
    def backend_name(self) -> str:
        """``sqlite`` or ``postgresql``: for the rare query that must be spelt per engine."""
        return self._backend.name

    def read(self) -> AbstractContextManager[Connection]:
        """A read connection on one snapshot, for modules that build their own portable queries
        over the declared schema (``newsgraph.query``); errors come out as StoreError."""
        return self._reading()

    def write(self, consequence: str) -> AbstractContextManager[Connection]:
        """One write transaction (all or nothing), for modules that keep their own tables
        (``newsgraph.linking``); ``consequence`` ends the error message if it fails."""
        return self._writing(consequence)

    # --- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self._backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _writing(self, consequence: str) -> Iterator[Connection]:
        try:
            with self._backend.writing() as conn:
                yield conn
        except SQLAlchemyError as exc:  # e.g. the commit itself failed: disk full, lock timeout
            raise StoreError(f"{self.location}: write failed: {_cause(exc)}; {consequence}") from exc

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self._backend.reading() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.location}: read failed: {_cause(exc)}") from exc


def _find_duplicate(conn: Connection, document: Document) -> Duplicate | None:
    text_hash = document.text_hash
    same = [documents.c.id == document.id, documents.c.text_hash == text_hash]
    if document.url is not None:
        same.append(documents.c.url == document.url)
    query = select(documents.c.id, documents.c.url, documents.c.text_hash, documents.c.origin).where(or_(*same))
    rows = conn.execute(query).all()
    checks: tuple[tuple[str, Callable[[Any], bool]], ...] = (
        ("id", lambda row: row.id == document.id),
        ("url", lambda row: document.url is not None and row.url == document.url),
        ("text", lambda row: row.text_hash == text_hash),
    )
    for by, matches in checks:
        for row in rows:
            if matches(row):
                return Duplicate(document_id=row.id, by=by, origin=row.origin)
    return None


def _unlinked(conn: Connection) -> int:
    """Documents stored after the linking watermark (``linking.corpus`` links in ``seq`` order)."""
    seq, _ = read_progress(conn)
    return int(conn.execute(select(func.count()).select_from(documents).where(documents.c.seq > seq)).scalar_one())


def _insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(table.insert(), rows)


def _cause(exc: SQLAlchemyError) -> str:
    # The driver's own message ("UNIQUE constraint failed: mentions.id"), without the SQL, on one
    # line (PostgreSQL adds a DETAIL line).
    return " ".join(str(exc.orig if isinstance(exc, DBAPIError) else exc).split())
