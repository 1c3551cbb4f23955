"""A corpus report on canonical entities: how many, the most mentioned, and merge checks.

``conflations`` is the check that linking never merged two different people: a person entity
whose mentions carry two full names that cannot be the same person (neither name's words
contain the other's, as "Donald Trump" and "Melania Trump") is reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsgraph.linking.people import Refusal
from newsgraph.model import Analysis, Entity

__all__ = ["CorpusReport"]


def _words(name: str) -> frozenset[str]:
    words = (w.casefold().rstrip(".") for w in name.replace("-", " ").split())
    return frozenset(w for w in words if any(c.isalpha() for c in w))


@dataclass(slots=True)
class CorpusReport:
    """Accumulates linked analyses; ``as_dict`` is the report."""

    documents: int = 0
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: Counter[str] = field(default_factory=Counter)
    documents_per_entity: Counter[str] = field(default_factory=Counter)
    full_names: dict[str, set[str]] = field(default_factory=dict)

    def add(self, analyses: Iterable[Analysis]) -> None:
        for analysis in analyses:
            self.documents += 1
            kinds = {e.id: e for e in analysis.entities}
            self.entities.update(kinds)
            for entity_id in {m.entity_id for m in analysis.mentions if m.entity_id}:
                self.documents_per_entity[entity_id] += 1
            for mention in analysis.mentions:
                if mention.entity_id is None:
                    continue
                self.mentions[mention.entity_id] += 1
                entity = kinds.get(mention.entity_id)
                words = mention.span.text.split()
                if entity is not None and entity.kind == "person" and mention.label == "PERSON" and len(words) >= 2:
                    self.full_names.setdefault(entity.id, set()).add(" ".join(words))

    def conflations(self) -> list[tuple[str, list[str]]]:
        """Person entities named by two full names that cannot be one person."""
        found = []
        for entity_id, names in sorted(self.full_names.items()):
            word_sets = [_words(n) for n in names]
            clash = any(not (a <= b or b <= a) for i, a in enumerate(word_sets) for b in word_sets[i + 1 :])
            if clash:
                found.append((self.entities[entity_id].name, sorted(names)))
        return found

    def as_dict(self, refused: Iterable[Refusal] = (), top: int = 20) -> dict[str, Any]:
        kinds = Counter(e.kind for e in self.entities.values())
        refusals = sorted({(r.name, r.candidates) for r in refused})
        return {
            "documents": self.documents,
            "entities": len(self.entities),
            "entities_by_kind": dict(kinds.most_common()),
            "most_mentioned": [
                {
                    "name": self.entities[i].name,
                    "kind": self.entities[i].kind,
                    "mentions": n,
                    "documents": self.documents_per_entity[i],
                }
                for i, n in self.mentions.most_common(top)
                if i in self.entities
            ],
            "conflated_people": [{"name": n, "full_names": names} for n, names in self.conflations()],
            "refused_merges": [{"name": n, "candidates": list(c)} for n, c in refusals],
        }
