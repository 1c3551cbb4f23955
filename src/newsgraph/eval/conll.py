"""CoNLL-2003 NER scoring: read the column format, map our labels, score like conlleval.

The files hold one token per line (``token POS chunk NER``), a blank line between sentences and
``-DOCSTART-`` lines between documents; tags are IOB1 or IOB2 over PER, ORG, LOC and MISC.
Each CoNLL document becomes one newsgraph :class:`Document` whose text is its tokens joined by
spaces, one sentence per line, so document-level rules (label consistency, headlines) see what
they would see in an article. Predicted character spans are mapped back onto the CoNLL tokens
and scored by exact entity match (type and both boundaries), micro-averaged, as conlleval does.

Label map (OntoNotes, as the spaCy model and our stages label mentions, to CoNLL):

======================================================  =====
PERSON                                                  PER
ORG                                                     ORG
GPE, LOC, FAC                                           LOC
NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE        MISC
======================================================  =====

Values (DATE, CARDINAL, MONEY, ...) and our referring expressions (PRON, NOMINAL, GROUP) are not
CoNLL entities and are dropped.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "LABEL_MAP",
    "ConllDocument",
    "Score",
    "chunks",
    "read_conll",
    "score",
    "to_tags",
    "token_chunks",
]

TYPES = ("PER", "ORG", "LOC", "MISC")

LABEL_MAP: dict[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}

#: A chunk: first token, one past the last token (document-wide token indices), CoNLL type.
Chunk = tuple[int, int, str]


@dataclass(slots=True)
class ConllDocument:
    """One ``-DOCSTART-`` block: its lines (each ``token ... TAG``) grouped into sentences."""

    sentences: list[list[list[str]]] = field(default_factory=list)

    @property
    def tokens(self) -> list[str]:
        return [line[0] for sentence in self.sentences for line in sentence]

    @property
    def tags(self) -> list[str]:
        return [line[-1] for sentence in self.sentences for line in sentence]

    def text(self) -> tuple[str, list[int]]:
        """The document text (tokens joined by a space, one sentence per line) and the
        character offset at which each token starts."""
        parts: list[str] = []
        starts: list[int] = []
        position = 0
        for i, sentence in enumerate(self.sentences):
            if i:
                parts.append("\n")
                position += 1
            for j, line in enumerate(sentence):
                if j:
                    parts.append(" ")
                    position += 1
                starts.append(position)
                parts.append(line[0])
                position += len(line[0])
        return "".join(parts), starts


def read_conll(path: str | Path) -> list[ConllDocument]:
    """The documents of a CoNLL-2003 file (a file without ``-DOCSTART-`` is one document)."""
    documents: list[ConllDocument] = []
    current = ConllDocument()
    sentence: list[list[str]] = []

    def close_sentence() -> None:
        nonlocal sentence
        if sentence:
            current.sentences.append(sentence)
            sentence = []

    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.split()
            if not line:
                close_sentence()
            elif line[0] == "-DOCSTART-":
                close_sentence()
                if current.sentences:
                    documents.append(current)
                current = ConllDocument()
            elif len(line) < 2:
                raise ValueError(f"{path}:{number}: expected 'token ... TAG', got {raw.strip()!r}")
            else:
                sentence.append(line)
    close_sentence()
    if current.sentences:
        documents.append(current)
    return documents


def chunks(tags: Sequence[str]) -> set[Chunk]:
    """Entity chunks of an IOB1 or IOB2 tag sequence, with conlleval's rules: a chunk starts at
    ``B-X``, or at ``I-X`` after ``O`` or after another type."""
    found: set[Chunk] = set()
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and (start is None or label != kind))
        if start is not None and (prefix == "O" or begins):
            found.add((start, i, kind))
            start = None
        if begins:
            start, kind = i, label
    return found


def token_chunks(spans: Iterable[tuple[int, int, str]], starts: Sequence[int], text_length: int) -> set[Chunk]:
    """CoNLL-typed character spans ``(start, end, type)`` as token chunks: a span covers the
    tokens that start inside it (a span starting mid-token snaps to that token)."""
    found: set[Chunk] = set()
    for start, end, kind in spans:
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_left(starts, end)
        if first < 0 or last <= first:
            continue
        found.add((first, last, kind))
    return _without_overlaps(found)


def _without_overlaps(found: set[Chunk]) -> set[Chunk]:
    # A token carries one tag: keep the longest of overlapping chunks (then the earliest).
    kept: list[Chunk] = []
    taken: set[int] = set()
    for chunk in sorted(found, key=lambda c: (c[0] - c[1], c[0])):
        tokens = set(range(chunk[0], chunk[1]))
        if tokens & taken:
            continue
        kept.append(chunk)
        taken |= tokens
    return set(kept)


def to_tags(found: set[Chunk], length: int) -> list[str]:
    """IOB2 tags for ``length`` tokens from chunks (for ``--write-predictions``)."""
    tags = ["O"] * length
    for start, end, kind in found:
        tags[start] = f"B-{kind}"
        for i in range(start + 1, end):
            tags[i] = f"I-{kind}"
    return tags


@dataclass(slots=True)
class Counts:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(slots=True)
class Score:
    """Exact-match counts per CoNLL type; ``overall`` is the micro average."""

    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})

    def add(self, gold: set[Chunk], predicted: set[Chunk]) -> None:
        for chunk in gold:
            self._counts(chunk[2]).gold += 1
        for chunk in predicted:
            self._counts(chunk[2]).predicted += 1
        for chunk in gold & predicted:
            self._counts(chunk[2]).true_positives += 1

    def _counts(self, kind: str) -> Counts:
        return self.by_type.setdefault(kind, Counts())

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.by_type.values():
            total.true_positives += counts.true_positives
            total.predicted += counts.predicted
            total.gold += counts.gold
        return total

    def as_dict(self) -> dict[str, dict[str, float | int]]:
        return {"overall": self.overall.as_dict(), **{t: c.as_dict() for t, c in self.by_type.items()}}


def score(pairs: Iterable[tuple[set[Chunk], set[Chunk]]]) -> Score:
    """Score ``(gold, predicted)`` chunk sets, one pair per document."""
    result = Score()
    for gold, predicted in pairs:
        result.add(gold, predicted)
    return result


def iter_lines(document: ConllDocument, *columns: list[str]) -> Iterator[str]:
    """The document's lines with extra tag columns appended, blank lines between sentences."""
    i = 0
    for sentence in document.sentences:
        for line in sentence:
            yield " ".join([*line, *(column[i] for column in columns)])
            i += 1
        yield ""
