"""Event coreference: normal lemmas, lemma clustering inside blocks, absorbing small clusters."""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.eval.ecbplus import participants
from newsgraph.linking.agglomerative import absorb_small, average_linkage
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
