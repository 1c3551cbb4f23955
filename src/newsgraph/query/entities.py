"""Entities: finding one from what a user typed, and its profile.

Names are matched exactly (case-insensitively) because a timeline of the wrong "Kim" is worse
than an error: an ambiguous name lists every candidate with its id, an unknown one suggests
entities whose name contains the words typed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, or_, select

from newsgraph.model import Entity, from_dict
from newsgraph.query.errors import AmbiguousEntityError, Candidate, EntityNotFoundError
from newsgraph.query.rows import DocumentRef, EntityProfile, TitleRecord
from newsgraph.store import Store
from newsgraph.store.schema import document_entities, documents, entities, event_participants, mentions, quotes

__all__ = ["entity_profile", "resolve_entity", "resolve_in"]

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


def entity_profile(store: Store, id_or_name: str) -> EntityProfile:
    """The profile of the entity ``id_or_name`` resolves to: identity, aliases, titles over time
    (each with an article of that date that states it), mention and document counts, event and
    quote counts, and the first and last dates an article naming it was published."""
    with store.read() as conn:
        entity = resolve_in(conn, id_or_name)
        eid = entity.id
        count_mentions = select(func.count()).select_from(mentions).where(mentions.c.entity_id == eid)
        span = (
            select(func.count(), func.min(documents.c.published), func.max(documents.c.published))
            .select_from(document_entities.join(documents, documents.c.id == document_entities.c.document_id))
            .where(document_entities.c.entity_id == eid)
        )
        n_docs, first, last = conn.execute(span).one()
        roles: dict[str, int] = dict(
            conn.execute(
                select(event_participants.c.role, func.count())
                .where(event_participants.c.entity_id == eid)
                .group_by(event_participants.c.role)
            ).all()
        )
        n_quotes = conn.execute(select(func.count()).select_from(quotes).where(quotes.c.speaker_entity_id == eid))
        return EntityProfile(
            id=eid,
            name=entity.name,
            kind=entity.kind,
            country=entity.country,
            aliases=entity.aliases,
            titles=tuple(_title_record(conn, eid, t.title, t.affiliation, t.as_of) for t in entity.titles),
            latitude=entity.latitude,
            longitude=entity.longitude,
            mentions=conn.execute(count_mentions).scalar_one(),
            documents=n_docs,
            events_as_actor=roles.get("actor", 0),
            events_as_recipient=roles.get("recipient", 0),
            quotes=n_quotes.scalar_one(),
            first_seen=first,
            last_seen=last,
        )


def _title_record(conn: Connection, eid: str, title: str, affiliation: str | None, as_of: str | None) -> TitleRecord:
    """The title with the earliest article of its date that names the entity and the title."""
    document = None
    if as_of:
        query = (
            select(documents.c.id, documents.c.title, documents.c.source, documents.c.url, documents.c.published)
            .join(document_entities, document_entities.c.document_id == documents.c.id)
            .where(
                document_entities.c.entity_id == eid,
                documents.c.published.like(as_of[:10] + "%"),
                documents.c.text.contains(title, autoescape=True),
            )
            .order_by(documents.c.published, documents.c.seq)
            .limit(1)
        )
        row: Any = conn.execute(query).first()
        if row is not None:
            document = DocumentRef(id=row.id, title=row.title, source=row.source, url=row.url, published=row.published)
    return TitleRecord(title=title, affiliation=affiliation, as_of=as_of, document=document)
