"""Opening a database: URL forms, SQLite settings, schema versions and migrations, bad files."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Column, Connection, Integer, Table, inspect, text
from store_samples import ARTICLE, MakeAnalysis

from newsgraph.errors import StoreError
from newsgraph.model import Analysis
from newsgraph.store import SCHEMA_VERSION, Backend, Store, open_store
from newsgraph.store.migrations import _CORPUS_TABLES, MIGRATIONS, Migration, migrate, read_version
from newsgraph.store.schema import metadata
from newsgraph.store.sqlite import SQLiteBackend


def _raw(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_a_new_database_records_the_current_schema_version(db_path: Path) -> None:
    with open_store(str(db_path)) as store:
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    assert _raw(db_path, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    tables = {name for (name,) in _raw(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(metadata.tables) | {"documents_fts"} <= tables


def test_reopening_keeps_the_data_and_the_version(db_path: Path, make_analysis: MakeAnalysis) -> None:
    analysis = make_analysis()
    with open_store(str(db_path)) as store:
        store.add(analysis)
    with open_store(str(db_path)) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.get_analysis(analysis.document.id) == analysis
        assert store.stats()["documents"] == 1
        assert [h.document_id for h in store.search("Kremlin")] == [analysis.document.id]


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(db_path: Path) -> None:
    open_store(str(db_path)).close()
    assert _raw(db_path, "PRAGMA journal_mode") == [("wal",)]  # persistent: any connection sees it
    backend = SQLiteBackend(str(db_path))
    try:
        assert backend.pragmas() == {
            "journal_mode": "wal",
            "foreign_keys": "1",
            "busy_timeout": "10000",
            "synchronous": "1",  # NORMAL
        }
    finally:
        backend.close()


@pytest.mark.parametrize("form", ["{path}", "sqlite:///{path}"])
def test_paths_and_sqlite_urls_open_the_same_file(tmp_path: Path, form: str, make_analysis: MakeAnalysis) -> None:
    path = tmp_path / "news.db"
    with open_store(form.format(path=path)) as store:
        store.add(make_analysis())
    assert _raw(path, "SELECT count(*) FROM documents") == [(1,)]


def test_a_relative_sqlite_url_is_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    open_store("sqlite:///rel.db").close()
    assert (tmp_path / "rel.db").is_file()


@pytest.mark.parametrize("url", [":memory:", "sqlite://", "sqlite:///:memory:"])
def test_in_memory_databases_work_and_vanish(url: str, make_analysis: MakeAnalysis, tmp_path: Path) -> None:
    with open_store(url) as store:
        assert store.add(make_analysis()) is True
        assert store.stats()["documents"] == 1
    with open_store(url) as store:
        assert store.stats()["documents"] == 0


def test_a_newer_database_asks_to_upgrade_newsgraph(db_path: Path) -> None:
    open_store(str(db_path)).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(_NEXT),))

    with pytest.raises(StoreError) as caught:
        open_store(str(db_path))

    assert str(caught.value) == (
        f"{db_path}: database schema version {_NEXT} is newer than this newsgraph ({SCHEMA_VERSION}); upgrade newsgraph"
    )


def test_a_file_that_is_not_a_database_is_named_in_the_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("news.db").write_bytes(b"Chinese President Xi Jinping arrived in Moscow. " * 200)

    with pytest.raises(StoreError) as caught:
        open_store("news.db")

    assert str(caught.value) == "news.db is not a newsgraph database (file is not a database); pass another --db"


def test_a_sqlite_database_of_another_program_is_refused_untouched(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")

    with pytest.raises(StoreError) as caught:
        open_store(str(db_path))

    assert str(caught.value) == (
        f"{db_path} is not a newsgraph database (it has tables but no newsgraph schema version); pass another --db"
    )
    assert _raw(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'") == [("invoices",)]


def test_a_path_in_a_missing_folder_says_which_folder(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "news.db"
    with pytest.raises(StoreError) as caught:
        open_store(str(path))
    assert str(caught.value) == (
        f"cannot open database {path} (unable to open database file); check that the folder "
        f"{path.parent} exists and is writable, or pass another --db"
    )


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(str(tmp_path))
    example = tmp_path / "newsgraph.db"
    assert str(caught.value) == (
        f"{tmp_path} is a folder, not a database file; pass a file path such as --db {example}"
    )


def test_an_unreachable_postgresql_server_is_named_without_its_password() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://analyst:secret@127.0.0.1:1/news")
    message = str(caught.value)
    assert message.startswith("cannot open database postgresql://analyst:***@127.0.0.1:1/news (")
    assert message.endswith("; check the host, port, user and password")
    assert "secret" not in message


def test_a_missing_postgresql_database_says_to_create_it(postgres_server: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(f"{postgres_server}/no_such_db")
    assert 'database "no_such_db" does not exist' in str(caught.value)
    assert str(caught.value).endswith("; create the database first (createdb NAME) or name another")


def test_reading_an_empty_postgresql_database_says_how_to_build_one(postgres_url: str) -> None:
    with pytest.raises(StoreError, match=r"there is no newsgraph database at .* yet; build one with: newsgraph ingest"):
        open_store(postgres_url, create=False)


def test_an_unknown_database_type_lists_the_known_ones() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("mysql://root@localhost/news")
    assert str(caught.value) == (
        "cannot open mysql://root@localhost/news: unsupported database type 'mysql'; use one of "
        "postgres, postgresql, sqlite (e.g. sqlite:///news.db) or a plain file path"
    )


# --- migrations -------------------------------------------------------------------------------


#: The version a hypothetical next migration would bring.
_NEXT = SCHEMA_VERSION + 1


def _add_column_migration(version: int) -> Migration:
    def apply(conn: Connection, backend: Backend) -> None:
        conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN word_count INTEGER")

    return Migration(version=version, description="count words", apply=apply)


def test_pending_migrations_run_in_order_and_record_the_version(db_path: Path) -> None:
    open_store(str(db_path)).close()
    backend = SQLiteBackend(str(db_path))
    try:
        with backend.writing() as conn:
            assert migrate(conn, backend, (*MIGRATIONS, _add_column_migration(_NEXT))) == _NEXT
        with backend.reading() as conn:
            assert read_version(conn, backend.location) == _NEXT
            assert "word_count" in {c["name"] for c in inspect(conn).get_columns("documents")}
        with backend.writing() as conn:  # nothing left to do the second time
            assert migrate(conn, backend, (*MIGRATIONS, _add_column_migration(_NEXT))) == _NEXT
    finally:
        backend.close()


def test_a_failing_migration_leaves_the_database_unchanged(db_path: Path) -> None:
    open_store(str(db_path)).close()

    def half_done(conn: Connection, backend: Backend) -> None:
        # DDL that would stick if transactions did not cover it, then a failure.
        Table("scratch", metadata, Column("id", Integer)).create(conn)
        conn.exec_driver_sql("ALTER TABLE no_such_table ADD COLUMN x INTEGER")

    backend = SQLiteBackend(str(db_path))
    try:
        with pytest.raises(StoreError) as caught, backend.writing() as conn:
            migrate(conn, backend, (*MIGRATIONS, Migration(version=_NEXT, description="broken", apply=half_done)))
    finally:
        metadata.remove(metadata.tables["scratch"])
        backend.close()

    assert str(caught.value).startswith(
        f"{db_path}: migration to schema version {_NEXT} (broken) failed: (sqlite3.OperationalError) no such table"
    )
    assert f"the database is unchanged at version {SCHEMA_VERSION}" in str(caught.value)
    assert _raw(db_path, "SELECT value FROM meta") == [(str(SCHEMA_VERSION),)]
    assert _raw(db_path, "SELECT name FROM sqlite_master WHERE name = 'scratch'") == []


def test_read_version_of_an_empty_database_is_none(tmp_path: Path) -> None:
    backend = SQLiteBackend(str(tmp_path / "empty.db"))
    try:
        with backend.reading() as conn:
            assert read_version(conn, "empty.db") is None
            assert conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one() == 0
    finally:
        backend.close()


def test_opening_without_create_refuses_a_missing_database_and_leaves_no_file(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    for form in (str(missing), f"sqlite:///{missing}"):
        with pytest.raises(StoreError) as caught:
            open_store(form, create=False)
        assert str(caught.value) == (
            f"there is no newsgraph database at {missing} yet; build one with: newsgraph ingest PATH --db {missing}"
        )
    assert not missing.exists()


def test_opening_without_create_opens_an_existing_database(db_path: Path, make_analysis: MakeAnalysis) -> None:
    with open_store(str(db_path)) as store:
        store.add(make_analysis())
    with open_store(str(db_path), create=False) as store:
        assert store.stats()["documents"] == 1


def _downgrade_to_version_1(url: str) -> None:
    """Turn a current database back into what version 1 had: no date columns, no participants
    and no cross-document tables (the facts stay), so migration 2 has real work to do."""
    from sqlalchemy import create_engine

    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    try:
        with engine.begin() as conn:
            for table in reversed(_CORPUS_TABLES):  # dependants first
                conn.exec_driver_sql(f"DROP TABLE {table.name}")
            conn.exec_driver_sql("DROP INDEX ix_quotes_speaker_entity_id_date_id")  # version 2 added it
            for name in ("events", "quotes"):
                conn.exec_driver_sql(f"DROP INDEX ix_{name}_date")
                conn.exec_driver_sql(f"ALTER TABLE {name} DROP COLUMN date")
            conn.exec_driver_sql("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    finally:
        engine.dispose()


def test_migration_2_dates_the_stored_facts_and_indexes_event_participants(
    store_url: str, make_analysis: MakeAnalysis
) -> None:
    analysis = make_analysis()
    assert analysis.events, "the sample needs events for this test"
    with open_store(store_url) as store:
        store.add(analysis)
        before = _participants_and_dates(store)
    assert before[0], "the sample's events should have participants"
    _downgrade_to_version_1(store_url)
    with open_store(store_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert _participants_and_dates(store) == before
        assert store.get_analysis(analysis.document.id) == analysis


def _participants_and_dates(store: object) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    backend = store._backend  # type: ignore[attr-defined]
    with backend.reading() as conn:
        participants = conn.exec_driver_sql(
            "SELECT event_id, entity_id, role, document_id, date FROM event_participants ORDER BY 1, 2, 3"
        ).all()
        participants += conn.exec_driver_sql(
            "SELECT event_id, actor_id, recipient_id, document_id, date, type, modality"
            " FROM event_edges ORDER BY 1, 2, 3"
        ).all()
        dates = conn.exec_driver_sql(
            "SELECT id, date FROM events UNION ALL SELECT id, date FROM quotes ORDER BY 1"
        ).all()
    return [tuple(r) for r in participants], [tuple(r) for r in dates]


#: The covering indexes version 2 had, before they gained confidence and background.
_VERSION_2_INDEXES = {
    "event_participants": ("entity_id", "date", "event_id", "role"),
    "event_edges": ("date", "actor_id", "recipient_id", "type", "modality", "event_id"),
}
_CONFIDENCE_TABLES = ("events", "event_participants", "event_edges")


def _downgrade_to_version_2(url: str) -> None:
    """Turn a current database back into what version 2 had: no confidence or background
    columns, and the covering indexes without them (the events' data keeps both)."""
    from sqlalchemy import create_engine

    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    try:
        with engine.begin() as conn:
            for table, columns in _VERSION_2_INDEXES.items():
                for index in inspect(conn).get_indexes(table):
                    if "confidence" in index["column_names"]:
                        conn.exec_driver_sql(f'DROP INDEX "{index["name"]}"')
                conn.exec_driver_sql(f"CREATE INDEX ix_{table}_version_2 ON {table} ({', '.join(columns)})")
            for table in _CONFIDENCE_TABLES:
                conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN confidence")
                conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN background")
            conn.exec_driver_sql("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    finally:
        engine.dispose()


def _with_background_and_unrated_events(analysis: Analysis) -> Analysis:
    """The sample (its event rated 0.66) plus a background event and one no classifier rated."""
    rated = analysis.events[0]
    background = dataclasses.replace(
        rated, id="evt_background", background=True, provenance=dataclasses.replace(rated.provenance, confidence=0.9)
    )
    unrated = dataclasses.replace(
        rated, id="evt_unrated", provenance=dataclasses.replace(rated.provenance, confidence=None)
    )
    return dataclasses.replace(analysis, events=(rated, background, unrated))


def _confidence_columns(store: Store) -> list[tuple[object, ...]]:
    with store._backend.reading() as conn:  # type: ignore[attr-defined]
        rows: list[tuple[object, ...]] = []
        for table, key in (("events", "id"), ("event_participants", "event_id, entity_id, role"),
                           ("event_edges", "event_id, actor_id, recipient_id")):  # fmt: skip
            found = conn.exec_driver_sql(f"SELECT '{table}', {key}, confidence, background FROM {table} ORDER BY {key}")
            rows += [(*row[:-1], bool(row[-1])) for row in found]
    return rows


def _index_columns(store: Store) -> dict[str, set[tuple[str, ...]]]:
    with store._backend.reading() as conn:  # type: ignore[attr-defined]
        found = {t: {tuple(i["column_names"]) for i in inspect(conn).get_indexes(t)} for t in _CONFIDENCE_TABLES}
    return found  # type: ignore[return-value]


def test_migration_3_fills_confidence_and_background_from_the_stored_events(
    store_url: str, make_analysis: MakeAnalysis
) -> None:
    analysis = _with_background_and_unrated_events(make_analysis())
    with open_store(store_url) as store:
        store.add(analysis)
        before, indexes = _confidence_columns(store), _index_columns(store)
    assert ("events", analysis.events[0].id, 0.66, False) in before
    assert ("events", "evt_background", 0.9, True) in before and ("events", "evt_unrated", None, False) in before
    assert ("event_edges", "evt_background", "ent_xi", "ent_putin", 0.9, True) in before
    _downgrade_to_version_2(store_url)

    with open_store(store_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert _confidence_columns(store) == before
        # The covering indexes end in the new columns again, and the version 2 ones are gone.
        assert _index_columns(store) == indexes
        assert ("entity_id", "date", "event_id", "role") not in indexes["event_participants"]
        assert store.get_analysis(analysis.document.id) == analysis
        later = make_analysis(ARTICLE + " Talks ended on Friday.", url="https://example.org/2")
        assert store.add(later) is True  # and it takes new writes, columns filled
        assert ("events", later.events[0].id, 0.66, False) in _confidence_columns(store)


def _downgrade_to_version_3(url: str) -> None:
    """Turn a current database back into what version 3 had: documents without the dateline
    place and furniture columns."""
    from sqlalchemy import create_engine

    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    try:
        with engine.begin() as conn:
            for column in ("dateline_place", "furniture"):
                conn.exec_driver_sql(f"ALTER TABLE documents DROP COLUMN {column}")
            conn.exec_driver_sql("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    finally:
        engine.dispose()


def test_migration_4_adds_furniture_columns_and_keeps_every_stored_document(
    store_url: str, make_analysis: MakeAnalysis
) -> None:
    analysis = make_analysis()
    assert analysis.document.furniture and analysis.document.dateline_place, "the sample needs furniture"
    with open_store(store_url) as store:
        store.add(analysis)
    _downgrade_to_version_3(store_url)

    with open_store(store_url) as store:
        assert store.schema_version == SCHEMA_VERSION == 4
        # A version 3 database never held furniture: the document comes back whole, without it.
        old = dataclasses.replace(analysis.document, furniture=(), dateline_place=None)
        assert store.get_analysis(analysis.document.id) == dataclasses.replace(analysis, document=old)
        later = make_analysis(ARTICLE + " Talks ended on Friday.", url="https://example.org/2")
        assert store.add(later) is True
        assert store.get_document(later.document.id) == later.document  # new writes keep furniture
