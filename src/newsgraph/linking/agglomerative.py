"""Average-linkage agglomerative clustering over a similarity matrix (numpy only, no scipy).

Used by story clustering (documents of a batch) and cross-document event coreference (event
mentions of a block). Average linkage is the usual choice for both: single linkage chains
unrelated items through one ambiguous neighbour, complete linkage splits a cluster on one
dissimilar pair. A pair that must never be joined (dates too far apart, say) gets a similarity
of :data:`FORBIDDEN`, which drags the average of any merge containing it far below a threshold.

:func:`absorb_small` then hands the members of clusters smaller than a minimum size to the big
cluster they are most similar to on average: document clustering inside an ECB+ topic leaves a
few one-article clusters that belong with a big one, and each of them splits event chains.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["FORBIDDEN", "absorb_small", "average_linkage"]

#: Similarity of a pair that must stay apart: one such pair outweighs any number of good ones.
FORBIDDEN = -1e6


def average_linkage(similarity: npt.NDArray[np.float64], threshold: float) -> list[int]:
    """Cluster labels (0, 1, ... in order of first item) from a symmetric similarity matrix:
    repeatedly join the two clusters with the highest mean pairwise similarity while it is at
    least ``threshold``. Ties go to the lowest indices, so the result is deterministic.

    O(n²) memory and O(n³) time in the worst case: meant for blocks of up to a few thousand."""
    n = similarity.shape[0]
    if n == 0:
        return []
    sums = np.array(similarity, dtype=np.float64, copy=True)
    sizes = np.ones(n, dtype=np.float64)
    active = np.ones(n, dtype=bool)
    members: list[list[int]] = [[i] for i in range(n)]
    while True:
        index = np.flatnonzero(active)
        if index.size < 2:
            break
        means = sums[np.ix_(index, index)] / np.outer(sizes[index], sizes[index])
        np.fill_diagonal(means, -np.inf)
        flat = int(np.argmax(means))
        a, b = divmod(flat, index.size)
        if means[a, b] < threshold:
            break
        i, j = int(index[min(a, b)]), int(index[max(a, b)])
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sizes[i] += sizes[j]
        active[j] = False
        members[i].extend(members[j])
        members[j] = []
    labels = [0] * n
    order = sorted((min(group), group) for group in members if group)
    for label, (_, group) in enumerate(order):
        for item in group:
            labels[item] = label
    return labels


def absorb_small(similarity: npt.NDArray[np.float64], labels: list[int], min_size: int) -> list[int]:
    """Labels where every cluster of fewer than ``min_size`` items has joined the cluster of at
    least ``min_size`` with the highest mean similarity to it (ties: the lowest label). Nothing
    changes when no cluster is that big. Labels are renumbered 0, 1, ... in order of first item.

    A small cluster moves as a whole and is compared with the big clusters as they were, so the
    order of moves is moot."""
    original = np.array(labels, dtype=np.int64)
    array = original.copy()
    sizes = np.bincount(original) if original.size else np.zeros(0, dtype=np.int64)
    big = [label for label in range(sizes.size) if sizes[label] >= min_size]
    if big:
        for label in range(sizes.size):
            if 0 < sizes[label] < min_size:
                rows = original == label
                means = [float(similarity[np.ix_(rows, original == b)].mean()) for b in big]
                array[rows] = big[int(np.argmax(means))]
    renumber: dict[int, int] = {}
    return [renumber.setdefault(int(label), len(renumber)) for label in array]
