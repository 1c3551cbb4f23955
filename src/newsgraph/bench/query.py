"""Query latency: entity timelines and the actor network on a large store (numbers, not pass/fail).

Timelines are measured for the busiest entities (most events plus quotes), twice: the first
page of ``PAGE`` items (what the REST API and the UI ask for) and the whole timeline (what
``newsgraph query timeline`` prints). Networks are measured over one-month and one-year windows
spread across the store's dates. Each query runs ``REPEATS`` times after one untimed warm-up;
we report the 50th and 95th percentile in milliseconds. ``build`` makes the store (see
``replicate.py``).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

from sqlalchemy import func, select

from newsgraph import query
from newsgraph.bench.replicate import replicate
from newsgraph.store import Store, open_store
from newsgraph.store.schema import documents, event_participants, quotes

__all__ = ["QueryReport", "build_store", "measure_query"]

PAGE = 100  # items in a first page of a timeline
ENTITIES = 10  # busiest entities whose timelines are measured
WINDOWS = 6  # windows of each size for the network
REPEATS = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class QueryReport:
    documents: int
    events: int
    timeline_page_ms: list[float]
    timeline_full_ms: list[float]
    timeline_items: int
    network_month_ms: list[float]
    network_year_ms: list[float]
    network_year_edges: int
    build_seconds: float | None = None

    def to_json(self) -> dict[str, object]:
        result: dict[str, object] = {
            "documents": self.documents,
            "events": self.events,
            "timeline_p95_ms": _p(self.timeline_page_ms, 95),
            "timeline_p50_ms": _p(self.timeline_page_ms, 50),
            "timeline_full_p95_ms": _p(self.timeline_full_ms, 95),
            "timeline_full_max_items": self.timeline_items,
            "network_p95_ms": _p(self.network_month_ms + self.network_year_ms, 95),
            "network_month_p95_ms": _p(self.network_month_ms, 95),
            "network_year_p95_ms": _p(self.network_year_ms, 95),
            "network_year_max_edges": self.network_year_edges,
        }
        if self.build_seconds is not None:
            result["build_seconds"] = round(self.build_seconds, 1)
        return result

    def table(self) -> str:
        data = self.to_json()
        width = max(len(k) for k in data)
        return "\n".join(f"{k:<{width}}  {v:>12}" for k, v in data.items())


def _p(values: list[float], percentile: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[percentile - 1], 1)


def _time(run: Callable[[], object]) -> list[float]:
    run()  # warm-up: the first run pays for page cache and lazy loading, not the query
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return times


def build_store(source_db: str, target_db: str, documents_wanted: int = 50_000) -> float:
    """Fill the new store ``target_db`` with ``documents_wanted`` replicated documents of
    ``source_db``; returns the seconds it took."""
    with open_store(source_db, create=False) as source, open_store(target_db) as target:
        _, seconds = replicate(source, target, documents_wanted)
    return seconds


def _windows(store: Store) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    with store.read() as conn:
        first, last = conn.execute(select(func.min(documents.c.published), func.max(documents.c.published))).one()
    y0, y1 = int(first[:4]), int(last[:4])
    years = [(f"{y}-01-01", f"{y}-12-31") for y in range(y0, y1 + 1)]
    step = max(1, len(years) // WINDOWS)
    years = years[::step][:WINDOWS]
    months = [(f"{y[0][:4]}-{m:02d}-01", f"{y[0][:4]}-{m:02d}") for y in years for m in (3,)]
    return months, years


def measure_query(db: str, build_seconds: float | None = None) -> QueryReport:
    """Measure timeline and network latency on the store ``db``."""
    with open_store(db, create=False) as store:
        with store.read() as conn:
            n_docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
            n_events = conn.execute(select(func.count(func.distinct(event_participants.c.event_id)))).scalar_one()
            busiest = [
                row[0]
                for row in conn.execute(
                    select(quotes.c.speaker_entity_id, func.count())
                    .where(quotes.c.speaker_entity_id.is_not(None))
                    .group_by(quotes.c.speaker_entity_id)
                    .order_by(func.count().desc())
                    .limit(ENTITIES // 2)
                )
            ]
            busiest += [
                row[0]
                for row in conn.execute(
                    select(event_participants.c.entity_id, func.count())
                    .where(event_participants.c.role.in_(("actor", "recipient")))
                    .group_by(event_participants.c.entity_id)
                    .order_by(func.count().desc())
                    .limit(ENTITIES)
                )
                if row[0] not in busiest
            ][: ENTITIES - len(busiest)]
        page, full, most = [], [], 0
        for entity in busiest:
            page += _time(lambda e=entity: list(islice(query.timeline(store, e), PAGE)))  # type: ignore[misc]
            full += _time(lambda e=entity: list(query.timeline(store, e)))  # type: ignore[misc]
            most = max(most, sum(1 for _ in query.timeline(store, entity)))
        months, years = _windows(store)
        month_ms, year_ms, edges = [], [], 0
        for since, until in months:
            month_ms += _time(lambda s=since, u=until: query.network(store, query.Filters(since=s, until=u)))  # type: ignore[misc]
        for since, until in years:
            year_ms += _time(lambda s=since, u=until: query.network(store, query.Filters(since=s, until=u)))  # type: ignore[misc]
            edges = max(edges, len(query.network(store, query.Filters(since=since, until=until)).edges))
    return QueryReport(
        documents=n_docs,
        events=n_events,
        timeline_page_ms=page,
        timeline_full_ms=full,
        timeline_items=most,
        network_month_ms=month_ms,
        network_year_ms=year_ms,
        network_year_edges=edges,
        build_seconds=build_seconds,
    )
