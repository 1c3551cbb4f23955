"""Several writers on one database at once (threads with their own Store each, as separate
ingest processes would be): every document is stored exactly once and nothing fails."""

from __future__ import annotations

import threading

from store_samples import ARTICLE, MakeAnalysis

from newsgraph.store import open_store


def test_concurrent_writers_store_each_document_once(store_url: str, make_analysis: MakeAnalysis) -> None:
    # 40 distinct documents; each of 4 writers adds all of them in batches of 5, in its own order.
    analyses = [make_analysis(f"{ARTICLE} Update {i}.", url=f"https://example.org/u{i}") for i in range(40)]
    open_store(store_url).close()  # create the schema once, as the first ingest would
    stored: list[int] = []
    errors: list[BaseException] = []

    def writer(offset: int) -> None:
        try:
            with open_store(store_url) as store:
                order = analyses[offset:] + analyses[:offset]
                count = 0
                for i in range(0, len(order), 5):
                    count += sum(store.add_many(order[i : i + 5]))
                stored.append(count)
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(offset,)) for offset in (0, 10, 20, 30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert sum(stored) == 40
    with open_store(store_url) as store:
        counts = store.stats()
        assert counts["documents"] == 40
        assert counts["events"] == 40 * len(analyses[0].events)
        assert len({d.id for d in store.iter_documents()}) == 40
