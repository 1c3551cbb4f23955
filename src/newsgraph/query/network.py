"""The actor network: who acted on whom in a date window, from the ``event_edges`` table.

One grouped scan of ``event_edges``' covering index (date first) gives ``(actor, recipient,
type) -> events`` with no join; quad classes and intensities come from the ontology in Python
(16 types), which keeps the SQL portable and the aggregation on the database. A second grouped
query counts each node's events among those edges.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, union_all

from newsgraph.query import conditions as where
from newsgraph.query.filters import NO_FILTERS, Filters
from newsgraph.query.refs import COOPERATION, entity_refs, plover_class
from newsgraph.query.rows import Network, NetworkEdge, NetworkNode
from newsgraph.store import Store
from newsgraph.store.schema import event_edges

__all__ = ["network"]

NETWORK_FILTERS = (
    "since", "until", "types", "modalities", "entity", "country", "source", "story", "min_confidence", "background",
)  # fmt: skip


def network(store: Store, filters: Filters = NO_FILTERS) -> Network:
    """Nodes (canonical entities) and directed edges actor -> recipient of the events matching
    ``filters``: each edge with its event count, cooperation/conflict split and PLOVER intensity
    sum and mean; each node with the number of those events it takes part in. ``entity`` keeps
    the edges touching it (its ego network); ``country`` the edges with an endpoint of that
    country; ``min_confidence`` and ``background`` the events the classifier is sure enough of
    (default: the shipped threshold, background events left out; an event with no confidence
    passes). Self-loops (an entity acting on itself) are left out."""
    where.check_supported(filters, "network", NETWORK_FILTERS)
    e = event_edges
    with store.read() as conn:
        resolved = where.resolve(conn, filters)
        conds = _edge_conditions(filters)
        if resolved.entity is not None:
            conds.append(or_(e.c.actor_id == resolved.entity, e.c.recipient_id == resolved.entity))
        query = (
            select(e.c.actor_id, e.c.recipient_id, e.c.type, func.count())
            .where(*conds)
            .group_by(e.c.actor_id, e.c.recipient_id, e.c.type)
        )
        grouped = conn.execute(query).all()
        refs = entity_refs(conn, {x for row in grouped for x in row[:2]})
        if filters.country is not None:
            grouped = [r for r in grouped if filters.country in (refs[r[0]].country, refs[r[1]].country)]
        edges = _edges(grouped)
        kept = {x for edge in edges for x in (edge.source, edge.target)}
        counts = _node_events(conn, conds, kept)
    nodes = tuple(
        NetworkNode(id=i, name=refs[i].name, kind=refs[i].kind, country=refs[i].country, events=counts.get(i, 0))
        for i in sorted(counts)
    )
    return Network(since=filters.since, until=filters.until, nodes=nodes, edges=edges)


def _edge_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    e = event_edges
    conds = [
        *where.date_range(e.c.date, filters),
        *where.document_filter(e.c.document_id, filters),
        *where.confidence_filter(e.c.confidence, e.c.background, filters),
    ]
    if filters.types:
        conds.append(e.c.type.in_(filters.types))
    if filters.modalities:
        conds.append(e.c.modality.in_(filters.modalities))
    return conds


def _edges(grouped: Sequence[Any]) -> tuple[NetworkEdge, ...]:
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # events, coop, conflict, intensity
    for source, target, type_name, count in grouped:
        quad, intensity = plover_class(type_name)
        total = totals[(source, target)]
        total[0] += count
        total[1 if quad in COOPERATION else 2] += count
        total[3] += (intensity or 0) * count
    return tuple(
        NetworkEdge(
            source=source,
            target=target,
            events=n,
            cooperation=coop,
            conflict=conflict,
            intensity_sum=intensity,
            intensity_mean=round(intensity / n, 3),
        )
        for (source, target), (n, coop, conflict, intensity) in sorted(totals.items())
    )


def _node_events(conn: Any, conds: list[ColumnElement[bool]], ids: set[str]) -> dict[str, int]:
    """How many of the network's events (those with an edge matching ``conds``) each of ``ids``
    takes part in, each event once."""
    if not ids:
        return {}
    e = event_edges
    sides = union_all(
        select(e.c.actor_id.label("entity_id"), e.c.event_id).where(*conds),
        select(e.c.recipient_id.label("entity_id"), e.c.event_id).where(*conds),
    ).subquery()
    query = select(sides.c.entity_id, func.count(func.distinct(sides.c.event_id))).group_by(sides.c.entity_id)
    return {entity_id: n for entity_id, n in conn.execute(query) if entity_id in ids}
