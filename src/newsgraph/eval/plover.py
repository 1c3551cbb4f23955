"""Scoring event coding against PLOVER gold-standard records (the JSON list of
``plover_gsr_dev.json``: ``text``, ``event``, ``source``/``target`` actors with country codes).

Each record is one sentence with one gold event. newsgraph's prediction is its *main event*:
the event whose trigger is highest in the dependency tree (ties: the earlier), coded as PLOVER
codes it (a stated intention is AGREE or THREATEN, a refusal REJECT:
:meth:`~newsgraph.ontology.plover.Ontology.coded_type`). Gold labels of PLOVER v0.5 are mapped to
2.0 first. Scores: event-type accuracy, macro-F1 over the gold types, the confusion matrix, and
actor/recipient country match on records whose gold side has a country code.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.errors import InputError
from newsgraph.model import Analysis, Event
from newsgraph.ontology.plover import load_ontology

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["GoldRecord", "Prediction", "Score", "folds", "main_event", "predict", "read_records"]

#: PLOVER v0.5 labels renamed in 2.0.
V05_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: Codes in the gold that are not ISO 3166 countries (organisations, groups), and gold typos.
NOT_COUNTRIES = frozenset({"IGO", "NGO", "IMG", "MNC", "UAF", ""})
CODE_FIXES = {"JAP": "JPN", "ITL": "ITA"}


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    type: str
    source_countries: frozenset[str]
    target_countries: frozenset[str]


@dataclass(frozen=True, slots=True)
class Prediction:
    type: str | None
    actor_countries: frozenset[str] = frozenset()
    recipient_countries: frozenset[str] = frozenset()
    event: Event | None = None


def _countries(actors: Any) -> frozenset[str]:
    if isinstance(actors, dict):
        actors = [actors]
    if not isinstance(actors, list):
        return frozenset()
    codes = {CODE_FIXES.get(str(a.get("code", "")), str(a.get("code", ""))) for a in actors if isinstance(a, dict)}
    return frozenset(c for c in codes if c not in NOT_COUNTRIES and len(c) == 3 and c.isalpha())


def read_records(path: Path) -> list[GoldRecord]:
    """The event records of a PLOVER gold file (DOCUMENT records are skipped)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(str(path), f"cannot read PLOVER records ({error}); expected a JSON list of records") from error
    if not isinstance(data, list):
        raise InputError(str(path), f"expected a JSON list of PLOVER records, got {type(data).__name__}")
    records = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict) or item.get("event") == "DOCUMENT":
            continue
        if not isinstance(item.get("text"), str) or not isinstance(item.get("event"), str):
            raise InputError(f"{path}#{number}", "a PLOVER record needs string fields `text` and `event`")
        label = item["event"].strip().upper()
        records.append(
            GoldRecord(
                id=str(item.get("id", number)),
                text=item["text"].strip(),
                type=V05_LABELS.get(label, label),
                source_countries=_countries(item.get("source")),
                target_countries=_countries(item.get("target")),
            )
        )
    return records


def folds(records: list[GoldRecord]) -> dict[str, int]:
    """The 2-fold cross-check's halves: within each gold type, in file order, the 1st, 3rd, ...
    record is in fold 1 and the 2nd, 4th, ... in fold 2 (so both halves have every type). Rules
    are changed on one fold and scored on the other."""
    seen: Counter[str] = Counter()
    assigned = {}
    for record in records:
        assigned[record.id] = 1 + seen[record.type] % 2
        seen[record.type] += 1
    return assigned


def _depth(doc: Doc, start: int) -> int:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return 99
    token = span[0]
    depth = 0
    while token.head is not token and depth < 99:
        token = token.head
        depth += 1
    return depth


def main_event(analysis: Analysis, doc: Doc) -> Event | None:
    """The event highest in the parse (the earlier on ties)."""
    ranked = [e for e in analysis.events if e.trigger is not None]
    if not ranked:
        return None
    return min(ranked, key=lambda e: (_depth(doc, e.trigger.start), e.trigger.start))  # type: ignore[union-attr]


def predict(analysis: Analysis, doc: Doc) -> Prediction:
    """The record-level prediction: the main event's PLOVER type and its sides' countries."""
    event = main_event(analysis, doc)
    if event is None:
        return Prediction(None)
    countries = {e.id: e.country for e in analysis.entities if e.country}

    def side(ids: tuple[str, ...], country: str | None) -> frozenset[str]:
        return frozenset({c for i in ids if (c := countries.get(i))} | ({country} if country else set()))

    coded = load_ontology().coded_type(event.type, event.modality)
    actors = side(event.actors, event.actor_country)
    return Prediction(coded, actors, side(event.recipients, event.recipient_country), event)


@dataclass(slots=True)
class Score:
    """Accumulated record-level results."""

    gold: list[str] = field(default_factory=list)
    predicted: list[str] = field(default_factory=list)
    actor: list[bool] = field(default_factory=list)
    recipient: list[bool] = field(default_factory=list)

    def add(self, record: GoldRecord, prediction: Prediction) -> None:
        self.gold.append(record.type)
        self.predicted.append(prediction.type or "NONE")
        if record.source_countries:
            self.actor.append(bool(record.source_countries & prediction.actor_countries))
        if record.target_countries:
            self.recipient.append(bool(record.target_countries & prediction.recipient_countries))

    @property
    def accuracy(self) -> float:
        return sum(g == p for g, p in zip(self.gold, self.predicted, strict=True)) / max(1, len(self.gold))

    def per_type(self) -> dict[str, dict[str, float]]:
        rows = {}
        for label in sorted(set(self.gold)):
            tp = sum(g == p == label for g, p in zip(self.gold, self.predicted, strict=True))
            fp = sum(p == label != g for g, p in zip(self.gold, self.predicted, strict=True))
            fn = sum(g == label != p for g, p in zip(self.gold, self.predicted, strict=True))
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            rows[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
        return rows

    @property
    def macro_f1(self) -> float:
        rows = self.per_type()
        return sum(r["f1"] for r in rows.values()) / max(1, len(rows))

    def confusion(self) -> dict[str, dict[str, int]]:
        """gold type -> predicted type -> count."""
        matrix: dict[str, Counter[str]] = {}
        for g, p in zip(self.gold, self.predicted, strict=True):
            matrix.setdefault(g, Counter())[p] += 1
        return {g: dict(sorted(c.items())) for g, c in sorted(matrix.items())}

    def report(self) -> dict[str, Any]:
        def rate(values: list[bool]) -> float | None:
            return round(sum(values) / len(values), 4) if values else None

        return {
            "records": len(self.gold),
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "actor_country_match": rate(self.actor),
            "actor_country_records": len(self.actor),
            "recipient_country_match": rate(self.recipient),
            "recipient_country_records": len(self.recipient),
            "per_type": {k: {m: round(v, 4) for m, v in row.items()} for k, row in self.per_type().items()},
            "confusion": self.confusion(),
        }
