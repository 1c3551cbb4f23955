"""CEAF-e and the CoNLL F1 beside :mod:`newsgraph.eval.coref`'s MUC and B³, for any mention keys.

:mod:`newsgraph.eval.coref` scores chains of character spans inside one document; cross-document
scoring (ECB+) has mentions named by ``(document, sentence, first token, last token)``. Rather
than a second MUC and B³, :func:`score` numbers the mentions and hands them to the existing
scorers, then adds CEAF-e (Luo 2005, entity-based: each key chain is aligned to at most one
response chain so that the summed similarity φ4 = 2|K∩R| / (|K|+|R|) is largest) and the CoNLL
F1, the mean of the three F1s (Pradhan et al. 2014).

The optimal alignment is found per connected component of the "shares a mention" graph between
key and response chains: chains that share nothing have φ4 = 0, so the components are independent
and small, and a plain Hungarian algorithm on each is fast without scipy.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from newsgraph.eval.coref import b_cubed, muc

__all__ = ["ceaf_e", "conll_f1", "score"]

Cluster = frozenset[Hashable]


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _hungarian_max(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns (Kuhn–Munkres).

    Works on a square cost matrix (the negated weights, padded with zeros), O(n³)."""
    n = max(len(weights), max((len(row) for row in weights), default=0))
    if n == 0:
        return 0.0
    cost = [[0.0] * n for _ in range(n)]
    for i, row in enumerate(weights):
        for j, w in enumerate(row):
            cost[i][j] = -w
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    match = [0] * (n + 1)  # match[column] = row, 1-based; 0 = free
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0 = match[j0]
            delta = inf
            j1 = 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return -sum(cost[match[j] - 1][j - 1] for j in range(1, n + 1) if match[j])


def _phi4(key: Cluster, response: Cluster) -> float:
    return 2 * len(key & response) / (len(key) + len(response))


def ceaf_e(key: Sequence[Cluster], response: Sequence[Cluster]) -> dict[str, float]:
    """Entity-based CEAF (φ4) precision, recall and F1 of ``response`` against ``key``."""
    key = [c for c in key if c]
    response = [c for c in response if c]
    where: dict[Hashable, int] = {m: j for j, chain in enumerate(response) for m in chain}
    # Union-find over key chains (i) and response chains (len(key) + j) that share a mention.
    parent = list(range(len(key) + len(response)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, chain in enumerate(key):
        for m in chain:
            if m in where:
                parent[find(i)] = find(len(key) + where[m])
    components: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(key)):
        components.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(response)):
        components.setdefault(find(len(key) + j), ([], []))[1].append(j)
    total = 0.0
    for rows, columns in components.values():
        if rows and columns:
            total += _hungarian_max([[_phi4(key[i], response[j]) for j in columns] for i in rows])
    recall = total / len(key) if key else 0.0
    precision = total / len(response) if response else 0.0
    return _prf(precision, recall)


def conll_f1(scores: dict[str, dict[str, float]]) -> float:
    """The CoNLL F1: the mean of the MUC, B³ and CEAF-e F1s (as a fraction, 4 decimals)."""
    return round((scores["muc"]["f1"] + scores["b3"]["f1"] + scores["ceaf_e"]["f1"]) / 3, 4)


def score(key: Sequence[Cluster], response: Sequence[Cluster]) -> dict[str, object]:
    """MUC, B³, CEAF-e and CoNLL F1 of ``response`` against ``key``, one meta-document.

    Mentions are any hashable keys; MUC and B³ come from :mod:`newsgraph.eval.coref` (mentions
    the key lacks are ignored there, and key mentions the response lacks count as singletons)."""
    numbers: dict[Hashable, tuple[int, int]] = {}
    for chain in (*key, *response):
        for m in chain:
            numbers.setdefault(m, (len(numbers), len(numbers) + 1))
    key_spans = [frozenset(numbers[m] for m in chain) for chain in key if chain]
    response_spans = [frozenset(numbers[m] for m in chain) for chain in response if chain]
    scores: dict[str, dict[str, float]] = {
        "muc": muc(key_spans, response_spans),
        "b3": b_cubed(key_spans, response_spans),
        "ceaf_e": ceaf_e(key, response),
    }
    return {**scores, "conll_f1": conll_f1(scores)}
