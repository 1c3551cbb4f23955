"""TempEval-3 scoring of time expressions: strict and relaxed span P/R/F1, and type and value
F1 over relaxed matches (attribute F1 = relaxed F1 x the attribute's accuracy on the matches),
overall and per gold type, with the most common kinds of error.

A relaxed match pairs a system and a gold expression that overlap (one-to-one, greedily in text
order); a strict match has the same offsets.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.eval.timeml import Tag

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(slots=True)
class Counts:
    """Tallies for one system over some documents."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.type_ok += other.type_ok
        self.value_ok += other.value_ok
        self.errors.update(other.errors)
        for kind, example in other.examples.items():
            self.examples.setdefault(kind, example)

    def as_dict(self, top: int = 10) -> dict[str, Any]:
        def prf(hits: int) -> dict[str, float]:
            p = hits / self.system if self.system else 0.0
            r = hits / self.gold if self.gold else 0.0
            return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}

        relaxed = prf(self.relaxed)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "gold": self.gold,
            "system": self.system,
            "strict": prf(self.strict),
            "relaxed": relaxed,
            "type": {"accuracy": type_acc, "f1": relaxed["f1"] * type_acc},
            "value": {"accuracy": value_acc, "f1": relaxed["f1"] * value_acc},
            "errors": [
                {"kind": kind, "count": count, "example": self.examples.get(kind, "")}
                for kind, count in self.errors.most_common(top)
            ],
        }


def _shape(value: str) -> str:
    """A value's form with digits hidden, for grouping errors: 1998-03-08 -> 9999-99-99."""
    return re.sub(r"\d", "9", value) or "(empty)"


def compare(gold: Sequence[Tag], system: Sequence[Tag], text: str, *, by_type: str | None = None) -> Counts:
    """Counts for one document; ``by_type`` restricts gold and system to one TIMEX3 type."""
    if by_type is not None:
        gold = [g for g in gold if g.type == by_type]
        system = [s for s in system if s.type == by_type]
    counts = Counts(gold=len(gold), system=len(system))
    used: set[int] = set()
    for g in gold:
        match = next((i for i, s in enumerate(system) if i not in used and s.start < g.end and g.start < s.end), None)
        if match is None:
            _error(counts, f"missed {g.type}", text[g.start : g.end], g.value)
            continue
        used.add(match)
        s = system[match]
        counts.relaxed += 1
        counts.strict += (s.start, s.end) == (g.start, g.end)
        counts.type_ok += s.type == g.type
        counts.value_ok += s.value == g.value
        if s.type != g.type:
            _error(counts, f"type {g.type} -> {s.type}", text[g.start : g.end], f"{g.value} / {s.value}")
        elif s.value != g.value:
            kind = f"value {g.type} {_shape(g.value)} -> {_shape(s.value)}"
            _error(counts, kind, text[g.start : g.end], f"{g.value} / {s.value}")
    for i, s in enumerate(system):
        if i not in used:
            _error(counts, f"spurious {s.type}", text[s.start : s.end], s.value)
    return counts


def _error(counts: Counts, kind: str, words: str, detail: str) -> None:
    counts.errors[kind] += 1
    counts.examples.setdefault(kind, f"{' '.join(words.split())!r} ({detail})")


def score(documents: Iterable[tuple[str, str, Sequence[Tag], Sequence[Tag]]]) -> dict[str, Any]:
    """Scores of (corpus, text, gold, system) tuples: ``overall``, per corpus, and per type."""
    overall = Counts()
    corpora: dict[str, Counts] = {}
    types = {t: Counts() for t in TYPES}
    for corpus, text, gold, system in documents:
        counts = compare(gold, system, text)
        overall.add(counts)
        corpora.setdefault(corpus, Counts()).add(counts)
        for t in TYPES:
            types[t].add(compare(gold, system, text, by_type=t))
    return {
        "overall": overall.as_dict(),
        "corpora": {name: c.as_dict() for name, c in sorted(corpora.items())},
        "types": {t: c.as_dict(top=0) for t, c in types.items()},
    }
