"""The query layer: what the CLI, the REST API and the web UI ask of a store.

Functions take a :class:`~newsgraph.store.Store` and a frozen :class:`Filters`, and return
frozen rows (``rows.py``) that ``model.to_dict`` turns into JSON. Lists are iterators that
stream a page at a time with keyset pagination: no result caps, and every row carries a
``cursor`` to pass as ``after=`` to resume just after it (``cursor.py``).

    resolve_entity(store, id_or_name)           -> Entity      exact id, else name, else alias
    entity_profile(store, id_or_name, filters=) -> EntityProfile
    timeline(store, entity, filters, after=)    -> Iterator[TimelineItem]   events + quotes by date
    network(store, filters)                     -> Network     nodes and actor -> recipient edges
    events(store, filters, after=)              -> Iterator[EventRow]
    quotes(store, filters, after=)              -> Iterator[QuoteRow]
    documents(store, filters, after=)           -> Iterator[DocumentRow]    ranked when text is given
    stories(store, filters, after=)             -> Iterator[StoryRow]
    merged_events(store, filters, after=)       -> Iterator[MergedEventRow]

Module map: filters.py (Filters, dates), errors.py (QueryError tree), cursor.py (cursors,
paging), rows.py (result rows), conditions.py (filters as SQL), refs.py (id look-ups),
entities.py (names to entities), profile.py, timeline.py, network.py, facts.py (events,
quotes), corpus.py (documents, stories, merged events), aggregate.py (chart counts: grouped
SQL over the lists' own WHERE clauses) and periods.py (day / week / month labels and
zero-filled ranges).
"""

from newsgraph.query.corpus import documents_list as documents
from newsgraph.query.corpus import merged_events_list as merged_events
from newsgraph.query.corpus import stories_list as stories
from newsgraph.query.entities import resolve_entity
from newsgraph.query.errors import AmbiguousEntityError, Candidate, EntityNotFoundError, QueryError
from newsgraph.query.facts import events, quotes
from newsgraph.query.filters import QUOTE_KINDS, Filters, check_date
from newsgraph.query.network import network
from newsgraph.query.profile import entity_profile
from newsgraph.query.rows import (
    DocumentRef,
    DocumentRow,
    EntityProfile,
    EntityRef,
    EventRow,
    MergedEventRow,
    Network,
    NetworkEdge,
    NetworkNode,
    QuoteRow,
    StoryRow,
    TimelineItem,
    TitleRecord,
)
from newsgraph.query.timeline import timeline

__all__ = [
    "QUOTE_KINDS",
    "AmbiguousEntityError",
    "Candidate",
    "DocumentRef",
    "DocumentRow",
    "EntityNotFoundError",
    "EntityProfile",
    "EntityRef",
    "EventRow",
    "Filters",
    "MergedEventRow",
    "Network",
    "NetworkEdge",
    "NetworkNode",
    "QueryError",
    "QuoteRow",
    "StoryRow",
    "TimelineItem",
    "TitleRecord",
    "check_date",
    "documents",
    "entity_profile",
    "events",
    "merged_events",
    "network",
    "quotes",
    "resolve_entity",
    "stories",
    "timeline",
]
