"""MUC and B³ on hand-made chains, and our gold files' format."""

from __future__ import annotations

from pathlib import Path

from newsgraph.eval.coref import b_cubed, muc, read_gold, response_chains

ROOT = Path(__file__).resolve().parents[2]


def test_perfect_response_scores_one() -> None:
    key = [frozenset({(0, 1), (5, 6), (9, 10)}), frozenset({(2, 3)})]
    assert muc(key, key)["f1"] == 1.0
    assert b_cubed(key, key)["f1"] == 1.0


def test_a_missed_link_costs_recall_not_precision() -> None:
    key = [frozenset({(0, 1), (5, 6), (9, 10)})]
    response = [frozenset({(0, 1), (5, 6)})]  # (9, 10) not found
    assert muc(key, response) == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}
    assert b_cubed(key, response)["precision"] == 1.0


def test_a_wrong_merge_costs_precision() -> None:
    key = [frozenset({(0, 1), (5, 6)}), frozenset({(2, 3), (7, 8)})]
    response = [frozenset({(0, 1), (5, 6), (2, 3), (7, 8)})]
    assert muc(key, response)["recall"] == 1.0
    assert muc(key, response)["precision"] == round(2 / 3, 4)
    assert b_cubed(key, response)["precision"] == 0.5


def test_response_chains_group_by_entity_and_members() -> None:
    found = response_chains([(0, 2, "a", ()), (5, 6, "a", ()), (8, 9, None, ("b", "c")), (10, 11, None, ("c", "b"))])
    assert sorted(len(c) for c in found) == [2, 2]


def test_our_gold_files_slice_their_sources() -> None:
    from newsgraph.ingest.inputs import read_all
    from newsgraph.ingest.readers import READERS

    documents = read_gold(ROOT / "tests" / "data" / "coref")
    assert len(documents) >= 8
    for gold in documents:
        texts = {
            d.id: d.text
            for d in read_all([str(ROOT / gold.source)], fetch=None, stdin=None, format=None, readers=READERS)
        }
        text = texts[gold.document_id]
        for (start, end), surface in gold.texts.items():
            assert text[start:end] == surface, (gold.path.name, start, surface)
