"""``min_confidence`` and ``background`` on every event read, on SQLite and PostgreSQL: the event
list, chart counts, network, timelines, entity profiles, merged events and the GDELT table.

The sample corpus's events were stored before the classifier (confidence NULL): they pass any
threshold. ``rated`` adds ``rated_document()``, whose events the classifier rated (0.9, 0.3, and
0.8 for a background one).
The default threshold is pinned to 0.5 here, whatever the shipped model card says.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from query_samples import CORPUS, add_merged_event, build_corpus, rated_document
from sqlalchemy import event
from sqlalchemy.engine import Engine

import newsgraph.query.filters as filters_module
from newsgraph import query as q
from newsgraph.export import gdelt
from newsgraph.models import event_threshold
from newsgraph.query.aggregate import Period, aggregate_counts, map_counts, timeline_counts
from newsgraph.store import Store, open_store

THRESHOLD = 0.5
LEGACY_EVENTS = sum(len(a.events) for a in CORPUS)  # 6, all without a confidence


RATED = rated_document()
SURE, DOUBTFUL, HISTORY = RATED.events


@pytest.fixture(autouse=True)
def pinned_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filters_module, "event_threshold", lambda: THRESHOLD)


@pytest.fixture
def rated(store: Store) -> Store:
    store.add(RATED)
    return store


def _ids(rows: object) -> set[str]:
    return {row.id for row in rows}  # type: ignore[attr-defined]


#: Each filter and the rated events it keeps (the unrated ones are always kept).
KEPT = [
    (q.Filters(), {SURE.id}),
    (q.Filters(min_confidence=0), {SURE.id, DOUBTFUL.id}),
    (q.Filters(min_confidence=0.85), {SURE.id}),
    (q.Filters(min_confidence=0.95), set()),
    (q.Filters(background=True), {SURE.id, HISTORY.id}),
    (q.Filters(min_confidence=0, background=True), {SURE.id, DOUBTFUL.id, HISTORY.id}),
]


@pytest.mark.parametrize(("filters", "kept"), KEPT, ids=str)
def test_event_list_keeps_rated_events_above_the_threshold_and_every_unrated_one(
    rated: Store, filters: q.Filters, kept: set[str]
) -> None:
    rows = list(q.events(rated, filters))
    legacy = {e.id for a in CORPUS for e in a.events}
    assert _ids(rows) == legacy | kept
    assert all(r.confidence is None and r.background is False for r in rows if r.id in legacy)


def test_event_rows_carry_confidence_and_background(rated: Store) -> None:
    rows = {r.id: r for r in q.events(rated, q.Filters(min_confidence=0, background=True))}
    assert (rows[SURE.id].confidence, rows[SURE.id].background) == (0.9, False)
    assert (rows[HISTORY.id].confidence, rows[HISTORY.id].background) == (0.8, True)


def test_the_default_threshold_is_the_shipped_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()
    assert q.Filters().confidence_floor() == event_threshold()
    assert q.Filters(min_confidence=0.2).confidence_floor() == 0.2


@pytest.mark.parametrize(("filters", "kept"), KEPT, ids=str)
def test_chart_counts_count_what_the_event_list_lists(rated: Store, filters: q.Filters, kept: set[str]) -> None:
    rows = list(q.events(rated, filters))
    assert len(rows) == LEGACY_EVENTS + len(kept)
    counts = timeline_counts(rated, filters, of="events", period=Period.month)
    assert counts.total == len(rows)
    assert {b.period: b.count for b in counts.buckets if b.count} == dict(Counter(r.date[:7] for r in rows if r.date))
    table = aggregate_counts(rated, filters, period=Period.month, country_of="actor")
    assert table.total == len(rows)
    assert Counter(c.type for c in table.cells for _ in range(c.count)) == Counter(r.type for r in rows)
    geo = map_counts(rated, filters)
    assert geo.total == len(rows) and [p.event_id for p in geo.points] == [r.id for r in rows if r.place]


def test_network_counts_only_the_events_the_filters_keep(rated: Store) -> None:
    def edges(filters: q.Filters) -> dict[tuple[str, str], int]:
        return {(e.source, e.target): e.events for e in q.network(rated, filters).edges}

    default = edges(q.Filters(since="2019", until="2019"))
    assert default[("ent_putin", "ent_xi")] == 3  # two unrated CONSULTs and the sure one
    assert default[("ent_putin", "ent_zelensky")] == 1  # the doubtful ASSAULT left out
    assert default[("ent_zelensky", "ent_putin")] == 1  # the background ACCUSE left out
    everything = edges(q.Filters(since="2019", until="2019", min_confidence=0, background=True))
    assert everything[("ent_putin", "ent_zelensky")] == 2 and everything[("ent_zelensky", "ent_putin")] == 2
    strict = q.network(rated, q.Filters(min_confidence=0.95))
    assert {n.id: n.events for n in strict.nodes}["ent_putin"] == 5  # the unrated events only


def test_timeline_filters_events_and_keeps_quotes(rated: Store) -> None:
    def items(filters: q.Filters) -> list[q.TimelineItem]:
        return list(q.timeline(rated, "ent_putin", filters))

    default = items(q.Filters())
    assert {i.id for i in default} >= {SURE.id} and not {i.id for i in default} & {DOUBTFUL.id, HISTORY.id}
    assert sum(i.kind == "quote" for i in default) == 2
    everything = {i.id: i for i in items(q.Filters(min_confidence=0, background=True))}
    assert {DOUBTFUL.id, HISTORY.id} <= set(everything)
    assert (everything[HISTORY.id].confidence, everything[HISTORY.id].background) == (0.8, True)
    quote = next(i for i in everything.values() if i.kind == "quote")
    assert (quote.confidence, quote.background) == (None, None)
    assert len(everything) == len(default) + 2


def test_entity_profile_counts_the_events_the_filters_keep(rated: Store) -> None:
    default = q.entity_profile(rated, "Putin")
    assert (default.events_as_actor, default.events_as_recipient) == (3 + 1, 2)
    everything = q.entity_profile(rated, "Putin", q.Filters(min_confidence=0, background=True))
    assert (everything.events_as_actor, everything.events_as_recipient) == (3 + 2, 2 + 1)
    with pytest.raises(q.QueryError, match="an entity profile cannot be filtered by types"):
        q.entity_profile(rated, "Putin", q.Filters(types=("CONSULT",)))


def test_a_merged_event_is_listed_when_one_of_its_mentions_passes(rated: Store) -> None:
    legacy_consult = next(e for e in CORPUS[0].events)
    add_merged_event(rated, "mev_sure", [SURE, legacy_consult])
    add_merged_event(rated, "mev_doubtful", [DOUBTFUL])
    add_merged_event(rated, "mev_history", [HISTORY])
    default = {m.id: m for m in q.merged_events(rated)}
    assert set(default) == {"mev_sure"}
    assert (default["mev_sure"].confidence, default["mev_sure"].background) == (0.9, False)
    assert _ids(q.merged_events(rated, q.Filters(min_confidence=0.2))) == {"mev_sure", "mev_doubtful"}
    shown = {m.id: m for m in q.merged_events(rated, q.Filters(background=True))}
    assert set(shown) == {"mev_sure", "mev_history"} and shown["mev_history"].background is True


def test_gdelt_rows_have_confidence_and_background_and_follow_the_filters(rated: Store) -> None:
    mentions = list(gdelt.gdelt_table(rated).rows)
    assert {r["id"] for r in mentions} == _ids(q.events(rated))
    assert {(r["id"], r["confidence"], r["background"]) for r in mentions if r["id"] == SURE.id} == {
        (SURE.id, 0.9, False)
    }
    add_merged_event(rated, "mev_history", [HISTORY])
    add_merged_event(rated, "mev_sure", [SURE])
    merged = list(gdelt.gdelt_table(rated, q.Filters(min_confidence=0, background=True)).rows)
    assert {(r["id"], r["confidence"], r["background"]) for r in merged} == {
        ("mev_history", 0.8, True),
        ("mev_sure", 0.9, False),
    }
    assert [r["id"] for r in gdelt.gdelt_table(rated).rows] == ["mev_sure"]


@pytest.mark.parametrize("bad", [1.5, -0.1, math.nan, True, "high"])
def test_min_confidence_outside_0_to_1_is_refused_with_the_fix(bad: object) -> None:
    with pytest.raises(q.QueryError) as caught:
        q.Filters(min_confidence=bad)  # type: ignore[arg-type]
    assert str(caught.value) == (
        f"--min-confidence {bad!r} is not a confidence from 0 to 1; use e.g. 0.8, 0 to show every event, "
        f"or leave it out for the default threshold ({THRESHOLD})"
    )


def test_lists_without_events_refuse_the_event_filters(rated: Store) -> None:
    with pytest.raises(q.QueryError, match="quotes cannot be filtered by min_confidence; it takes"):
        list(q.quotes(rated, q.Filters(min_confidence=0.5)))
    with pytest.raises(q.QueryError, match="documents cannot be filtered by background; it takes"):
        list(q.documents(rated, q.Filters(background=True)))
    assert len(list(q.quotes(rated, q.Filters(min_confidence=None, background=False)))) == 3  # the defaults


def test_the_network_and_the_profile_counts_read_only_their_covering_indexes(tmp_path: Path) -> None:
    """SQLite's plan for the network's grouped scan and an entity profile's event counts, with
    the default filters: the index alone (the confidence and background columns end it)."""
    path = tmp_path / "plans.db"
    statements: list[tuple[str, object]] = []

    def record(conn: object, cursor: object, statement: str, parameters: object, *args: object) -> None:
        statements.append((statement, parameters))

    with open_store(str(path)) as opened:
        build_corpus(opened)
        opened.add(RATED)
        event.listen(Engine, "before_cursor_execute", record)
        try:
            q.network(opened, q.Filters(since="2019-01-01", until="2019-12-31"))
            q.entity_profile(opened, "ent_putin")
        finally:
            event.remove(Engine, "before_cursor_execute", record)
    with sqlite3.connect(path) as raw:
        plans = {
            statement: " | ".join(row[-1] for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters))
            for statement, parameters in statements
            if "confidence" in statement and ("event_edges" in statement or "event_participants.role" in statement)
        }
    assert len(plans) == 3, plans  # the edges, the network's node counts, the profile's roles
    for statement, plan in plans.items():
        assert "USING COVERING INDEX ix_event_" in plan and "SCAN event" not in plan, (statement, plan)
