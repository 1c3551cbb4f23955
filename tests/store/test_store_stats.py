"""``Store.stats``: the per-document counts and the cross-document (linking) counts, on both backends."""

from __future__ import annotations

from sqlalchemy import func, select
from store_samples import ARTICLE, MakeAnalysis

from newsgraph.linking.corpus import link_pending, rebuild, summary
from newsgraph.store import Store
from newsgraph.store.schema import merged_events, near_duplicates, stories

KEYS = [
    "documents",
    "rejections",
    "mentions",
    "entities",
    "time_expressions",
    "quotes",
    "events",
    "near_duplicates",
    "stories",
    "merged_events",
    "merged_events_reported_by_several",
    "unlinked_documents",
]


def _rows(store: Store) -> dict[str, int]:
    """The linking tables' row counts, read directly."""
    with store.read() as conn:
        tables = (near_duplicates, stories, merged_events)
        count = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}
        several = select(func.count()).select_from(merged_events).where(merged_events.c.articles >= 2)
        count["several"] = conn.execute(several).scalar_one()
    return count


def test_stats_keys_are_stable_and_in_order(store: Store) -> None:
    counts = store.stats()
    assert list(counts) == KEYS
    assert set(counts.values()) == {0}


def test_stats_count_the_links_and_the_documents_not_linked_yet(store: Store, make_analysis: MakeAnalysis) -> None:
    first = make_analysis()
    update = make_analysis(ARTICLE + " Later that day.", url="https://example.org/xi-moscow-update")
    store.add_many([first, update])
    before = store.stats()
    assert before["documents"] == 2
    assert before["unlinked_documents"] == 2
    assert [before[k] for k in ("near_duplicates", "stories", "merged_events")] == [0, 0, 0]

    assert link_pending(store) == 2
    after = store.stats()
    rows = _rows(store)
    linked = summary(store)
    assert after["unlinked_documents"] == 0
    assert after["near_duplicates"] == rows["near_duplicates"] == linked.near_duplicates == 1  # the update
    assert after["stories"] == rows["stories"] == linked.stories >= 1
    assert after["merged_events"] == rows["merged_events"] == linked.merged_events >= 1
    assert after["merged_events_reported_by_several"] == rows["several"] == linked.reported_by_several
    # Linking adds no document or fact.
    assert {k: after[k] for k in KEYS[:7]} == {k: before[k] for k in KEYS[:7]}

    store.add(make_analysis(ARTICLE + " Talks resume on Friday.", url="https://example.org/xi-moscow-talks"))
    assert store.stats()["unlinked_documents"] == store.unlinked_documents() == 1
    link_pending(store)
    assert store.unlinked_documents() == 0
    # A rebuild clears the links (every document pending again) and relinks all of them.
    assert rebuild(store) == 3
    assert store.stats()["unlinked_documents"] == 0
