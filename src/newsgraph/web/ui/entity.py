"""The entity page: who or what it is, its titles over time (with evidence), the attention it
gets, its quotes (by and about it), its events as actor and as recipient, and its top partners.

Built from ``entity_profile``, ``timeline_counts``, ``quotes``, ``events`` and ``network``: the
functions behind ``/api/v1/entities/{id}`` and the lists it links to.
"""

from __future__ import annotations

from collections import Counter

from fastapi import Request
from fastapi.responses import HTMLResponse
from sqlalchemy import and_, or_, select

from newsgraph import query
from newsgraph.query.aggregate import timeline_counts
from newsgraph.query.facts import quote_rows
from newsgraph.store import Store
from newsgraph.store.schema import mentions
from newsgraph.store.schema import quotes as quotes_table
from newsgraph.web.deps import StoreDep
from newsgraph.web.ui.pages import page_router
from newsgraph.web.ui.periods import choose_period, from_timeline
from newsgraph.web.ui.templating import render

__all__ = ["router"]

router = page_router()

#: Rows of each list shown on the page; "see all" opens the full list (no cap there).
SHOWN = 25
#: Partners shown, most events first.
PARTNERS = 15


@router.get("/entities/{entity}", name="entity")
def entity_page(request: Request, entity: str, store: StoreDep) -> HTMLResponse:
    profile = query.entity_profile(store, entity)
    mine = query.Filters(entity=profile.id)
    period = choose_period((), profile.first_seen, profile.last_seen)
    attention = from_timeline(timeline_counts(store, mine, of="documents", period=period), "articles")
    as_actor = list(query.events(store, query.Filters(actor=profile.id)))
    as_recipient = list(query.events(store, query.Filters(recipient=profile.id)))
    said = list(query.quotes(store, query.Filters(actor=profile.id)))
    about = _quotes_about(store, profile.id)
    partners = _partners(query.network(store, mine), profile.id)
    return render(
        request,
        "entity.html",
        {
            "profile": profile,
            # Latest first; a title with no date (as_of None) last.
            "titles": sorted(profile.titles, key=lambda t: t.as_of or "", reverse=True),
            "attention": attention,
            "as_actor": as_actor[-SHOWN:][::-1],
            "as_actor_total": len(as_actor),
            "as_recipient": as_recipient[-SHOWN:][::-1],
            "as_recipient_total": len(as_recipient),
            "said": said[-SHOWN:][::-1],
            "said_total": len(said),
            "about": about,
            "partners": partners,
            "shown": SHOWN,
        },
    )


def _quotes_about(store: Store, entity_id: str) -> list[query.QuoteRow]:
    """The latest quotes by others whose words mention the entity: a mention linked to it
    (by name, or by pronoun or title through coreference) inside the quotation's span.

    A stopgap until the query layer offers it (``quotes`` filters by speaker only); it returns
    the query layer's own rows, so the list reads like every other quote list."""
    q, m = quotes_table, mentions
    # Driven from the entity's mentions (indexed by entity id), then the quotes of their
    # documents: a correlated EXISTS per quote would test every quote in the store.
    inside = (
        select(q.c.id)
        .join(m, and_(m.c.document_id == q.c.document_id, m.c.start >= q.c.start, m.c.end <= q.c.end))
        .where(m.c.entity_id == entity_id)
    )
    speaker_other = or_(q.c.speaker_entity_id.is_(None), q.c.speaker_entity_id != entity_id)
    latest = (
        select(q.c.id, q.c.date, q.c.document_id, q.c.data)
        .where(q.c.id.in_(inside), speaker_other)
        .order_by(q.c.date.desc().nulls_last(), q.c.id)
        .limit(SHOWN)
    )
    with store.read() as conn:
        return quote_rows(conn, conn.execute(latest).all(), "quotes")


def _partners(network: query.Network, entity_id: str) -> list[dict[str, object]]:
    """The entities it acts on or is acted on by, most events first, with the split."""
    names = {node.id: node for node in network.nodes}
    totals: Counter[str] = Counter()
    split: dict[str, list[int]] = {}
    for edge in network.edges:
        other = edge.target if edge.source == entity_id else edge.source if edge.target == entity_id else None
        if other is None:
            continue
        totals[other] += edge.events
        counts = split.setdefault(other, [0, 0, 0, 0])
        outgoing = edge.source == entity_id
        counts[0 if outgoing else 1] += edge.events
        counts[2] += edge.cooperation
        counts[3] += edge.conflict
    return [
        {
            "node": names[other],
            "events": n,
            "outgoing": split[other][0],
            "incoming": split[other][1],
            "cooperation": split[other][2],
            "conflict": split[other][3],
        }
        for other, n in totals.most_common(PARTNERS)
        if other in names
    ]
