"""The PostgreSQL backend: the same declared schema, for corpora and teams that outgrow a file.

Selected by a ``postgresql://user:password@host:port/database`` URL (the driver is psycopg 3).

Writers are serialised with a transaction-level advisory lock taken as each write transaction
begins: the store's check-then-insert dedup and its ``seq`` numbering then behave exactly as on
SQLite, and any number of ingest processes may write to one database at once. Readers never
wait for it.

Full-text search is a stored, generated ``tsvector`` column on ``documents`` (title weighted A,
text B, English stemming, no stop words) with a GIN index, queried with the same plain-words semantics as the
SQLite backend (:func:`~newsgraph.store.backend.search_terms`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, create_engine, event, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from newsgraph.errors import StoreError
from newsgraph.store.backend import EngineBackend, search_terms

__all__ = ["PostgresBackend", "redact", "tsquery"]

# Any constant shared by all newsgraph writers: the key of the advisory lock that serialises them.
WRITE_LOCK_KEY = 0x6E657773  # "news"
# Words of context around the matches in a snippet (as on SQLite).
SNIPPET_WORDS = 16

_WRITE = "newsgraph_write"

# English stemming without a stop-word list, so that (as with SQLite's porter tokenizer) every
# word a user types is searchable: "the", "and", "who" included.
CONFIG = "newsgraph_english"
_SEARCH_DDL = (
    "CREATE TEXT SEARCH DICTIONARY newsgraph_english_stem (TEMPLATE = snowball, Language = english)",
    f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english)",
    f"""ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR
        asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH newsgraph_english_stem""",
    f"""ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('{CONFIG}', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('{CONFIG}', coalesce(text, '')), 'B')) STORED""",
    "CREATE INDEX documents_search_vector ON documents USING GIN (search_vector)",
)

_SEARCH = text(
    f"""SELECT d.id, d.title, d.url, d.published,
               ts_headline('{CONFIG}', d.text, q.query,
                           'StartSel=' || :open || ', StopSel=' || :close ||
                           ', MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}, ShortWord=2') AS snippet,
               ts_rank_cd(d.search_vector, q.query) AS rank
        FROM documents AS d, to_tsquery('{CONFIG}', :query) AS q(query)
        WHERE d.search_vector @@ q.query
        ORDER BY rank DESC, d.seq
        LIMIT :limit OFFSET :offset"""
)

# The same match as _SEARCH, as a subquery of ids: facts are filtered by their document's words.
_MATCHING = text(f"SELECT d.id FROM documents AS d WHERE d.search_vector @@ to_tsquery('{CONFIG}', :words)")


def tsquery(user_text: str) -> str | None:
    """A ``to_tsquery`` string matching documents with every word of ``user_text``: each word is
    a quoted lexeme (so nothing in it is read as an operator), ``:*`` for a prefix."""
    terms = []
    for term in search_terms(user_text):
        word = term.word.replace("\\", "").replace("'", "''")
        if word.strip("'"):
            terms.append(f"'{word}'" + (":*" if term.prefix else ""))
    return " & ".join(terms) or None


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    # Messages end up in logs and bug reports: never print a password.
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


class PostgresBackend(EngineBackend):
    """A newsgraph database in PostgreSQL."""

    name = "postgresql"

    def __init__(self, url: str, *, create: bool = True) -> None:
        self.location = redact(url)
        self.create = create
        sa_url = make_url(url).set(drivername="postgresql+psycopg")
        engine = create_engine(sa_url, pool_pre_ping=True)
        event.listen(engine, "begin", _begin)
        self._engine = engine
        self._write_engine = engine.execution_options(**{_WRITE: True})
        self._search_ddl = _SEARCH_DDL
        self._search_sql = _SEARCH
        self._match_sql = _MATCHING
        self._probe()

    def _probe(self) -> None:
        """Connect now, so a wrong host, password or database fails here, saying which."""
        try:
            with self._engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1").scalar_one()
                exists = conn.exec_driver_sql("SELECT to_regclass('public.meta') IS NOT NULL").scalar_one()
        except (SQLAlchemyError, OSError) as exc:
            self._engine.dispose()
            cause = str(exc.orig if isinstance(exc, DBAPIError) else exc).strip().splitlines()[0]
            hint = "check the host, port, user and password"
            if "does not exist" in cause and "database" in cause:
                hint = "create the database first (createdb NAME) or name another"
            raise StoreError(f"cannot open database {self.location} ({cause}); {hint}") from exc
        if not exists and not self.create:
            self._engine.dispose()
            raise StoreError(
                f"there is no newsgraph database at {self.location} yet; "
                f"build one with: newsgraph ingest PATH --db {self.location}"
            )

    def _insert(self, table: Table) -> Any:
        return postgresql_insert(table)

    def _match(self, query: str) -> str | None:
        return tsquery(query)

    def _score(self, rank: float) -> float:
        return float(rank)


def _begin(conn: Connection) -> None:
    if conn.get_execution_options().get(_WRITE):
        # Serialise writers (see the module docstring); released at commit or rollback.
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
