"""The database schema, declared once with SQLAlchemy Core so SQLite and PostgreSQL share it.

Only portable column types (String, Text, Integer, Float, Boolean, JSON, LargeBinary) appear here;
anything backend-specific (SQLite's FTS5 index, PostgreSQL's tsvector) is created by the backend.

Every fact table keeps the fact's queryable fields as columns, for filtering and joins, plus a
``data`` JSON column holding the whole ``to_dict(fact)``: reading a fact back is
``from_dict(cls, data)``, so the columns never have to cover every field to round-trip exactly.
``position`` keeps each fact's place in its document's list, so an Analysis comes back in the
order it went in.

Timestamps are ISO 8601 strings in UTC: they sort as text and mean the same on every backend.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    false,
)

__all__ = [
    "FACT_TABLES",
    "document_entities",
    "document_signatures",
    "documents",
    "entities",
    "event_edges",
    "event_participants",
    "events",
    "http_cache",
    "linking_state",
    "mentions",
    "merged_event_members",
    "merged_events",
    "meta",
    "metadata",
    "near_duplicates",
    "quotes",
    "rejections",
    "signature_bands",
    "stories",
    "story_documents",
    "story_terms",
    "time_expressions",
]

# Named constraints, so a later migration can drop or alter them by name on any backend.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Ids are content-derived (``doc_`` + 16 hex digits), URLs can be long.
_ID = 64
_URL = 2048

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(_ID), primary_key=True),
    # A stable integer per document: SQLite's FTS5 index refers to rows by integer, and the
    # implicit rowid of a table without an INTEGER PRIMARY KEY may change on VACUUM.
    Column("seq", Integer, nullable=False, unique=True),
    Column("url", String(_URL), unique=True),  # NULLs do not collide on either backend
    Column("text_hash", String(64), nullable=False, unique=True),
    Column("source", Text),
    Column("title", Text),
    Column("standfirst", Text),
    Column("section", Text),
    Column("byline", Text),
    Column("published", String(40), index=True),
    Column("published_source", String(40)),
    Column("retrieved", String(40)),
    Column("language", String(16)),
    Column("origin", Text),
    Column("extra", JSON, nullable=False),
    Column("text", Text, nullable=False),
    Column("ingested_at", String(40), nullable=False),
    # Schema version 4: the wire dateline's place, and the furniture taken out of the text (a
    # JSON list of {kind, text, line, at}; NULL in rows stored before it, read as none).
    Column("dateline_place", Text),
    Column("furniture", JSON),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", String(_ID), primary_key=True),  # Rejection.id: origin + reason, so re-runs upsert
    Column("origin", Text, nullable=False),
    Column("reason", String(40), nullable=False, index=True),
    Column("message", Text, nullable=False),
    Column("document_id", String(_ID)),  # no FK: the document was usually never stored
    Column("created_at", String(40), nullable=False),
)


def _provenance_columns() -> list[Column[object]]:
    return [
        Column("stage", String(64), nullable=False),
        Column("stage_version", String(32), nullable=False),
        Column("data", JSON, nullable=False),
    ]


def _confidence_columns() -> list[Column[object]]:
    """An event's ``confidence`` (the classifier's calibrated probability; NULL for an event
    stored before there was one) and ``background`` flag (``Event.background``): copied onto
    every table an event list, count, timeline or network reads, so the ``min_confidence`` and
    ``background`` filters are WHERE clauses on the rows (and index entries) already read."""
    return [
        Column("confidence", Float),
        Column("background", Boolean, nullable=False, default=False, server_default=false()),
    ]


def _document_columns() -> list[Column[object]]:
    return [
        Column(
            "document_id",
            String(_ID),
            ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        Column("position", Integer, nullable=False),
    ]


mentions = Table(
    "mentions",
    metadata,
    Column("id", String(_ID), primary_key=True),
    *_document_columns(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(32), nullable=False, index=True),
    Column("entity_id", String(_ID), index=True),  # no FK: linking may name entities stored later
    *_provenance_columns(),
)

# Entities are corpus-level: one row per canonical thing, shared by every document naming it.
entities = Table(
    "entities",
    metadata,
    Column("id", String(_ID), primary_key=True),
    Column("name", Text, nullable=False, index=True),
    Column("kind", String(32), nullable=False, index=True),
    Column("country", String(3), index=True),
    *_provenance_columns(),
)

document_entities = Table(
    "document_entities",
    metadata,
    Column("document_id", String(_ID), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String(_ID), ForeignKey("entities.id"), primary_key=True),
    Column("position", Integer, nullable=False),
    Index(None, "entity_id"),
)

time_expressions = Table(
    "time_expressions",
    metadata,
    Column("id", String(_ID), primary_key=True),
    *_document_columns(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", String(64), nullable=False),
    Column("earliest", String(40), index=True),
    Column("latest", String(40), index=True),
    *_provenance_columns(),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String(_ID), primary_key=True),
    *_document_columns(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("speaker_entity_id", String(_ID), index=True),
    Column("time", String(64)),
    # The day the quote was said (its own time, else the document's date): for timelines.
    Column("date", String(10), index=True),
    # Timelines read a speaker's quotes in (date, id) order straight off this index (newsgraph.query).
    Index(None, "speaker_entity_id", "date", "id"),
    *_provenance_columns(),
)

events = Table(
    "events",
    metadata,
    Column("id", String(_ID), primary_key=True),
    *_document_columns(),
    Column("type", String(32), nullable=False, index=True),
    Column("mode", String(32)),
    Column("place", String(_ID)),
    Column("time", String(64)),
    Column("modality", String(16), nullable=False),
    Column("cameo", String(8)),
    # The day (or month, or year) the event happened, else the document's date: for timelines.
    Column("date", String(10), index=True),
    *_confidence_columns(),
    # Covers the network's join on event id for type and modality without reading ``data``.
    Index(None, "id", "type", "modality"),
    *_provenance_columns(),
)

# Who took part in each event, one row per (event, entity, role): the index behind entity
# timelines and the actor network. ``role`` is "actor", "recipient" or "place".
event_participants = Table(
    "event_participants",
    metadata,
    Column("event_id", String(_ID), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String(_ID), primary_key=True),
    Column("role", String(16), primary_key=True),
    Column("document_id", String(_ID), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("date", String(10)),
    *_confidence_columns(),
    # Both cover the query layer's keyset order (date, event id): a timeline page and a network
    # window are read off the index without sorting or touching the rows. The event's
    # confidence and background flag close the first, so a timeline page (and an entity
    # profile's counts) skip the events the filters leave out without reading their rows.
    Index(None, "entity_id", "date", "event_id", "role", "confidence", "background"),
    Index(None, "role", "date", "event_id", "entity_id"),
)

# The actor network's edges, one row per (event, actor, recipient) with the event's type,
# modality, date, confidence and background flag copied in: a network over any date window is
# one scan of the covering index below, grouped, with no join (the 50,000-document benchmark
# needs it under 100 ms).
event_edges = Table(
    "event_edges",
    metadata,
    Column("event_id", String(_ID), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_id", String(_ID), primary_key=True),
    Column("recipient_id", String(_ID), primary_key=True),
    Column("document_id", String(_ID), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("date", String(10)),
    Column("type", String(32), nullable=False),
    Column("modality", String(16), nullable=False),
    *_confidence_columns(),
    Index(None, "date", "actor_id", "recipient_id", "type", "modality", "event_id", "confidence", "background"),
    Index(None, "actor_id", "date"),
    Index(None, "recipient_id", "date"),
)

# --- across the corpus (linking/) ---------------------------------------------------------

# A near-duplicate document (a syndicated copy, an edited update) and the original it copies.
near_duplicates = Table(
    "near_duplicates",
    metadata,
    Column("document_id", String(_ID), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("original_id", String(_ID), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("similarity", Float, nullable=False),
    Column("created_at", String(40), nullable=False),
)

# The MinHash signature of each document's text (linking/near_duplicates.py: 128 values of 32 bits,
# little-endian), kept so a later batch is checked against every earlier document without
# re-reading their texts.
document_signatures = Table(
    "document_signatures",
    metadata,
    Column("document_id", String(_ID), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

# The locality-sensitive hashing index over those signatures: one row per (band key, document),
# so the candidates of a new document are one indexed lookup, whatever the corpus size.
signature_bands = Table(
    "signature_bands",
    metadata,
    Column("band", String(16), primary_key=True),
    Column("document_id", String(_ID), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
)

# Story clusters: the articles about one real-world story. ``data`` holds the story's state
# (centroid, label terms) so a later batch joins it without recomputing the corpus.
stories = Table(
    "stories",
    metadata,
    Column("id", String(_ID), primary_key=True),
    Column("label", Text, nullable=False),
    Column("first_date", String(10), index=True),
    Column("last_date", String(10), index=True),
    Column("size", Integer, nullable=False),
    Column("data", JSON, nullable=False),
    Column("updated_at", String(40), nullable=False),
)

story_documents = Table(
    "story_documents",
    metadata,
    Column("document_id", String(_ID), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(_ID), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
)

# How many documents each story feature (word, or "@" + name) occurs in: the IDF of story
# clustering, updated per batch for the batch's features only (a JSON blob of the whole
# vocabulary would be rewritten on every batch).
story_terms = Table(
    "story_terms",
    metadata,
    Column("term", String(_URL), primary_key=True),
    Column("documents", Integer, nullable=False),
)

# One record per real event, however many articles reported it: ``data`` holds the whole
# merged record (sources with their evidence spans, and where the sources disagree).
merged_events = Table(
    "merged_events",
    metadata,
    Column("id", String(_ID), primary_key=True),
    Column("type", String(32), nullable=False, index=True),
    Column("mode", String(32)),
    Column("date", String(10), index=True),
    Column("story_id", String(_ID), index=True),
    Column("first_reported", String(40)),
    Column("last_reported", String(40)),
    Column("articles", Integer, nullable=False),
    Column("outlets", Integer, nullable=False),
    Column("data", JSON, nullable=False),
    Column("updated_at", String(40), nullable=False),
)

merged_event_members = Table(
    "merged_event_members",
    metadata,
    Column("event_id", String(_ID), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("merged_id", String(_ID), ForeignKey("merged_events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("document_id", String(_ID), nullable=False, index=True),
)

# Named blobs of linking state that is not per row (e.g. document frequencies for story IDF).
linking_state = Table(
    "linking_state",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("data", JSON, nullable=False),
    Column("updated_at", String(40), nullable=False),
)

# Conditional GET for the fetcher: what the server said last time about each URL.
http_cache = Table(
    "http_cache",
    metadata,
    Column("url", String(_URL), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("fetched_at", String(40), nullable=False),
)

#: The per-document fact tables, by the name of the Analysis field they hold (entities excepted:
#: they live in ``entities`` + ``document_entities``).
FACT_TABLES: dict[str, Table] = {
    "mentions": mentions,
    "time_expressions": time_expressions,
    "quotes": quotes,
    "events": events,
}
