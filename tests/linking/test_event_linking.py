"""Event coreference: normal lemmas, lemma clustering inside blocks, absorbing small clusters."""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.eval.ecbplus import participants
from newsgraph.linking.agglomerative import (
    absorb_small,
    average_linkage,
    bipartition,
    nearest_neighbour_graph,
    recursive_bipartition,
)
from newsgraph.linking.event_coref import (
    EventCorefParameters,
    MentionFeatures,
    cluster_events,
    normal_lemmas,
    same_participants,
)


def test_normal_lemmas_fold_derivations_only_onto_lemmas_that_occur() -> None:
    normal = normal_lemmas(["shoot", "shooting", "shot", "checks", "check", "dies", "die", "death", "morning"])
    assert normal == {
        "check": "check",
        "checks": "check",
        "death": "die",
        "die": "die",
        "dies": "die",
        "morning": "morning",  # "morne" and "morn" are not in the input
        "shoot": "shoot",
        "shooting": "shoot",
        "shot": "shoot",
    }


def test_suffix_rules_undouble_consonants_and_need_the_stem() -> None:
    assert normal_lemmas(["ship", "shipping", "playoffs"]) == {
        "ship": "ship",
        "shipping": "ship",
        "playoffs": "playoffs",
    }
    assert normal_lemmas(["playoff", "playoffs"])["playoffs"] == "playoff"
    assert normal_lemmas(["quake"]) == {"quake": "earthquake"}  # the table needs no partner


def mention(id: str, lemma: str, block: str = "b1") -> MentionFeatures:
    return MentionFeatures(id=id, block=block, lemma=lemma, vector=(1.0, 0.0))


def test_default_clustering_is_normal_lemma_equality_inside_blocks() -> None:
    mentions = [
        mention("a", "shooting"),
        mention("b", "shoot"),
        mention("c", "death"),
        mention("d", "die"),
        mention("e", "shoot", block="b2"),
        mention("f", "morning"),
    ]
    assert cluster_events(mentions) == [
        frozenset({"a", "b"}),
        frozenset({"c", "d"}),
        frozenset({"e"}),
        frozenset({"f"}),
    ]
    plain = EventCorefParameters(normalise=False, related_weight=0.0)
    assert cluster_events(mentions, plain) == [frozenset(x) for x in ("a", "b", "c", "d", "e", "f")]


def test_absorb_small_moves_small_clusters_to_the_nearest_big_one() -> None:
    # Items 0-2 and 3-5 are two groups; 6 is alone but close to the second group.
    similarity = np.full((7, 7), 0.0)
    similarity[:3, :3] = similarity[3:6, 3:6] = 1.0
    similarity[6, 3:6] = similarity[3:6, 6] = 0.3
    similarity[6, :3] = similarity[:3, 6] = 0.1
    labels = average_linkage(similarity, 0.5)
    assert labels == [0, 0, 0, 1, 1, 1, 2]
    assert absorb_small(similarity, labels, 2) == [0, 0, 0, 1, 1, 1, 1]
    assert absorb_small(similarity, labels, 1) == labels


def test_absorb_small_keeps_all_when_no_cluster_is_big_and_renumbers() -> None:
    similarity = np.eye(3)
    assert absorb_small(similarity, [0, 1, 2], 2) == [0, 1, 2]
    # Cluster 0 (item 0) joins cluster 1; labels start again at 0 in order of first item.
    assert absorb_small(np.ones((3, 3)), [0, 1, 1], 2) == [0, 0, 0]
    assert absorb_small(np.zeros((0, 0)), [], 2) == []


def test_bipartition_splits_two_groups_and_keeps_an_outlier_with_its_nearest() -> None:
    # Items 0-2 and 3-5 are two groups, a little alike (0.05); item 6 is barely like anything, a
    # bit more like the second group. Average linkage down to two clusters joins the two groups
    # (0.05) before the outlier (0.03); the normalised cut keeps the groups apart.
    similarity = np.full((7, 7), 0.05)
    similarity[:3, :3] = similarity[3:6, 3:6] = 1.0
    similarity[6, 3:6] = similarity[3:6, 6] = 0.03
    similarity[6, :3] = similarity[:3, 6] = 0.01
    assert bipartition(similarity) == [0, 0, 0, 1, 1, 1, 1]
    # Order does not matter: the first item is always labelled 0.
    order = [5, 0, 6, 3, 1, 4, 2]
    assert bipartition(similarity[np.ix_(order, order)]) == [0, 1, 0, 0, 1, 0, 1]


def test_bipartition_of_disconnected_and_tiny_inputs() -> None:
    # Two components with no similarity between them (negatives count as 0) are the two sides.
    similarity = np.full((4, 4), -0.5)
    similarity[:2, :2] = similarity[2:, 2:] = 0.8
    assert bipartition(similarity) == [0, 0, 1, 1]
    assert bipartition(np.ones((2, 2))) == [0, 1]
    assert bipartition(np.ones((1, 1))) == [0]
    assert bipartition(np.zeros((0, 0))) == []


def groups(*sizes: int, within: float = 0.8, between: float = 0.1) -> np.ndarray:
    """A similarity matrix of groups of the given sizes (1 on the diagonal)."""
    n = sum(sizes)
    similarity = np.full((n, n), between)
    start = 0
    for size in sizes:
        similarity[start : start + size, start : start + size] = within
        start += size
    np.fill_diagonal(similarity, 1.0)
    return similarity


def test_recursive_bipartition_keeps_one_clear_group_whole() -> None:
    assert recursive_bipartition(groups(6), 0.45) == [0] * 6
    # Alike with some noise: still no good seam.
    noise = np.random.default_rng(0).random((8, 8))
    similarity = 0.5 + 0.05 * (noise + noise.T)
    np.fill_diagonal(similarity, 1.0)
    assert recursive_bipartition(similarity, 0.45) == [0] * 8
    assert recursive_bipartition(similarity, 0.45, neighbours=3) == [0] * 8


def test_recursive_bipartition_finds_two_and_three_groups() -> None:
    assert recursive_bipartition(groups(4, 4), 0.45) == [0] * 4 + [1] * 4
    assert recursive_bipartition(groups(3, 4, 3), 0.45) == [0] * 3 + [1] * 4 + [2] * 3
    assert recursive_bipartition(groups(3, 4, 3), 0.45, neighbours=3) == [0] * 3 + [1] * 4 + [2] * 3
    # A threshold no cut reaches keeps everything together; one every cut reaches splits it all.
    assert recursive_bipartition(groups(3, 4, 3), 0.0) == [0] * 10
    assert set(recursive_bipartition(groups(3, 4, 3), 3.0)) == set(range(10))


def test_recursive_bipartition_is_deterministic_and_labels_in_order_of_first_item() -> None:
    similarity = groups(3, 4, 3)
    order = [5, 0, 9, 3, 7, 1, 8, 2, 6, 4]  # items of groups B A C B C A C A B B
    shuffled = similarity[np.ix_(order, order)]
    assert recursive_bipartition(shuffled, 0.45) == [0, 1, 2, 0, 2, 1, 2, 1, 0, 0]
    assert all(recursive_bipartition(shuffled, 0.45) == recursive_bipartition(shuffled, 0.45) for _ in range(3))
    assert recursive_bipartition(np.zeros((0, 0)), 0.45) == []
    assert recursive_bipartition(np.ones((1, 1)), 0.45) == [0]


def test_the_neighbour_graph_finds_groups_that_share_a_common_background() -> None:
    # Two groups that resemble each other almost as much as themselves (a topic's shared words):
    # on all similarities the cut is poor (0.94), on each item's 3 nearest neighbours it is free.
    similarity = groups(4, 4, within=0.6, between=0.4)
    assert recursive_bipartition(similarity, 0.45) == [0] * 8
    assert recursive_bipartition(similarity, 0.45, neighbours=3) == [0] * 4 + [1] * 4
    graph = nearest_neighbour_graph(similarity, 3)
    assert np.array_equal(graph, np.where(similarity == 0.6, 0.6, 0.0))
    # Symmetric: kept when either item is among the other's nearest.
    lopsided = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.8], [0.1, 0.8, 1.0]])
    assert nearest_neighbour_graph(lopsided, 1).tolist() == [[0.0, 0.9, 0.0], [0.9, 0.0, 0.8], [0.0, 0.8, 0.0]]


def said(id: str, *who: str) -> MentionFeatures:
    return MentionFeatures(
        id=id, block="b1", lemma="say", vector=(1.0,), participants=frozenset(("subj", w) for w in who)
    )


def test_same_participants_needs_a_shared_word_and_no_conflicting_role() -> None:
    lohan = frozenset({("subj", "lindsay"), ("subj", "lohan")})
    assert same_participants(lohan, frozenset({("subj", "lohan")}))
    assert not same_participants(lohan, frozenset({("subj", "reid")}))
    assert not same_participants(lohan | {("num", "90")}, frozenset({("subj", "lohan"), ("num", "30")}))
    assert same_participants(lohan | {("num", "90")}, frozenset({("subj", "lohan")}))  # num in one only
    assert not same_participants(lohan, frozenset())  # nothing known: not the same


def test_reporting_verbs_join_only_with_the_same_speaker() -> None:
    mentions = [said("a", "heller"), said("b", "mark", "heller"), said("c", "white"), said("d")]
    assert cluster_events(mentions, EventCorefParameters(related_weight=0.0)) == [
        frozenset({"a", "b"}),
        frozenset({"c"}),
        frozenset({"d"}),
    ]
    everything = EventCorefParameters(related_weight=0.0, reporting_verbs=frozenset())
    assert cluster_events(mentions, everything) == [frozenset("abcd")]


def test_participants_read_subjects_objects_and_figures() -> None:
    words = ["Lindsay", "Lohan", "checked", "into", "Betty", "Ford", "after", "a", "6.1", "quake"]
    heads = [1, 2, 2, 2, 5, 3, 2, 9, 9, 6]
    deps = ["compound", "nsubj", "ROOT", "prep", "compound", "pobj", "prep", "det", "nummod", "pobj"]
    pos = ["PROPN", "PROPN", "VERB", "ADP", "PROPN", "PROPN", "ADP", "DET", "NUM", "NOUN"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, ents=["B-PERSON", "I-PERSON"] + ["O"] * 8)
    assert participants(doc[2]) == {("subj", "lindsay"), ("subj", "lohan"), ("pobj", "betty"), ("pobj", "ford")}
    assert participants(doc[9]) == {("num", "6.1")}
