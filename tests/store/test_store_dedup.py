"""Duplicates are recognised by id, URL or normalised text, and store nothing; rejections upsert."""

from __future__ import annotations

import dataclasses

import pytest
from store_samples import ARTICLE, MakeAnalysis

from newsgraph.errors import StoreError
from newsgraph.model import Document, Rejection
from newsgraph.store import Duplicate, Store


def test_new_document_is_not_a_duplicate(store: Store, make_analysis: MakeAnalysis) -> None:
    assert store.find_duplicate(make_analysis().document) is None


def test_same_analysis_twice_is_stored_once(store: Store, make_analysis: MakeAnalysis) -> None:
    analysis = make_analysis()
    assert store.add(analysis) is True
    before = store.stats()

    assert store.add(analysis) is False

    assert store.stats() == before
    assert store.find_duplicate(analysis.document) == Duplicate(
        document_id=analysis.document.id, by="id", origin="examples/xi.txt"
    )


def test_same_url_with_other_text_is_a_duplicate(store: Store, make_analysis: MakeAnalysis) -> None:
    first = make_analysis()
    store.add(first)
    edited = make_analysis(ARTICLE + " This story has been updated.", origin="feed.xml")

    assert store.find_duplicate(edited.document) == Duplicate(
        document_id=first.document.id, by="url", origin="examples/xi.txt"
    )
    assert store.add(edited) is False
    assert store.get_document(edited.document.id) is None
    assert store.stats()["mentions"] == len(first.mentions)


def test_same_normalised_text_under_another_id_and_url_is_a_duplicate(
    store: Store, make_analysis: MakeAnalysis
) -> None:
    first = make_analysis()
    store.add(first)
    # Other case, other spacing, other URL, and an id a reader chose itself: still the same article.
    reprint = Document(id="doc_reprint", text="  " + ARTICLE.upper().replace(" ", "\n  "), url="https://b.example")

    assert store.find_duplicate(reprint) == Duplicate(
        document_id=first.document.id, by="text", origin="examples/xi.txt"
    )


def test_id_match_is_reported_before_url_and_text(store: Store, make_analysis: MakeAnalysis) -> None:
    first = make_analysis()
    store.add(first)
    other = make_analysis(ARTICLE + " Another article.", url="https://example.org/other")
    store.add(other)
    # Same id as `first`, same URL as `other`.
    clash = dataclasses.replace(first.document, url="https://example.org/other")
    assert store.find_duplicate(clash) == Duplicate(document_id=first.document.id, by="id", origin="examples/xi.txt")


def test_documents_without_url_do_not_collide_on_url(store: Store, make_analysis: MakeAnalysis) -> None:
    assert store.add(make_analysis(url=None)) is True
    assert store.add(make_analysis(ARTICLE + " Second.", url=None)) is True
    assert store.stats()["documents"] == 2


def test_add_many_flags_duplicates_of_the_store_and_of_the_batch(store: Store, make_analysis: MakeAnalysis) -> None:
    stored = make_analysis()
    store.add(stored)
    fresh = make_analysis(ARTICLE + " One.", url="https://example.org/1")
    same_url_as_fresh = make_analysis(ARTICLE + " Two.", url="https://example.org/1")
    other = make_analysis(ARTICLE + " Three.", url="https://example.org/3")

    flags = store.add_many([fresh, stored, same_url_as_fresh, other])

    assert flags == [True, False, False, True]
    assert [d.id for d in store.iter_documents()] == [
        stored.document.id,
        fresh.document.id,
        other.document.id,
    ]
    assert store.stats()["mentions"] == 3 * len(stored.mentions)


def test_add_many_of_nothing_stores_nothing(store: Store) -> None:
    assert store.add_many([]) == []
    assert store.stats()["documents"] == 0


def test_facts_filed_under_another_document_are_refused(store: Store, make_analysis: MakeAnalysis) -> None:
    analysis = make_analysis()
    stray = dataclasses.replace(analysis.mentions[0], document_id="doc_other")
    bad = dataclasses.replace(analysis, mentions=(stray, *analysis.mentions[1:]))

    with pytest.raises(StoreError) as caught:
        store.add(bad)

    assert str(caught.value) == (
        f"document {analysis.document.id} (examples/xi.txt): mentions belong to other document(s) "
        "['doc_other']; a stage must set document_id to the document it analysed"
    )
    assert store.stats()["documents"] == 0


def test_the_same_fact_twice_in_one_analysis_is_refused(store: Store, make_analysis: MakeAnalysis) -> None:
    analysis = make_analysis()
    bad = dataclasses.replace(analysis, events=analysis.events * 2)
    with pytest.raises(StoreError, match=r"events with the same id appear more than once: \['evt_"):
        store.add(bad)
    assert store.stats()["documents"] == 0


# --- rejections -------------------------------------------------------------------------------


def test_the_same_rejection_twice_is_one_row_with_the_latest_message(store: Store) -> None:
    store.add_rejection(Rejection(origin="feeds/bad.xml", reason="malformed", message="line 3: mismatched tag"))
    store.add_rejection(Rejection(origin="feeds/bad.xml", reason="malformed", message="line 4: mismatched tag"))

    assert list(store.iter_rejections()) == [
        Rejection(origin="feeds/bad.xml", reason="malformed", message="line 4: mismatched tag")
    ]
    assert store.stats()["rejections"] == 1


def test_rejections_are_filtered_by_reason(store: Store) -> None:
    empty = Rejection(origin="a.txt", reason="empty_text", message="a.txt is empty")
    binary = Rejection(origin="b.bin", reason="decode_error", message="b.bin is binary", document_id=None)
    dup = Rejection(origin="c.txt", reason="duplicate", message="same as d.txt", document_id="doc_1")
    for rejection in (empty, binary, dup):
        store.add_rejection(rejection)

    assert list(store.iter_rejections("duplicate")) == [dup]
    assert sorted(r.origin for r in store.iter_rejections()) == ["a.txt", "b.bin", "c.txt"]
    assert list(store.iter_rejections("stage_error")) == []
    assert store.stats()["rejections"] == 3


def test_iter_rejections_pages_in_creation_order(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsgraph.store.store as store_module

    monkeypatch.setattr(store_module, "PAGE_SIZE", 2)
    # Two share a timestamp, so paging must break the tie by id without skipping or repeating.
    times = iter(["2025-01-01T00:00:01Z", "2025-01-01T00:00:02Z", "2025-01-01T00:00:02Z",
                  "2025-01-01T00:00:03Z", "2025-01-01T00:00:04Z"])  # fmt: skip
    monkeypatch.setattr(store, "_clock", lambda: next(times))
    origins = [f"in/{i}.txt" for i in range(5)]
    for origin in origins:
        store.add_rejection(Rejection(origin=origin, reason="empty_text", message="empty"))

    seen = [r.origin for r in store.iter_rejections()]
    assert sorted(seen) == origins
    assert len(seen) == 5
    assert seen[0] == "in/0.txt"
    assert seen[-2:] == ["in/3.txt", "in/4.txt"]


# --- HTTP cache ---------------------------------------------------------------------------------


def test_http_cache_keeps_the_latest_validators_per_url(store: Store) -> None:
    assert store.http_cache_get("https://example.org/feed") is None

    store.http_cache_put("https://example.org/feed", '"v1"', "Wed, 07 May 2025 10:00:00 GMT")
    store.http_cache_put("https://example.org/feed", '"v2"', None)

    entry = store.http_cache_get("https://example.org/feed")
    assert entry is not None
    assert (entry.url, entry.etag, entry.last_modified) == ("https://example.org/feed", '"v2"', None)
    assert entry.fetched_at.endswith("Z")


def test_the_store_serves_as_the_fetchers_cache(store: Store) -> None:
    @dataclasses.dataclass(frozen=True)
    class Entry:  # the shape of the fetcher's CacheEntry
        etag: str | None = None
        last_modified: str | None = None

    cache = store.http_cache()
    assert cache.get("https://example.org/rss") is None
    cache.put("https://example.org/rss", Entry(etag='W/"abc"'))

    entry = cache.get("https://example.org/rss")
    assert entry is not None
    assert (entry.etag, entry.last_modified) == ('W/"abc"', None)
    assert store.http_cache_get("https://example.org/rss") == entry
