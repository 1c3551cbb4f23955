"""Scoring events against newsgraph's own gold set (:mod:`newsgraph.eval.event_gold`).

Every sentence of an annotated article is scored. A predicted event belongs to the gold sentence
its trigger starts in; inside a sentence, predicted and gold events of the **same type** are
paired one to one (overlapping triggers first, then the nearest), so an event is right in type
when its sentence has a gold event of its type. Unpaired predictions are false positives,
unpaired gold events misses: event precision, recall and F1 "by type within a sentence", overall
and per type.

On paired events each field is scored:

- **actor** / **recipient**: right when the gold side is empty and the prediction's is too, or
  when every predicted participant is one of the gold ones (and there is at least one). A
  predicted entity is a gold participant when one of its mentions in the article overlaps the
  gold participant's words (unless those words are a pronoun, which coreference may have given
  to anyone), or when its name or an alias is the gold name, or one name's words contain the
  other's ("Trump" and "Donald Trump", "police" and "Afghan police").
- **modality**: the same value.
- **date**: the same value, or a prediction more precise than the gold value ("2019-01-14T10:00"
  for "2019-01-14"); both empty is right.

"Right in every field" is the share of all predicted events that are paired and right in actor,
recipient, modality and date. Mode is reported apart (PLOVER modes are optional).

Confidence: the reliability table bins predicted events by ``provenance.confidence`` and gives
each bin's share paired (right in type); the expected calibration error (ECE) is the
size-weighted mean gap between confidence and that share.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsgraph.eval.event_gold import Article, GoldEvent, Participant
from newsgraph.model import Analysis, Entity, Event

__all__ = [
    "EventScore",
    "Pair",
    "PredictedEvent",
    "label_candidates",
    "pair_candidates",
    "predicted_events",
    "score_article",
]

_PRONOUNS = frozenset(
    [
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "it",
        "its",
        "they",
        "them",
        "their",
        "who",
        "whom",
        "whose",
        "this",
        "that",
        "these",
        "those",
    ]
)
_FIELDS = ("actor", "recipient", "modality", "date")
_BINS = 10


@dataclass(frozen=True, slots=True)
class _Named:
    """A predicted participant: the entity's names and the spans of its mentions."""

    names: frozenset[str]
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    event: Event
    actors: tuple[_Named, ...]
    recipients: tuple[_Named, ...]

    @property
    def confidence(self) -> float | None:
        return self.event.provenance.confidence


@dataclass(frozen=True, slots=True)
class Pair:
    gold: GoldEvent
    predicted: PredictedEvent
    right: dict[str, bool]


def _norm(name: str) -> str:
    name = name.casefold().replace("’", "'")
    name = re.sub(r"'s\b", "", name)
    name = re.sub(r"[^\w\s-]", " ", name)
    words = [w for w in name.split() if w not in ("the", "a", "an")]
    return " ".join(words)


def _entity_named(entity: Entity | None, spans: tuple[tuple[int, int], ...]) -> _Named:
    names = set()
    if entity is not None:
        names.add(_norm(entity.name))
        names.update(_norm(a) for a in entity.aliases)
    return _Named(frozenset(n for n in names if n), spans)


def predicted_events(analysis: Analysis, min_confidence: float | None = None) -> list[PredictedEvent]:
    """The analysis's events with their participants' names and mention spans, those with a
    confidence below ``min_confidence`` left out (an event with no confidence is kept)."""
    entities = {e.id: e for e in analysis.entities}
    spans: dict[str, list[tuple[int, int]]] = {}
    for mention in analysis.mentions:
        if mention.entity_id is not None:
            spans.setdefault(mention.entity_id, []).append((mention.span.start, mention.span.end))

    def named(ids: tuple[str, ...]) -> tuple[_Named, ...]:
        return tuple(_entity_named(entities.get(i), tuple(spans.get(i, ()))) for i in ids)

    found = []
    for event in analysis.events:
        confidence = event.provenance.confidence
        if min_confidence is not None and confidence is not None and confidence < min_confidence:
            continue
        found.append(PredictedEvent(event, named(event.actors), named(event.recipients)))
    return found


def _is_participant(predicted: _Named, gold: Participant, text: str) -> bool:
    if gold.start is not None and gold.end is not None:
        words = text[gold.start : gold.end]
        if _norm(words) not in _PRONOUNS and any(s < gold.end and gold.start < e for s, e in predicted.spans):
            return True
    name = _norm(gold.name)
    if not name:
        return False
    gold_words = set(name.split())
    for candidate in predicted.names:
        if candidate == name:
            return True
        candidate_words = set(candidate.split())
        if candidate_words and (candidate_words <= gold_words or gold_words <= candidate_words):
            return True
    return False


def side_right(predicted: tuple[_Named, ...], gold: tuple[Participant, ...], text: str) -> bool:
    """Whether a predicted side is right against the gold side (see the module docstring)."""
    if not gold:
        return not predicted
    if not predicted:
        return False
    return all(any(_is_participant(p, g, text) for g in gold) for p in predicted)


def date_right(predicted: str | None, gold: str | None) -> bool:
    if predicted is None or gold is None:
        return predicted is None and gold is None
    return predicted == gold or predicted.startswith(gold + "T")


def _fields(gold: GoldEvent, predicted: PredictedEvent, text: str) -> dict[str, bool]:
    return {
        "actor": side_right(predicted.actors, gold.actors, text),
        "recipient": side_right(predicted.recipients, gold.recipients, text),
        "modality": predicted.event.modality == gold.modality,
        "date": date_right(predicted.event.time, gold.date),
        "mode": predicted.event.mode == gold.mode,
        "background": predicted.event.background == gold.background,
    }


def _trigger(event: PredictedEvent) -> tuple[int, int]:
    span = event.event.trigger or event.event.evidence
    return span.start, span.end


def _pair(golds: list[GoldEvent], predictions: list[PredictedEvent]) -> list[tuple[int, int]]:
    """Indices (gold, predicted) paired one to one within a type: overlapping triggers first,
    then by the distance between triggers."""
    candidates = []
    for g, gold in enumerate(golds):
        for p, predicted in enumerate(predictions):
            if gold.type != predicted.event.type:
                continue
            start, end = _trigger(predicted)
            overlap = start < gold.trigger[1] and gold.trigger[0] < end
            distance = 0 if overlap else min(abs(start - gold.trigger[1]), abs(gold.trigger[0] - end))
            candidates.append((not overlap, distance, g, p))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, _, g, p in sorted(candidates):
        if g in used_gold or p in used_predicted:
            continue
        used_gold.add(g)
        used_predicted.add(p)
        pairs.append((g, p))
    return pairs


@dataclass(slots=True)
class EventScore:
    """Results accumulated over articles."""

    sentences: int = 0
    empty_sentences: int = 0
    empty_sentences_with_prediction: int = 0
    gold: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    paired: Counter[str] = field(default_factory=Counter)
    field_right: Counter[str] = field(default_factory=Counter)
    all_right: int = 0
    #: (confidence, paired) for every prediction with a confidence.
    calibration: list[tuple[float, bool]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, article: Article, text: str, predictions: list[PredictedEvent], *, keep_errors: bool = False) -> None:
        bounds = [(s.start, s.end) for s in article.sentences]
        by_sentence: dict[int, list[PredictedEvent]] = {}
        for predicted in predictions:
            start = _trigger(predicted)[0]
            index = next((i for i, (s, e) in enumerate(bounds) if s <= start < e), -1)
            by_sentence.setdefault(index, []).append(predicted)
        for index, sentence in enumerate(article.sentences):
            golds = list(sentence.events)
            found = by_sentence.get(index, [])
            self._sentence(article, text, index, golds, found, keep_errors)
        for predicted in by_sentence.get(-1, []):  # outside every annotated sentence: wrong
            self.predicted[predicted.event.type] += 1
            self._calibrate(predicted, False)

    def _sentence(
        self,
        article: Article,
        text: str,
        index: int,
        golds: list[GoldEvent],
        found: list[PredictedEvent],
        keep_errors: bool,
    ) -> None:
        self.sentences += 1
        if not golds:
            self.empty_sentences += 1
            self.empty_sentences_with_prediction += bool(found)
        for gold in golds:
            self.gold[gold.type] += 1
        for predicted in found:
            self.predicted[predicted.event.type] += 1
        pairs = _pair(golds, found)
        paired_predictions = {p for _, p in pairs}
        paired_golds = {g for g, _ in pairs}
        for g, p in pairs:
            right = _fields(golds[g], found[p], text)
            self.paired[golds[g].type] += 1
            for name, ok in right.items():
                self.field_right[name] += ok
            if all(right[f] for f in _FIELDS):
                self.all_right += 1
            self._calibrate(found[p], True)
            if keep_errors and not all(right[f] for f in (*_FIELDS, "background")):
                self.errors.append(_error("field", article, text, index, golds[g], found[p], right))
        for p, predicted in enumerate(found):
            if p not in paired_predictions:
                self._calibrate(predicted, False)
                if keep_errors:
                    self.errors.append(_error("false_positive", article, text, index, None, predicted, None))
        if keep_errors:
            for g, gold in enumerate(golds):
                if g not in paired_golds:
                    self.errors.append(_error("miss", article, text, index, gold, None, None))

    def _calibrate(self, predicted: PredictedEvent, right: bool) -> None:
        if predicted.confidence is not None:
            self.calibration.append((predicted.confidence, right))

    # --- figures ---------------------------------------------------------------------------

    @staticmethod
    def _prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}

    def reliability(self) -> tuple[list[dict[str, Any]], float | None]:
        """The reliability table (10 equal-width bins) and the expected calibration error."""
        if not self.calibration:
            return [], None
        rows = []
        gap = 0.0
        for b in range(_BINS):
            low, high = b / _BINS, (b + 1) / _BINS
            inside = [(c, r) for c, r in self.calibration if low <= c < high or (b == _BINS - 1 and c == 1.0)]
            if not inside:
                continue
            mean = sum(c for c, _ in inside) / len(inside)
            share = sum(r for _, r in inside) / len(inside)
            gap += len(inside) * abs(mean - share)
            rows.append(
                {
                    "bin": f"{low:.1f}-{high:.1f}",
                    "events": len(inside),
                    "confidence": round(mean, 3),
                    "right": round(share, 3),
                }
            )
        return rows, round(gap / len(self.calibration), 4)

    def report(self) -> dict[str, Any]:
        tp, predicted, gold = sum(self.paired.values()), sum(self.predicted.values()), sum(self.gold.values())
        per_type = {}
        for label in sorted(set(self.gold) | set(self.predicted)):
            row = self._prf(self.paired[label], self.predicted[label], self.gold[label])
            per_type[label] = {**row, "gold": self.gold[label], "predicted": self.predicted[label]}
        table, ece = self.reliability()
        return {
            "sentences": self.sentences,
            "sentences_without_event": self.empty_sentences,
            "of_which_with_a_prediction": self.empty_sentences_with_prediction,
            "gold_events": gold,
            "predicted_events": predicted,
            "paired_events": tp,
            **self._prf(tp, predicted, gold),
            "on_paired": {
                name: round(self.field_right[name] / tp, 4) if tp else None for name in (*_FIELDS, "mode", "background")
            },
            "all_fields_right": round(self.all_right / predicted, 4) if predicted else None,
            "per_type": per_type,
            "reliability": table,
            "ece": ece,
        }


def _describe(event: GoldEvent | PredictedEvent | None, text: str) -> dict[str, Any] | None:
    if event is None:
        return None
    if isinstance(event, GoldEvent):
        return {
            "type": event.type,
            "trigger": text[event.trigger[0] : event.trigger[1]],
            "actors": [p.name for p in event.actors],
            "recipients": [p.name for p in event.recipients],
            "modality": event.modality,
            "date": event.date,
            "background": event.background,
        }
    start, end = _trigger(event)
    return {
        "type": event.event.type,
        "trigger": text[start:end],
        "actors": [sorted(a.names)[:1] for a in event.actors],
        "recipients": [sorted(r.names)[:1] for r in event.recipients],
        "modality": event.event.modality,
        "date": event.event.time,
        "background": event.event.background,
        "confidence": event.confidence,
    }


def _error(
    kind: str,
    article: Article,
    text: str,
    index: int,
    gold: GoldEvent | None,
    predicted: PredictedEvent | None,
    right: dict[str, bool] | None,
) -> dict[str, Any]:
    sentence = article.sentences[index]
    return {
        "kind": kind,
        "url": article.url,
        "sentence": index,
        "text": text[sentence.start : sentence.end],
        "gold": _describe(gold, text),
        "predicted": _describe(predicted, text),
        "wrong": sorted(k for k, v in (right or {}).items() if not v),
    }


def score_article(
    article: Article, text: str, analysis: Analysis, score: EventScore, *, min_confidence: float | None = None
) -> None:
    """Add one article's predictions to ``score``."""
    score.add(article, text, predicted_events(analysis, min_confidence))


def pair_candidates(article: Article, events: list[Event]) -> list[GoldEvent | None]:
    """For training the event classifiers: the gold event each candidate would be paired with
    (same sentence, same type, one to one, overlapping triggers first) if every candidate were
    output, or None."""
    bounds = [(s.start, s.end) for s in article.sentences]
    by_sentence: dict[int, list[int]] = {}
    wrapped = [PredictedEvent(e, (), ()) for e in events]
    for number, predicted in enumerate(wrapped):
        start = _trigger(predicted)[0]
        index = next((i for i, (s, e) in enumerate(bounds) if s <= start < e), -1)
        by_sentence.setdefault(index, []).append(number)
    paired: list[GoldEvent | None] = [None] * len(events)
    for index, numbers in by_sentence.items():
        if index < 0:
            continue
        golds = list(article.sentences[index].events)
        for g, p in _pair(golds, [wrapped[n] for n in numbers]):
            paired[numbers[p]] = golds[g]
    return paired


def label_candidates(article: Article, events: list[Event]) -> list[bool]:
    """Whether each candidate event would be paired with a gold event (:func:`pair_candidates`)."""
    return [gold is not None for gold in pair_candidates(article, events)]
