"""An entity's profile: identity, titles over time with their evidence, and activity counts.

The event counts read the ``event_participants`` index alone (entity first, the event's
confidence and background flag last), so they count the events the timeline and the event
lists show under the same ``min_confidence`` and ``background`` filters.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from newsgraph.query import conditions as where
from newsgraph.query.entities import resolve_in
from newsgraph.query.filters import NO_FILTERS, Filters
from newsgraph.query.rows import DocumentRef, EntityProfile, TitleRecord
from newsgraph.store import Store
from newsgraph.store.schema import document_entities, documents, event_participants, mentions, quotes

__all__ = ["PROFILE_FILTERS", "entity_profile"]

#: The filters an entity profile applies: to its event counts.
PROFILE_FILTERS = ("min_confidence", "background")


def entity_profile(store: Store, id_or_name: str, filters: Filters = NO_FILTERS) -> EntityProfile:
    """The profile of the entity ``id_or_name`` resolves to: identity, aliases, titles over time
    (each with an article of that date that states it), mention and document counts, event and
    quote counts, and the first and last dates an article naming it was published.

    ``filters`` may set ``min_confidence`` and ``background`` (see :class:`Filters`): the events
    counted as actor and as recipient (by default, those at or above the shipped threshold and
    not background; an event with no confidence passes)."""
    where.check_supported(filters, "an entity profile", PROFILE_FILTERS)
    p = event_participants
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
                select(p.c.role, func.count())
                .where(p.c.entity_id == eid, *where.confidence_filter(p.c.confidence, p.c.background, filters))
                .group_by(p.c.role)
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
