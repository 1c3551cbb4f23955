"""Average-linkage agglomerative clustering over a similarity matrix (numpy only, no scipy).

Used by story clustering (documents of a batch) and cross-document event coreference (event
mentions of a block). Average linkage is the usual choice for both: single linkage chains
unrelated items through one ambiguous neighbour, complete linkage splits a cluster on one
dissimilar pair. A pair that must never be joined (dates too far apart, say) gets a similarity
of :data:`FORBIDDEN`, which drags the average of any merge containing it far below a threshold.

:func:`absorb_small` then hands the members of clusters smaller than a minimum size to the big
cluster they are most similar to on average: document clustering inside an ECB+ topic leaves a
few one-article clusters that belong with a big one, and each of them splits event chains.

:func:`bipartition` splits items into exactly two groups by the normalised cut of Shi & Malik
(2000): the best threshold cut along the Fiedler vector of the normalised graph Laplacian. Unlike
average linkage stopped at two clusters, it does not leave one outlying article as a group of its
own, since the cut is divided by the volume of each side. It needs the number of groups to be
known to be two, which real data seldom tells.

:func:`recursive_bipartition` lets the data decide the number: it splits a group by that cut only
while the cut's value is below a threshold, then recurses on both sides, so it may return 1, 2,
3, ... clusters; on :func:`nearest_neighbour_graph` of the items (the usual spectral-clustering
graph) a group whose items all resemble each other a little has no cheap cut left.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = [
    "FORBIDDEN",
    "absorb_small",
    "average_linkage",
    "bipartition",
    "nearest_neighbour_graph",
    "recursive_bipartition",
]

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


def _normalised_cut(similarity: npt.NDArray[np.float64]) -> tuple[list[int], float]:
    """The two-way normalised cut of :func:`bipartition` and its value ``cut/vol(A) + cut/vol(B)``
    (0: two unconnected sides; 2 at most). Fewer than two items: all 0, value ``inf``."""
    n = similarity.shape[0]
    if n < 2:
        return [0] * n, np.inf
    weights = np.clip(np.array(similarity, dtype=np.float64), 0.0, None)
    np.fill_diagonal(weights, 0.0)
    degrees = weights.sum(axis=1)
    degrees[degrees <= 0] = 1e-12
    scale = 1.0 / np.sqrt(degrees)
    laplacian = np.eye(n) - scale[:, None] * weights * scale[None, :]
    _, vectors = np.linalg.eigh(laplacian)
    order = np.argsort(scale * vectors[:, 1], kind="stable")
    total = float(degrees.sum())
    best, best_size = np.inf, 1
    side = np.zeros(n, dtype=bool)
    for size in range(1, n):
        side[order[size - 1]] = True
        cut = float(weights[np.ix_(side, ~side)].sum())
        volume = float(degrees[side].sum())
        value = cut / volume + cut / (total - volume)
        if value < best - 1e-12:
            best, best_size = value, size
    labels = np.zeros(n, dtype=np.int64)
    labels[order[:best_size]] = 1
    if labels[0] == 1:
        labels = 1 - labels
    return [int(label) for label in labels], float(best)


def bipartition(similarity: npt.NDArray[np.float64]) -> list[int]:
    """Labels 0 and 1 (0 for the first item) of the two-way normalised cut of a symmetric
    similarity matrix: items sorted by the Fiedler vector of the normalised Laplacian
    ``I - D^-1/2 W D^-1/2`` (``W`` the similarities, negatives as 0, no self-loops; ``D`` its row
    sums), then the prefix that minimises ``cut/vol(A) + cut/vol(B)`` (ties: the shortest).
    Fewer than two items: all 0.

    Always two groups, however alike the items: only for when the number is known to be two.
    Meant for small sets (the documents of one topic): O(n³) time."""
    return _normalised_cut(similarity)[0]


def nearest_neighbour_graph(similarity: npt.NDArray[np.float64], neighbours: int) -> npt.NDArray[np.float64]:
    """The symmetric ``neighbours``-nearest-neighbour graph of a similarity matrix: a pair keeps its
    similarity when either item is among the other's ``neighbours`` most similar (ties: the lowest
    index), and is 0 otherwise; the diagonal is 0. The usual graph for spectral clustering (von
    Luxburg 2007): a cut is then measured on each item's own neighbourhood, not on the similarity
    every item of a topic shares with every other."""
    n = similarity.shape[0]
    matrix = np.array(similarity, dtype=np.float64)
    keep = np.zeros((n, n), dtype=bool)
    for row in range(n):
        order = [int(j) for j in np.argsort(-matrix[row], kind="stable") if j != row]
        keep[row, order[:neighbours]] = True
    keep |= keep.T
    graph: npt.NDArray[np.float64] = np.where(keep, matrix, 0.0)
    return graph


def recursive_bipartition(
    similarity: npt.NDArray[np.float64], threshold: float, neighbours: int | None = None
) -> list[int]:
    """Cluster labels (0, 1, ... in order of first item) by recursive normalised cuts: a group
    (at first all items) is split by :func:`bipartition` of its own similarities when the cut's
    value ``cut/vol(A) + cut/vol(B)`` is below ``threshold``, and each side is then treated the
    same way; otherwise it is a cluster. So the number of clusters (1, 2, 3, ...) comes from the
    data: a group with no good seam stays whole. (A cut below 1 is a split that raises Newman's
    modularity; ``threshold`` plays the part of its resolution.) With ``neighbours``, the cuts are
    made on :func:`nearest_neighbour_graph` of all items, built once.

    Deterministic; O(k·n³) time for k clusters: meant for small sets (the documents of a topic)."""
    n = similarity.shape[0]
    matrix = np.array(similarity, dtype=np.float64)
    if neighbours is not None:
        matrix = nearest_neighbour_graph(matrix, neighbours)
    clusters: list[list[int]] = []
    pending: list[list[int]] = [list(range(n))] if n else []
    while pending:
        group = pending.pop()
        labels, value = _normalised_cut(matrix[np.ix_(group, group)])
        if value < threshold:
            pending.append([item for item, label in zip(group, labels, strict=True) if label == 1])
            pending.append([item for item, label in zip(group, labels, strict=True) if label == 0])
        else:
            clusters.append(group)
    result = [0] * n
    for label, group in enumerate(sorted(clusters, key=min)):
        for item in group:
            result[item] = label
    return result
