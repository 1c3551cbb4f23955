"""Batch look-ups that turn ids into the references rows carry: one query per page, not per row."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from newsgraph.ontology import load_ontology
from newsgraph.query.rows import DocumentRef, EntityRef
from newsgraph.store.schema import documents, entities

__all__ = ["COOPERATION", "document_refs", "entity_refs", "plover_class"]

#: The quad classes counted as cooperation in networks; the others are conflict.
COOPERATION = frozenset({"verbal_cooperation", "material_cooperation"})

# Bound parameters per IN (...) list: well under SQLite's limit of 32766 variables.
_CHUNK = 900


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    unique = sorted(set(ids))
    for i in range(0, len(unique), _CHUNK):
        yield unique[i : i + _CHUNK]


def entity_refs(conn: Connection, ids: Iterable[str]) -> dict[str, EntityRef]:
    """An EntityRef for every id (named by its own id when no entity row exists)."""
    wanted = set(ids)
    found: dict[str, EntityRef] = {}
    for chunk in _chunks(wanted):
        query = select(entities.c.id, entities.c.name, entities.c.kind, entities.c.country)
        for row in conn.execute(query.where(entities.c.id.in_(chunk))):
            found[row.id] = EntityRef(id=row.id, name=row.name, kind=row.kind, country=row.country)
    return {i: found.get(i) or EntityRef(id=i, name=i) for i in wanted}


def document_refs(conn: Connection, ids: Iterable[str]) -> dict[str, DocumentRef]:
    """A DocumentRef for every stored document among ``ids``."""
    found: dict[str, DocumentRef] = {}
    columns = (documents.c.id, documents.c.title, documents.c.source, documents.c.url, documents.c.published)
    for chunk in _chunks(ids):
        for row in conn.execute(select(*columns).where(documents.c.id.in_(chunk))):
            found[row.id] = DocumentRef(
                id=row.id, title=row.title, source=row.source, url=row.url, published=row.published
            )
    return found


def plover_class(type_name: str) -> tuple[str | None, int | None]:
    """The quad class and intensity of a PLOVER type (None, None for a type the ontology lacks)."""
    event_type = load_ontology().types.get(type_name)
    return (None, None) if event_type is None else (event_type.quad_class, event_type.intensity)
