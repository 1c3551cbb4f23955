"""The reporting-cue lexicon: which words introduce speech, and where their content is.

The lexicon is data (``cues.tsv`` beside this module) so analysts can extend it for a new genre
without touching code. Each line names a lemma, its part of speech, and the complements that
carry the content: ``ccomp`` (a clause), ``xcomp`` (an infinitive), ``dobj`` (a noun phrase) or
``quote`` (the word only attributes quotations next to it, as in "..., she laughed").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "quote"})
PARTS_OF_SPEECH = frozenset({"VERB", "NOUN"})


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting word: ``lemma``, ``pos`` (VERB or NOUN), and the complements holding content."""

    lemma: str
    pos: str
    complements: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Reporting verbs and nouns by lemma."""

    verbs: dict[str, Cue]
    nouns: dict[str, Cue]

    def verb(self, lemma: str) -> Cue | None:
        return self.verbs.get(lemma.lower())

    def noun(self, lemma: str) -> Cue | None:
        return self.nouns.get(lemma.lower())


def parse(text: str, *, origin: str = "cues.tsv") -> Lexicon:
    """A lexicon from TSV lines ``lemma<TAB>pos<TAB>complement,...``; ``#`` starts a comment."""
    verbs: dict[str, Cue] = {}
    nouns: dict[str, Cue] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise ValueError(f"{origin}:{number}: expected 'lemma<TAB>pos<TAB>complements', got {line!r}")
        lemma, pos, complements = (field.strip() for field in fields)
        wanted = frozenset(c.strip() for c in complements.split(","))
        if pos not in PARTS_OF_SPEECH or not wanted <= COMPLEMENTS:
            raise ValueError(
                f"{origin}:{number}: pos must be one of {sorted(PARTS_OF_SPEECH)} and complements some of "
                f"{sorted(COMPLEMENTS)}, got {pos!r} and {complements!r}"
            )
        table = verbs if pos == "VERB" else nouns
        previous = table.get(lemma)
        table[lemma] = Cue(lemma, pos, wanted | (previous.complements if previous else frozenset()))
    return Lexicon(verbs=verbs, nouns=nouns)


@cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped with newsgraph (``stages/quotes/cues.tsv``)."""
    text = resources.files("newsgraph.stages.quotes").joinpath("cues.tsv").read_text("utf-8")
    return parse(text)
