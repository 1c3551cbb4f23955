"""Chart counts agree with the lists they drill into, on SQLite and PostgreSQL; ``text`` on facts
is a full-text filter on their documents; an old date does not stretch the axis (issue 9)."""

from __future__ import annotations

from collections import Counter

import pytest
from query_samples import ENTITIES, PROV

from newsgraph import query as q
from newsgraph.model import Analysis, Document, Event, Span
from newsgraph.query.aggregate import Period, aggregate_counts, entity_counts, map_counts, timeline_counts
from newsgraph.query.facts import latest_quotes
from newsgraph.store import Store

FILTERS = [
    q.Filters(),
    q.Filters(text="Putin"),
    q.Filters(text="consult"),  # stemmed: the documents say "consult"; a search word, not a substring
    q.Filters(text="Xi", since="2019-03-01"),
    q.Filters(text="no-such-word-anywhere"),
    q.Filters(entity="Putin", types=("CONSULT", "ASSAULT")),
    q.Filters(country="RUS"),
    q.Filters(source="Other Wire"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_event_counts_match_the_events_list(store: Store, filters: q.Filters) -> None:
    rows = list(q.events(store, filters))
    by_month = Counter(r.date[:7] for r in rows if r.date)
    timeline = timeline_counts(store, filters, of="events", period=Period.month)
    assert {b.period: b.count for b in timeline.buckets if b.count} == dict(by_month)
    assert timeline.total == len(rows)
    table = aggregate_counts(store, filters, period=Period.month)
    assert table.total == len(rows)
    assert sum(c.count for c in table.cells) == len([r for r in rows if r.date])
    assert Counter(c.type for c in table.cells for _ in range(c.count)) == Counter(r.type for r in rows)
    geo = map_counts(store, filters)
    assert geo.total == len(rows)
    assert [p.event_id for p in geo.points] == [r.id for r in rows if r.place is not None]


@pytest.mark.parametrize("filters", [q.Filters(), q.Filters(text="peace"), q.Filters(entity="Putin")], ids=str)
def test_quote_and_document_counts_match_their_lists(store: Store, filters: q.Filters) -> None:
    quotes = list(q.quotes(store, filters))
    assert timeline_counts(store, filters, of="quotes", period=Period.day).total == len(quotes)
    docs = list(q.documents(store, filters))
    counted = timeline_counts(store, filters, of="documents", period=Period.day)
    assert {b.period: b.count for b in counted.buckets if b.count} == dict(Counter(d.published for d in docs))
    named: Counter[str] = Counter()
    for row in docs:
        analysis = store.get_analysis(row.id)
        assert analysis is not None
        named.update(e.id for e in analysis.entities)
    assert {e.id: e.documents for e in entity_counts(store, filters)} == dict(named)


def test_text_filters_facts_by_their_documents_words(store: Store) -> None:
    # Document 5 holds both the Kim threat and Putin's "Peace is near": the event is kept for it.
    assert [r.type for r in q.events(store, q.Filters(text="peace"))] == ["THREATEN"]
    assert [r.text for r in q.quotes(store, q.Filters(text="PEACE near"))] == ['"Peace is near,"']
    assert list(q.events(store, q.Filters(text="peace war"))) == []  # every word must occur
    assert len(list(q.events(store, q.Filters(text="--")))) == 0  # no search word: nothing matches


def test_aggregate_is_sparse_across_countries_and_types(store: Store) -> None:
    table = aggregate_counts(store, q.Filters(since="2019-01-01", until="2019-12-31"), period=Period.month)
    assert table.periods == tuple(f"2019-{m:02d}" for m in range(1, 13))
    pairs = {(c.country, c.type) for c in table.cells}
    assert len(table.cells) == 12 * len(pairs)  # every pair that occurs, in every month
    assert ("RUS", "CONSULT") in pairs and ("", "ASSAULT") in pairs
    assert set(table.types) == {t for _, t in pairs} and "PROTEST" not in table.types
    by_actor = aggregate_counts(store, q.Filters(types=("AID",)), period=Period.month, country_of="actor")
    assert [(c.period, c.country, c.count) for c in by_actor.cells] == [("2019-12", "CHN", 1)]


def test_issue_9_an_old_event_does_not_stretch_the_axis(store: Store) -> None:
    text = "In 1941 the siege began."
    old = Analysis(
        document=Document(
            id="doc_0006", text=text, title="History", url="https://example.org/6", published="2020-02-10"
        ),
        events=(
            Event(
                id="evt_old",
                document_id="doc_0006",
                type="ASSAULT",
                evidence=Span.of(text, 0, len(text)),
                provenance=PROV,
                actors=("ent_putin",),
                time="1941-09-08",
            ),
        ),
        entities=(ENTITIES["ent_putin"],),
    )
    store.add(old)
    counts = timeline_counts(store, of="events", period=Period.day)
    # Zero-filled from the first event inside the stored articles' span (2019-01-10), not from 1941.
    assert counts.buckets[0].period == "2019-01-10" and counts.buckets[-1].period == "2020-02-01"
    assert counts.outside == 1 and counts.total == len(list(q.events(store)))
    table = aggregate_counts(store, period=Period.month)
    assert table.periods[0] == "2019-01" and table.outside == 1
    assert table.total == len(list(q.events(store)))
    # A range that asks for 1941 gets it.
    asked = timeline_counts(store, q.Filters(since="1941", until="1941"), of="events", period=Period.month)
    assert asked.outside == 0 and sum(b.count for b in asked.buckets) == 1


@pytest.mark.parametrize("filters", [q.Filters(), q.Filters(text="said"), q.Filters(entity="Putin")], ids=str)
def test_latest_quotes_are_the_tail_of_the_list(store: Store, filters: q.Filters) -> None:
    listed = list(q.quotes(store, filters))
    assert latest_quotes(store, filters, limit=2) == listed[-2:][::-1]
