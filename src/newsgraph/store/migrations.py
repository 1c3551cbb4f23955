"""Schema versions: which one a database is at, and the steps that bring it up to date.

The version lives in the ``meta`` table under ``schema_version``. ``migrate`` runs on every open,
inside the caller's write transaction, so a migration that fails leaves the database exactly as
it was (SQLite and PostgreSQL both roll back DDL).

A brand-new database is created directly at the latest version from ``schema.py`` (migration 1,
"create all"); later migrations (2, 3, ...) each turn version N-1 into N and only ever run on
databases that existed before them. So when a later issue changes ``schema.py``, it appends the
matching ``Migration`` here: ``SCHEMA_VERSION`` follows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Index, Table, bindparam, inspect, or_, select, text, update
from sqlalchemy.schema import CreateColumn

from newsgraph.errors import StoreError
from newsgraph.model import Analysis, Document, Event
from newsgraph.store import records
from newsgraph.store.backend import Backend
from newsgraph.store.schema import (
    document_signatures,
    documents,
    event_edges,
    event_participants,
    events,
    linking_state,
    merged_event_members,
    merged_events,
    meta,
    metadata,
    near_duplicates,
    quotes,
    signature_bands,
    stories,
    story_documents,
    story_terms,
)

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "migrate", "read_version"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Migration:
    """One step: ``apply`` turns a database at ``version - 1`` into one at ``version``."""

    version: int
    description: str
    apply: Callable[[Connection, Backend], None]


def create_schema(conn: Connection, backend: Backend) -> None:
    """Every table declared in ``schema.py``, plus the backend's full-text index."""
    metadata.create_all(conn)
    backend.create_search_index(conn)


#: The tables migration 2 added (version 1 databases have none of them).
_CORPUS_TABLES = (
    event_participants,
    event_edges,
    near_duplicates,
    document_signatures,
    signature_bands,
    stories,
    story_documents,
    story_terms,
    merged_events,
    merged_event_members,
    linking_state,
)


def add_corpus_tables(conn: Connection, backend: Backend) -> None:
    """Version 2: the date columns of events and quotes, the event participants index (filled
    from the stored events) and the empty cross-document tables (near-duplicates, stories,
    merged events, the near-duplicate signatures and story term
    frequencies, linking state)."""
    for table in (events, quotes):
        conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN date VARCHAR(10)"))
        conn.execute(text(f"CREATE INDEX ix_{table.name}_date ON {table.name} (date)"))
    metadata.create_all(conn, tables=list(_CORPUS_TABLES))
    # The query layer's covering indexes on events and quotes (timelines, the network).
    for table in (events, quotes):
        existing = {index["name"] for index in inspect(conn).get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in existing:
                index.create(conn)
    published: dict[str, str | None] = {
        row.id: row.published for row in conn.execute(select(documents.c.id, documents.c.published))
    }
    for table, kind in ((events, "events"), (quotes, "quotes")):
        last = ""
        while True:
            query = select(table.c.id, table.c.document_id, table.c.data)
            page = conn.execute(query.where(table.c.id > last).order_by(table.c.id).limit(_PAGE)).all()
            for fact_id, document_id, data in page:
                date = records.fact_date(data.get("time"), published.get(document_id))
                conn.execute(update(table).where(table.c.id == fact_id).values(date=date))
            if kind == "events" and page:
                facts = [records.fact_from_data(kind, data) for _, _, data in page]
                by_document: dict[str, list[Event]] = {}
                for (_, document_id, _), fact in zip(page, facts, strict=True):
                    by_document.setdefault(document_id, []).append(fact)
                for document_id, found in by_document.items():
                    document = Document(id=document_id, text="", published=published.get(document_id))
                    analysis = Analysis(document=document, events=tuple(found))
                    for index_table, rows in (
                        (event_participants, records.participant_rows(analysis)),
                        (event_edges, records.edge_rows(analysis)),
                    ):
                        if rows:
                            conn.execute(index_table.insert(), rows)
            if len(page) < _PAGE:
                break
            last = page[-1][0]


_PAGE = 1000

#: The tables that carry each event's confidence and background flag (migration 3).
_CONFIDENCE_TABLES = (events, event_participants, event_edges)
_CONFIDENCE_COLUMNS = ("confidence", "background")


def add_event_confidence(conn: Connection, backend: Backend) -> None:
    """Version 3: ``confidence`` and ``background`` on ``events``, ``event_participants`` and
    ``event_edges``, filled from each stored event's ``data`` (``provenance.confidence``, None
    for events stored before the classifier; ``background``, false for events stored before it
    existed), and the covering indexes that now end in those two columns."""
    for table in _CONFIDENCE_TABLES:
        present = {column["name"] for column in inspect(conn).get_columns(table.name)}
        for name in _CONFIDENCE_COLUMNS:
            # A version 1 database got the participant and edge tables in today's shape from
            # migration 2: only add what is missing.
            if name not in present:
                column = CreateColumn(table.c[name]).compile(dialect=conn.dialect)
                conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {column}"))
    _fill_event_confidence(conn)
    for table in _CONFIDENCE_TABLES:
        _extend_indexes(conn, table)


def _fill_event_confidence(conn: Connection) -> None:
    """Copy each event's confidence and background flag from its ``data`` into the columns of
    ``events``, then from ``events`` into its participant and edge rows. Events with neither (no
    confidence, not background) already hold the columns' defaults and are not rewritten."""
    e = events
    fill = (
        update(e)
        .where(e.c.id == bindparam("event_id"))
        .values(confidence=bindparam("event_confidence"), background=bindparam("event_background"))
    )
    last = ""
    while True:
        page = conn.execute(select(e.c.id, e.c.data).where(e.c.id > last).order_by(e.c.id).limit(_PAGE)).all()
        values = []
        for event_id, data in page:
            confidence = (data.get("provenance") or {}).get("confidence")
            background = bool(data.get("background", False))
            if confidence is not None or background:
                values.append({"event_id": event_id, "event_confidence": confidence, "event_background": background})
        if values:
            conn.execute(fill, values)
        if len(page) < _PAGE:
            break
        last = page[-1][0]
    changed = select(e.c.id).where(or_(e.c.confidence.is_not(None), e.c.background))
    for table in (event_participants, event_edges):
        own = e.c.id == table.c.event_id
        conn.execute(
            update(table)
            .where(table.c.event_id.in_(changed))
            .values(
                confidence=select(e.c.confidence).where(own).scalar_subquery(),
                background=select(e.c.background).where(own).scalar_subquery(),
            )
        )


def _extend_indexes(conn: Connection, table: Table) -> None:
    """Create the indexes ``schema.py`` declares on ``table`` that the database lacks, and drop
    the ones they extend (an index whose columns begin a declared one's: the covering index
    before it gained columns). Indexes are matched by their columns, not their names: a long
    name is cut short differently on each backend."""
    existing: dict[tuple[str | None, ...], str | None] = {
        tuple(index["column_names"]): index["name"] for index in inspect(conn).get_indexes(table.name)
    }
    declared: dict[tuple[str | None, ...], Index] = {
        tuple(column.name for column in index.columns): index for index in table.indexes
    }
    for columns, index in declared.items():
        if columns not in existing:
            index.create(conn)
    quote = conn.dialect.identifier_preparer.quote
    for columns, name in existing.items():
        extended = any(len(longer) > len(columns) and longer[: len(columns)] == columns for longer in declared)
        if extended and columns not in declared and name is not None:
            conn.execute(text(f"DROP INDEX {quote(name)}"))


#: The columns migration 4 adds to ``documents``.
_FURNITURE_COLUMNS = ("dateline_place", "furniture")


def add_document_furniture(conn: Connection, backend: Backend) -> None:
    """Version 4: ``dateline_place`` and ``furniture`` on ``documents``. Documents stored before
    were read with their furniture in the text and no dateline field, so both stay empty (NULL,
    read back as none): nothing is lost, and re-ingesting an article fills them under its new id."""
    present = {column["name"] for column in inspect(conn).get_columns(documents.name)}
    for name in _FURNITURE_COLUMNS:
        if name not in present:
            column = CreateColumn(documents.c[name]).compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE {documents.name} ADD COLUMN {column}"))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(version=1, description="create every table and the full-text index", apply=create_schema),
    Migration(
        version=2,
        description="event and quote dates, event participants, cross-document tables",
        apply=add_corpus_tables,
    ),
    Migration(
        version=3,
        description="event confidence and background on events, participants and edges",
        apply=add_event_confidence,
    ),
    Migration(
        version=4,
        description="the dateline's place and the page furniture taken out of each document's text",
        apply=add_document_furniture,
    ),
)

#: The schema version this code reads and writes.
SCHEMA_VERSION = MIGRATIONS[-1].version


def read_version(conn: Connection, location: str) -> int | None:
    """The database's schema version, or None when it has no tables at all (a new database).

    ``location`` names the database in the error raised for one that has tables but is not ours.
    """
    tables = set(inspect(conn).get_table_names())
    if not tables:
        return None
    value = None
    if meta.name in tables:
        query = select(meta.c.value).where(meta.c.key == "schema_version")
        value = conn.execute(query).scalar_one_or_none()
    if value is None or not value.isdigit():
        raise StoreError(
            f"{location} is not a newsgraph database (it has tables but no newsgraph schema version); pass another --db"
        )
    return int(value)


def migrate(conn: Connection, backend: Backend, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database up to the last of ``migrations``; return the version it is now at."""
    latest = migrations[-1].version
    current = read_version(conn, backend.location)
    if current is None:
        # A fresh database: the declared schema already is the latest version.
        create_schema(conn, backend)
        _write_version(conn, latest, insert=True)
        return latest
    if current > latest:
        raise StoreError(
            f"{backend.location}: database schema version {current} is newer than this newsgraph "
            f"({latest}); upgrade newsgraph"
        )
    for migration in migrations:
        if migration.version <= current:
            continue
        try:
            migration.apply(conn, backend)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(
                f"{backend.location}: migration to schema version {migration.version} "
                f"({migration.description}) failed: {exc}; the database is unchanged at version "
                f"{current}. Report this with the message above"
            ) from exc
        _write_version(conn, migration.version, insert=False)
    return latest


def _write_version(conn: Connection, version: int, *, insert: bool) -> None:
    if insert:
        conn.execute(meta.insert().values(key="schema_version", value=str(version)))
    else:
        conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(version)))
