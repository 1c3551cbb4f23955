"""Filters as SQL: the WHERE clauses every list shares, written once over the declared schema.

``min_confidence`` and ``background`` on events are WHERE clauses on the copies of the event's
confidence and background flag that ``events``, ``event_participants`` and ``event_edges`` each
hold (``confidence_filter``), so every event read applies them without a join.

``text`` on facts is a full-text subquery (``Store.matching_documents``): the facts of the
documents the search finds, filtered in SQL, so a list and the counts over it read no row twice.

Dates sort as text (``schema.py``); a fact without a date sorts first (its key holds ``""``), on
both backends, so a keyset over ``(date, id)`` is total. Filters a list cannot apply are an
error, never silently ignored: ``quotes(..., Filters(recipient=...))`` says quotes have no recipient.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, exists, false, func, or_, select

from newsgraph.query.entities import resolve_in
from newsgraph.query.errors import QueryError
from newsgraph.query.filters import Filters, until_bound
from newsgraph.store import Store
from newsgraph.store.schema import (
    documents,
    entities,
    event_participants,
    events,
    merged_event_members,
    story_documents,
)

__all__ = [
    "Resolved",
    "after_key",
    "check_supported",
    "confidence_filter",
    "date_range",
    "document_filter",
    "document_text",
    "keyset_page",
    "merged_confidence_filter",
    "resolve",
    "text_matches",
]

_ENTITY_FIELDS = ("entity", "actor", "recipient", "place")


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolved:
    """The entity filters of a Filters, as entity ids (None when not given)."""

    entity: str | None = None
    actor: str | None = None
    recipient: str | None = None
    place: str | None = None

    def roles(self) -> list[tuple[str, tuple[str, ...]]]:
        """Each given entity filter as (entity id, the event roles it may fill): ``entity`` any
        of actor, recipient and place; the others their own role."""
        wanted = (
            (self.entity, ("actor", "recipient", "place")),
            (self.actor, ("actor",)),
            (self.recipient, ("recipient",)),
            (self.place, ("place",)),
        )
        return [(entity_id, roles) for entity_id, roles in wanted if entity_id is not None]


def resolve(conn: Connection, filters: Filters) -> Resolved:
    """Resolve every entity filter (raising EntityNotFoundError / AmbiguousEntityError)."""
    found = {}
    for name in _ENTITY_FIELDS:
        given = getattr(filters, name)
        found[name] = None if given is None else resolve_in(conn, given).id
    return Resolved(**found)


def check_supported(filters: Filters, query: str, supported: Iterable[str]) -> None:
    """Refuse filters the list ``query`` cannot apply (those set to other than their default),
    naming those it can."""
    allowed = set(supported)
    given = [
        f.name for f in dataclasses.fields(filters) if getattr(filters, f.name) != f.default and f.name not in allowed
    ]
    if given:
        takes = f"it takes {', '.join(sorted(allowed))}" if allowed else "it takes no filters"
        raise QueryError(f"{query} cannot be filtered by {', '.join(given)}; {takes}")


def date_range(column: Any, filters: Filters) -> list[ColumnElement[bool]]:
    """``since <= column <= until`` at the filters' precision (see ``filters.py``)."""
    conditions: list[ColumnElement[bool]] = []
    if filters.since is not None:
        conditions.append(column >= filters.since)
    if filters.until is not None:
        conditions.append(column <= until_bound(filters.until))
    return conditions


def confidence_filter(confidence: Any, background: Any, filters: Filters) -> list[ColumnElement[bool]]:
    """The ``min_confidence`` and ``background`` filters on an event table's ``confidence`` and
    ``background`` columns. An event with no confidence (stored before the event classifier
    existed) passes any threshold: it was never rated, and hiding every old event would be worse."""
    conditions: list[ColumnElement[bool]] = []
    floor = filters.confidence_floor()
    if floor > 0:
        conditions.append(or_(confidence.is_(None), confidence >= floor))
    if not filters.background:
        conditions.append(background == false())
    return conditions


def merged_confidence_filter(merged_id: Any, filters: Filters) -> list[ColumnElement[bool]]:
    """``confidence_filter`` for merged events, on a merged event id column: at least one of its
    event mentions passes (no clause when the filters keep every event)."""
    m, e = merged_event_members, events
    passing = confidence_filter(e.c.confidence, e.c.background, filters)
    return [exists().where(m.c.merged_id == merged_id, e.c.id == m.c.event_id, *passing)] if passing else []


def document_filter(document_id: Any, filters: Filters) -> list[ColumnElement[bool]]:
    """The outlet (``source``, case-insensitive) and ``story`` filters, on a document id column."""
    conditions: list[ColumnElement[bool]] = []
    if filters.source is not None:
        outlet = select(documents.c.id).where(func.lower(documents.c.source) == filters.source.lower())
        conditions.append(document_id.in_(outlet))
    if filters.story is not None:
        members = select(story_documents.c.document_id).where(story_documents.c.story_id == filters.story)
        conditions.append(document_id.in_(members))
    return conditions


def document_text(store: Store, document_id: Any, filters: Filters) -> list[ColumnElement[bool]]:
    """The ``text`` filter on a document id column: the document contains every word (the
    documents ``search`` finds: same stemming and prefix rules). Words that leave no search
    term (``"--"``) match nothing, as that search does."""
    if not filters.text:
        return []
    matching = store.matching_documents(filters.text)
    return [false()] if matching is None else [document_id.in_(matching)]


def participant(event_id: Any, entity_id: str, roles: tuple[str, ...]) -> ColumnElement[bool]:
    """The event has ``entity_id`` in one of ``roles``."""
    p = event_participants
    return exists().where(p.c.event_id == event_id, p.c.entity_id == entity_id, p.c.role.in_(roles))


def country_participant(event_id: Any, country: str) -> ColumnElement[bool]:
    """An actor or recipient of the event is an entity of ``country``."""
    p = event_participants
    return exists().where(
        p.c.event_id == event_id,
        p.c.role.in_(("actor", "recipient")),
        p.c.entity_id == entities.c.id,
        entities.c.country == country,
    )


def after_key(date: Any, row_id: Any, key: tuple[Any, ...] | None) -> list[ColumnElement[bool]]:
    """Rows after ``key`` = (date or "", id) in (date NULLS FIRST, id) order."""
    if key is None:
        return []
    last_date, last_id = str(key[0]), str(key[1])
    if last_date == "":
        return [or_(and_(date.is_(None), row_id > last_id), date.is_not(None))]
    return [or_(date > last_date, and_(date == last_date, row_id > last_id))]


def keyset_page(query: Select[Any], date: Any, row_id: Any, key: tuple[Any, ...] | None, limit: int) -> Select[Any]:
    """``query`` narrowed to the ``limit`` rows after ``key`` in (date NULLS FIRST, id) order: the
    page every dated list reads (see ``after_key``)."""
    return query.where(*after_key(date, row_id, key)).order_by(date.nulls_first(), row_id).limit(limit)


def text_matches(text: str, words: str | None) -> bool:
    """Every word of ``words`` occurs in ``text`` (case-insensitive); True without words."""
    if not words:
        return True
    folded = text.casefold()
    return all(word.casefold() in folded for word in words.split())
