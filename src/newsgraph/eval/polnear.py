"""Scoring quotations against brat attribution data in the PolNeAR layout.

A corpus directory holds ``text/<doc>.txt`` and ``attributions/<doc>_<annotator>.ann``; with
several annotators for one article, the first file by name is the gold. An ``.ann`` file has
``T`` lines (``Source``, ``Cue``, ``Content`` spans, possibly discontinuous ``"s e;s e"``) and
``E`` lines tying one cue to its source and content. An attribution is *direct* when its
content contains a quotation mark (a whole or partial quotation) and *indirect* otherwise.

Scores are over word tokens (``\\w+``), so punctuation and quotation marks do not count:

- predicted and gold attributions of a document are matched one to one, greedily by the number
  of content tokens they share;
- **exact**: a matched pair with the same content tokens counts 1;
- **token overlap**: precision is the shared tokens of matched pairs over all predicted content
  tokens, recall the same over all gold content tokens (partial credit for boundaries);
- **source** and **cue accuracy**: the share of matched pairs (whose gold has one) where the
  predicted source (cue) shares a token with the gold's. Source spans follow the PolNeAR
  guidelines, so a relative pronoun is the source of its clause ("Lee, *who* said ...");
- **lenient source accuracy** also counts a predicted source that is *coreferent* with the
  gold's: its entity (``Quote.speaker_entity_id``, through coreference) is the entity of a
  mention inside the gold source span ("*he* said" for gold "Mr. Obama" when "he" resolved to
  Obama). It credits our coreference, so it is reported beside the strict number, never for it.

Per kind, recall uses the gold's kind and precision the prediction's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.model import Mention, Quote

KINDS = ("direct", "indirect")
_WORD = re.compile(r"\w+")
_QUOTE_MARK = re.compile(r"[\"“”„«»]|''|``")
_OPENING = "“\"'‘`„«"
_CLOSING = "”\"'’»"
_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "who", "which", "that", "his", "her", "their"})

Segments = tuple[tuple[int, int], ...]
#: The entities mentioned inside some segments of the article (see :func:`mention_entities`).
EntityLookup = Callable[[Segments], frozenset[str]]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution in brat terms: content, cue and source as character segments."""

    content: Segments
    cue: Segments = ()
    source: Segments = ()
    kind: str = "indirect"
    #: The entity the predicted source resolves to (predictions only; for lenient scoring).
    source_entity: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A text and its gold attributions (``name`` is the text file's stem)."""

    name: str
    text: str
    gold: tuple[Attribution, ...]


def kind_of(text: str, content: Segments) -> str:
    """``direct`` when the content contains a quotation mark, else ``indirect``."""
    return "direct" if any(_QUOTE_MARK.search(text[s:e]) for s, e in content) else "indirect"


def parse_ann(ann: str, text: str, *, origin: str = "<ann>") -> tuple[Attribution, ...]:
    """The attributions of one brat ``.ann`` file over ``text``."""
    spans: dict[str, Segments] = {}
    attributions = []
    for number, line in enumerate(ann.splitlines(), start=1):
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _, _, ranges = fields[1].partition(" ")
            try:
                spans[fields[0]] = tuple((int(a), int(b)) for a, b in (part.split() for part in ranges.split(";")))
            except ValueError:
                raise ValueError(f"{origin}:{number}: cannot read the span {ranges!r}") from None
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(arg.split(":", 1) for arg in fields[1].split() if ":" in arg)
            content = spans.get(roles.get("Content", ""), ())
            if not content:
                continue
            attributions.append(
                Attribution(
                    content=content,
                    cue=spans.get(roles.get("Cue", ""), ()),
                    source=spans.get(roles.get("Source", ""), ()),
                    kind=kind_of(text, content),
                )
            )
    return tuple(attributions)


def read_corpus(directory: Path) -> list[Article]:
    """The articles of a PolNeAR-layout directory, each with its first annotator's file."""
    texts = directory / "text"
    annotations = directory / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise ValueError(f"{directory}: expected text/*.txt and attributions/*.ann (the PolNeAR layout)")
    articles = []
    for path in sorted(texts.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        candidates = sorted(annotations.glob(f"{glob_escape(path.stem)}_*.ann"))
        if not candidates:
            continue
        ann = candidates[0]
        articles.append(Article(path.stem, text, parse_ann(ann.read_text(encoding="utf-8"), text, origin=str(ann))))
    return articles


def annotator_agreement(directory: Path) -> tuple[int, Score]:
    """How far two human annotators agree, scored like a system: on every article with two or
    more annotator files, the second (by name) against the first. The ceiling any system can be
    expected to reach on this data; returns (articles, score)."""
    texts, annotations = directory / "text", directory / "attributions"
    score, articles = Score(), 0
    for path in sorted(texts.glob("*.txt")):
        files = sorted(annotations.glob(f"{glob_escape(path.stem)}_*.ann"))
        if len(files) < 2:
            continue
        text = path.read_text(encoding="utf-8")
        first, second = (parse_ann(f.read_text(encoding="utf-8"), text, origin=str(f)) for f in files[:2])
        score.add(text, first, second)
        articles += 1
    return articles, score


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


# -- predictions ------------------------------------------------------------------------------


def from_textacy(doc: Any) -> list[Attribution] | None:
    """The baseline: textacy's ``direct_quotations`` on a spaCy doc, or None when it gives up
    on the article (it refuses texts whose quotation marks do not pair up)."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return None
    attributions = []
    for triple in triples:
        content = ((triple.content.start_char, triple.content.end_char),)
        cue = tuple((t.idx, t.idx + len(t.text)) for t in triple.cue)
        source = tuple((t.idx, t.idx + len(t.text)) for t in triple.speaker)
        attributions.append(Attribution(content, cue, source, kind_of(doc.text, content)))
    return attributions


def from_quotes(text: str, quotes: Iterable[Quote]) -> list[Attribution]:
    """Attributions from newsgraph quotes: the quotes sharing a cue are one attribution (a
    quotation interrupted by "she said", a fragment inside reported speech), and a quotation's
    content takes in its quotation marks, as brat annotators mark it."""
    grouped: dict[tuple[int, int] | str, list[Quote]] = {}
    for quote in quotes:
        key = (quote.cue.start, quote.cue.end) if quote.cue is not None else quote.id
        grouped.setdefault(key, []).append(quote)
    attributions = []
    for group in grouped.values():
        segments = _union(_with_marks(text, q.span.start, q.span.end) if q.kind != "indirect" else
                          (q.span.start, q.span.end) for q in group)  # fmt: skip
        first = group[0]
        cue = () if first.cue is None else ((first.cue.start, first.cue.end),)
        source = () if first.speaker is None else ((first.speaker.start, first.speaker.end),)
        attributions.append(Attribution(segments, cue, source, kind_of(text, segments), first.speaker_entity_id))
    return attributions


def mention_entities(mentions: Iterable[Mention]) -> EntityLookup:
    """For lenient source scoring: the entities of the mentions overlapping some segments."""
    spans = [(m.span.start, m.span.end, m.entity_id) for m in mentions if m.entity_id is not None]

    def lookup(segments: Segments) -> frozenset[str]:
        return frozenset(e for s, t, e in spans for a, b in segments if s < b and a < t)

    return lookup


def _with_marks(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0 and text[start - 1] in _OPENING:
        start -= 1
    for stop in range(end, min(end + 3, len(text))):
        if text[stop] in _CLOSING:
            return start, stop + 1
        if text[stop] not in ",.?!;":
            break
    return start, end


def _union(ranges: Iterable[tuple[int, int]]) -> Segments:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def to_ann(text: str, attributions: Sequence[Attribution]) -> str:
    """Attributions as a brat ``.ann`` file (the PolNeAR roles)."""
    lines = []
    number = 0
    for index, attribution in enumerate(attributions, start=1):
        roles = []
        for role, segments in (
            ("Source", attribution.source),
            ("Cue", attribution.cue),
            ("Content", attribution.content),
        ):
            if not segments:
                continue
            number += 1
            ranges = ";".join(f"{s} {e}" for s, e in segments)
            covered = " ".join(text[s:e].replace("\n", " ") for s, e in segments)
            lines.append(f"T{number}\t{role} {ranges}\t{covered}")
            roles.append(f"{role}:T{number}")
        lines.append(f"E{index}\tAttribution {' '.join(roles)}")
    return "\n".join(lines) + ("\n" if lines else "")


# -- scoring ----------------------------------------------------------------------------------


def tokens(text: str, segments: Segments) -> frozenset[int]:
    """The word tokens (by start offset) inside ``segments``."""
    return frozenset(m.start() for s, e in segments for m in _WORD.finditer(text, s, e))


@dataclass(slots=True)
class Tally:
    """Sums for one kind (or overall)."""

    predicted: int = 0
    gold: int = 0
    matched_tokens_p: int = 0
    matched_tokens_r: int = 0
    tokens_predicted: int = 0
    tokens_gold: int = 0
    exact_p: int = 0
    exact_r: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "exact": _prf(self.exact_p, self.predicted, self.exact_r, self.gold),
            "token_overlap": _prf(
                self.matched_tokens_p, self.tokens_predicted, self.matched_tokens_r, self.tokens_gold
            ),
        }


def _prf(hit_p: int, total_p: int, hit_r: int, total_r: int) -> dict[str, float]:
    p = hit_p / total_p if total_p else 0.0
    r = hit_r / total_r if total_r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


@dataclass(slots=True)
class Score:
    """Content P/R/F1 overall and per kind, source and cue accuracy, and the error kinds."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in ("overall", *KINDS)})
    source_checked: int = 0
    source_correct: int = 0
    source_coreferent: int = 0
    cue_checked: int = 0
    cue_correct: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def add(
        self,
        text: str,
        gold: Sequence[Attribution],
        predicted: Sequence[Attribution],
        entities: EntityLookup | None = None,
    ) -> None:
        """Score one article; ``entities`` (the article's mentions, see :func:`mention_entities`)
        enables lenient source accuracy."""
        gold_tokens = [tokens(text, g.content) for g in gold]
        pred_tokens = [tokens(text, p.content) for p in predicted]
        for g, words in zip(gold, gold_tokens, strict=True):
            for tally in (self.tallies["overall"], self.tallies[g.kind]):
                tally.gold += 1
                tally.tokens_gold += len(words)
        for p, words in zip(predicted, pred_tokens, strict=True):
            for tally in (self.tallies["overall"], self.tallies[p.kind]):
                tally.predicted += 1
                tally.tokens_predicted += len(words)
        pairs = sorted(
            ((len(g & p), gi, pi) for gi, g in enumerate(gold_tokens) for pi, p in enumerate(pred_tokens) if g & p),
            reverse=True,
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        for shared, gi, pi in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            self._pair(text, gold[gi], predicted[pi], gold_tokens[gi], pred_tokens[pi], shared, entities)
        for gi, g in enumerate(gold):
            if gi not in used_g:
                self.errors[f"missed {g.kind} (cue '{_words(text, g.cue) or '-'}')"] += 1
        for pi, p in enumerate(predicted):
            if pi not in used_p:
                self.errors[f"spurious {p.kind} (cue '{_words(text, p.cue) or '-'}')"] += 1

    def _pair(
        self,
        text: str,
        gold: Attribution,
        pred: Attribution,
        g: frozenset[int],
        p: frozenset[int],
        shared: int,
        entities: EntityLookup | None,
    ) -> None:
        exact = g == p
        for tally in (self.tallies["overall"], self.tallies[gold.kind]):
            tally.matched_tokens_r += shared
            tally.exact_r += exact
        for tally in (self.tallies["overall"], self.tallies[pred.kind]):
            tally.matched_tokens_p += shared
            tally.exact_p += exact
        if not exact:
            shape = "too long" if p > g else "too short" if p < g else "shifted"
            self.errors[f"{gold.kind} content {shape}"] += 1
        if gold.source:
            self.source_checked += 1
            if tokens(text, gold.source) & tokens(text, pred.source):
                self.source_correct += 1
            else:
                if entities is not None and pred.source_entity is not None:
                    self.source_coreferent += pred.source_entity in entities(gold.source)
                who = "pronoun" if _words(text, gold.source).lower() in _PRONOUNS else "named"
                self.errors[f"wrong source ({'none found' if not pred.source else 'other'}; gold {who})"] += 1
        if gold.cue:
            self.cue_checked += 1
            if tokens(text, gold.cue) & tokens(text, pred.cue):
                self.cue_correct += 1
            else:
                self.errors["wrong cue"] += 1

    def as_dict(self, top: int = 10) -> dict[str, Any]:
        return {
            "content": {kind: tally.as_dict() for kind, tally in self.tallies.items()},
            "source_accuracy": _share(self.source_correct, self.source_checked),
            "source_accuracy_lenient": _share(self.source_correct + self.source_coreferent, self.source_checked),
            "source_checked": self.source_checked,
            "cue_accuracy": _share(self.cue_correct, self.cue_checked),
            "cue_checked": self.cue_checked,
            "errors": [{"kind": kind, "count": count} for kind, count in self.errors.most_common(top)],
        }


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _words(text: str, segments: Segments) -> str:
    return " ".join(text[s:e] for s, e in segments).strip()
