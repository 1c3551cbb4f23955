"""Entities: finding one from what a user typed (its profile is ``profile.py``).

Names are matched exactly (case-insensitively) because a timeline of the wrong "Kim" is worse
than an error: an ambiguous name lists every candidate with its id, an unknown one suggests
entities whose name contains the words typed.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, or_, select

from newsgraph.model import Entity, from_dict
from newsgraph.query.errors import AmbiguousEntityError, Candidate, EntityNotFoundError
from newsgraph.store import Store
from newsgraph.store.schema import entities

__all__ = ["resolve_entity", "resolve_in"]

# How many similar names an "unknown entity" message suggests.
SUGGESTIONS = 5


def resolve_entity(store: Store, id_or_name: str) -> Entity:
    """The entity with id ``id_or_name``; else the one whose name, else alias, equals it
    (case-insensitive). Raises EntityNotFoundError (with similar names) or AmbiguousEntityError
    (listing every candidate's id)."""
    with store.read() as conn:
        return resolve_in(conn, id_or_name)


def resolve_in(conn: Connection, id_or_name: str) -> Entity:
    """:func:`resolve_entity` on an open connection (for queries resolving several filters)."""
    given = id_or_name.strip()
    row = conn.execute(select(entities.c.data).where(entities.c.id == given)).scalar_one_or_none()
    if row is not None:
        return from_dict(Entity, row)
    folded = given.casefold()
    by_name = [
        from_dict(Entity, d)
        for d in conn.scalars(select(entities.c.data).where(func.lower(entities.c.name) == given.lower()))
    ]
    if not by_name:
        by_name = [e for e in _all_entities(conn) if e.name.casefold() == folded]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        raise AmbiguousEntityError(given, tuple(_candidate(e) for e in by_name))
    by_alias = [e for e in _all_entities(conn) if folded in {a.casefold() for a in e.aliases}]
    if len(by_alias) == 1:
        return by_alias[0]
    if by_alias:
        raise AmbiguousEntityError(given, tuple(_candidate(e) for e in by_alias))
    raise EntityNotFoundError(given, _suggest(conn, given))


def _all_entities(conn: Connection) -> list[Entity]:
    # Aliases live only in the JSON ``data``: reading every entity is the portable way to
    # match them, and it only happens when no name matched (entities number thousands, not millions).
    return [from_dict(Entity, d) for d in conn.scalars(select(entities.c.data))]


def _candidate(entity: Entity) -> Candidate:
    return Candidate(id=entity.id, name=entity.name, kind=entity.kind, country=entity.country)


def _suggest(conn: Connection, given: str) -> tuple[Candidate, ...]:
    words = [w for w in given.replace(",", " ").split() if len(w) > 2]
    if not words:
        return ()
    likes = [
        entities.c.name.ilike("%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", escape="\\")
        for w in words
    ]
    query = select(entities.c.id, entities.c.name, entities.c.kind, entities.c.country).where(or_(*likes))
    rows = conn.execute(query.order_by(entities.c.name, entities.c.id).limit(SUGGESTIONS)).all()
    return tuple(Candidate(id=r.id, name=r.name, kind=r.kind, country=r.country) for r in rows)
