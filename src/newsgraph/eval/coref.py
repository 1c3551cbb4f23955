"""Coreference scoring: MUC and B³ precision, recall and F1 over mention chains.

Gold is our offset-annotated files (``tests/data/coref/README.md``): per document, entities
with their mention spans (a group such as "the two leaders" is an entity of its own, named by
its members). The response is newsgraph's mentions grouped by ``entity_id`` (a group mention by
its sorted ``members``).

The score is about linking, on the gold mentions: a response mention counts when its span is
exactly a gold mention's; response mentions elsewhere (places we found but the gold leaves out,
nationality adjectives) are not scored, and a gold mention the response missed is a singleton in
the response, which costs recall. MUC (Vilain et al. 1995) counts the links needed to rebuild
each chain; B³ (Bagga and Baldwin 1998) averages per-mention overlap, so singletons count too.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["CorefScore", "GoldDocument", "b_cubed", "chains", "muc", "read_gold"]

Mention = tuple[int, int]
Chains = list[frozenset[Mention]]


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One annotated document: where to read it, its id, and its chains (name -> mentions)."""

    path: Path
    source: str
    document_id: str
    entities: dict[str, frozenset[Mention]]
    texts: dict[Mention, str]


def read_gold(path: str | Path) -> list[GoldDocument]:
    """A gold file, or every ``*.json`` gold file in a folder (sorted by name)."""
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    documents = []
    for file in files:
        data: dict[str, Any] = json.loads(file.read_text("utf-8"))
        entities: dict[str, frozenset[Mention]] = {}
        texts: dict[Mention, str] = {}
        for entity in data["entities"]:
            spans = []
            for start, end, text in entity["mentions"]:
                spans.append((start, end))
                texts[(start, end)] = text
            entities[entity["name"]] = frozenset(spans)
        documents.append(
            GoldDocument(
                path=file,
                source=data["source"],
                document_id=data["document_id"],
                entities=entities,
                texts=texts,
            )
        )
    return documents


def chains(mentions: Iterable[tuple[Mention, Hashable]]) -> Chains:
    """Group ``(span, entity key)`` pairs into chains."""
    grouped: dict[Hashable, set[Mention]] = {}
    for span, key in mentions:
        grouped.setdefault(key, set()).add(span)
    return [frozenset(group) for group in grouped.values()]


def _restrict(key: Chains, response: Chains) -> Chains:
    """The response on the key's mentions: other mentions dropped, missed ones as singletons."""
    gold = set().union(*key) if key else set()
    kept = [frozenset(c & gold) for c in response]
    kept = [c for c in kept if c]
    found = set().union(*kept) if kept else set()
    return kept + [frozenset({m}) for m in gold - found]


def _muc_side(key: Chains, response: Chains) -> tuple[int, int]:
    where = {m: i for i, chain in enumerate(response) for m in chain}
    numerator = denominator = 0
    for chain in key:
        parts = {where.get(m, ("alone", m)) for m in chain}
        numerator += len(chain) - len(parts)
        denominator += len(chain) - 1
    return numerator, denominator


def _b3_side(key: Chains, response: Chains) -> tuple[float, int]:
    where = {m: chain for chain in response for m in chain}
    total = 0.0
    count = 0
    for chain in key:
        for m in chain:
            total += len(chain & where.get(m, frozenset({m}))) / len(chain)
            count += 1
    return total, count


@dataclass(slots=True)
class _Sums:
    recall_num: float = 0.0
    recall_den: float = 0.0
    precision_num: float = 0.0
    precision_den: float = 0.0

    def scores(self) -> dict[str, float]:
        p = self.precision_num / self.precision_den if self.precision_den else 0.0
        r = self.recall_num / self.recall_den if self.recall_den else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass(slots=True)
class CorefScore:
    """MUC and B³ summed over documents (micro-averaged)."""

    muc_sums: _Sums = field(default_factory=_Sums)
    b3_sums: _Sums = field(default_factory=_Sums)
    documents: int = 0
    gold_mentions: int = 0
    found_mentions: int = 0

    def add(self, key: Chains, response: Chains) -> None:
        restricted = _restrict(key, response)
        self.documents += 1
        self.gold_mentions += sum(len(c) for c in key)
        self.found_mentions += sum(len(c) for c in restricted if len(c) > 1 or _in_response(c, response))
        for sums, side in ((self.muc_sums, _muc_side), (self.b3_sums, _b3_side)):
            r_num, r_den = side(key, restricted)
            p_num, p_den = side(restricted, key)
            sums.recall_num += r_num
            sums.recall_den += r_den
            sums.precision_num += p_num
            sums.precision_den += p_den

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "gold_mentions": self.gold_mentions,
            "found_mentions": self.found_mentions,
            "muc": self.muc_sums.scores(),
            "b3": self.b3_sums.scores(),
        }


def _in_response(chain: frozenset[Mention], response: Chains) -> bool:
    return any(chain <= c for c in response)


def muc(key: Chains, response: Chains) -> dict[str, float]:
    """MUC P/R/F1 of one document's response against its key (on the key's mentions)."""
    score = CorefScore()
    score.add(key, response)
    return dict(score.as_dict()["muc"])


def b_cubed(key: Chains, response: Chains) -> dict[str, float]:
    """B³ P/R/F1 of one document's response against its key (on the key's mentions)."""
    score = CorefScore()
    score.add(key, response)
    return dict(score.as_dict()["b3"])


def gold_chains(document: GoldDocument) -> Chains:
    return [chain for chain in document.entities.values() if chain]


def response_chains(mentions: Sequence[tuple[int, int, str | None, tuple[str, ...]]]) -> Chains:
    """Chains from ``(start, end, entity_id, members)``: by entity id, a group by its members."""
    pairs: list[tuple[Mention, Hashable]] = []
    for start, end, entity_id, members in mentions:
        if members:
            pairs.append(((start, end), ("group", *sorted(members))))
        elif entity_id is not None:
            pairs.append(((start, end), entity_id))
    return chains(pairs)
