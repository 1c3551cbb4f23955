"""Cross-document event coreference: which event mentions, across articles, are one real event.

Mentions are compared only inside a block (the documents of one story, from
:mod:`newsgraph.linking.stories`): two stories are two real-world happenings, so their events
never corefer, and blocking keeps the pairwise work small. Inside a block, a pair of mentions
scores

    w_vector · cos(trigger vectors) + w_context · cos(sentence vectors)
    + w_lemma · [same head lemma] + w_arguments · J(arguments) + w_time · J(times)

where J is the Jaccard of two sets: the arguments are the entities of the mention's sentence
(who and where), the times its date expressions. Mentions are then joined by average-linkage
agglomerative clustering (:mod:`newsgraph.linking.agglomerative`) while the mean score of two
clusters is at least ``threshold``. Weights and threshold were tuned on ECB+ train topics only
(``newsgraph eval event-coref``); the dev topics are reported, not tuned on.

Pure and deterministic: features in, chains out (sorted by their first mention's id).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsgraph.linking.agglomerative import average_linkage

__all__ = ["EventCorefParameters", "MentionFeatures", "cluster_events", "same_lemma"]


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionFeatures:
    """What event coreference knows of one event mention."""

    id: str
    block: str
    lemma: str
    vector: tuple[float, ...]
    context: tuple[float, ...] = ()
    arguments: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class EventCorefParameters:
    """Pair-score weights and the clustering threshold, the best of a grid on ECB+ train topics.

    With these, two mentions need the same lemma *and* similar words or sentences to join, so
    the result is close to the same-lemma baseline (see the report in ``eval/cross_document``).
    Argument and time overlap are off: any weight above 0 lowered train CoNLL F1 (2-5 points),
    because in one story most sentences name the same people and places whatever the event."""

    vector_weight: float = 0.5
    context_weight: float = 0.5
    lemma_weight: float = 1.0
    argument_weight: float = 0.0
    time_weight: float = 0.0
    threshold: float = 1.2


def _jaccard(sets: Sequence[frozenset[str]]) -> npt.NDArray[np.float64]:
    n = len(sets)
    result = np.zeros((n, n))
    for i in range(n):
        if not sets[i]:
            continue
        for j in range(i + 1, n):
            if sets[j]:
                shared = len(sets[i] & sets[j])
                if shared:
                    result[i, j] = result[j, i] = shared / len(sets[i] | sets[j])
    return result


def _cosines(vectors: Sequence[tuple[float, ...]]) -> npt.NDArray[np.float64]:
    matrix = np.array(vectors, dtype=np.float64)
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    unit = matrix / norms[:, None]
    result: npt.NDArray[np.float64] = unit @ unit.T
    return result


def pair_scores(mentions: Sequence[MentionFeatures], parameters: EventCorefParameters) -> npt.NDArray[np.float64]:
    """The score matrix of one block's mentions (see the module docstring)."""
    lemmas = np.array([m.lemma for m in mentions])
    scores = parameters.vector_weight * _cosines([m.vector for m in mentions])
    if parameters.context_weight and all(m.context for m in mentions):
        scores += parameters.context_weight * _cosines([m.context for m in mentions])
    scores += parameters.lemma_weight * (lemmas[:, None] == lemmas[None, :])
    if parameters.argument_weight:
        scores += parameters.argument_weight * _jaccard([m.arguments for m in mentions])
    if parameters.time_weight:
        scores += parameters.time_weight * _jaccard([m.times for m in mentions])
    return scores


def _blocks(mentions: Sequence[MentionFeatures]) -> dict[str, list[MentionFeatures]]:
    blocks: dict[str, list[MentionFeatures]] = {}
    for m in sorted(mentions, key=lambda m: m.id):
        blocks.setdefault(m.block, []).append(m)
    return blocks


def _sorted(chains: list[frozenset[str]]) -> list[frozenset[str]]:
    return sorted(chains, key=min)


def cluster_events(
    mentions: Sequence[MentionFeatures], parameters: EventCorefParameters | None = None
) -> list[frozenset[str]]:
    """Chains of mention ids: every mention is in exactly one (a singleton when nothing matches)."""
    parameters = parameters or EventCorefParameters()
    chains: list[frozenset[str]] = []
    for block in _blocks(mentions).values():
        labels = average_linkage(pair_scores(block, parameters), parameters.threshold)
        grouped: dict[int, set[str]] = {}
        for label, m in zip(labels, block, strict=True):
            grouped.setdefault(label, set()).add(m.id)
        chains.extend(frozenset(g) for g in grouped.values())
    return _sorted(chains)


def same_lemma(mentions: Sequence[MentionFeatures]) -> list[frozenset[str]]:
    """The baseline: mentions of one block with the same head lemma are one event."""
    grouped: dict[tuple[str, str], set[str]] = {}
    for m in mentions:
        grouped.setdefault((m.block, m.lemma), set()).add(m.id)
    return _sorted([frozenset(g) for g in grouped.values()])
