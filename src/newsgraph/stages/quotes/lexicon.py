"""The reporting-cue lexicon: which words introduce speech, and where their content is.

The lexicon is data (``cues.tsv`` beside this module) so analysts can extend it for a new genre
without touching code. Each line names a lemma, its part of speech, and the complements that
carry the content: ``ccomp`` (a clause), ``xcomp`` (an infinitive), ``dobj`` (a noun phrase) or
``quote`` (the word only attributes quotations next to it, as in "..., she laughed"),
``predicate`` (an object with what is said of it, and only then: "sees *Clinton as the
stronger candidate*", not "saw the film"), or
``prep:WORD``, the object of that preposition ("called *for* a recount", "pointed *to* the
deficit"). A noun
marked ``source`` is a document or data that speaks for whoever made it ("a report by the UN
says", "the poll shows"): its author is the speaker (:func:`speaker.author`).

An optional fourth column says who may be the cue's subject: ``any`` (the default) or
``source``: the verb reports only when its subject is such a document ("the study shows that
...", but not "this image shows the senator ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "predicate", "quote", "source"})
PARTS_OF_SPEECH = frozenset({"VERB", "NOUN"})
SUBJECTS = frozenset({"any", "source"})
_PREPOSITION = re.compile(r"prep:[a-z]+")


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting word: ``lemma``, ``pos`` (VERB or NOUN), the complements holding content, and
    who may be its ``subject`` (``any``, or ``source``: a document or data, see the module)."""

    lemma: str
    pos: str
    complements: frozenset[str]
    subject: str = "any"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Reporting verbs and nouns by lemma, and the nouns naming documents that speak for their
    author (``sources``; a noun only marked ``source`` is not a reporting noun)."""

    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    sources: frozenset[str] = frozenset()

    def verb(self, lemma: str) -> Cue | None:
        return self.verbs.get(lemma.lower())

    def noun(self, lemma: str) -> Cue | None:
        return self.nouns.get(lemma.lower())

    def prepositions(self, lemma: str, pos: str = "VERB") -> frozenset[str]:
        """The prepositions whose object is the content of ``lemma`` ("called *for*", "criticism
        *of*"), a verb or (``pos="NOUN"``) a noun."""
        entry = (self.verbs if pos == "VERB" else self.nouns).get(lemma.lower())
        if entry is None:
            return frozenset()
        return frozenset(c.partition(":")[2] for c in entry.complements if c.startswith("prep:"))

    def cue(self, token: Token) -> Cue | None:
        """The verb entry of ``token`` when it reports here: a verb whose entry wants a source
        for subject ("show") reports only with one ("the poll shows ...", not "the photo shows")."""
        entry = self.verbs.get(token.lemma_.lower())
        if entry is None or entry.subject == "any":
            return entry
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is None and token.dep_ == "acl":
            subject = token.head  # "a poll showing ..."
        elif subject is not None and subject.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
            subject = token.head  # "a poll that shows ..."
        return entry if subject is not None and self.source(subject.lemma_) else None

    def source(self, lemma: str) -> bool:
        """Whether a noun names a document or data that speaks for its author ("report", "poll")."""
        word = lemma.lower()
        # A capitalised plural keeps its "s" as a proper noun's lemma ("Surveys of voters show").
        return word in self.sources or (word.endswith("s") and word[:-1] in self.sources)


def parse(text: str, *, origin: str = "cues.tsv") -> Lexicon:
    """A lexicon from TSV lines ``lemma<TAB>pos<TAB>complement,...[<TAB>subject]``; ``#`` starts a
    comment."""
    verbs: dict[str, Cue] = {}
    nouns: dict[str, Cue] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) not in (3, 4):
            raise ValueError(
                f"{origin}:{number}: expected 'lemma<TAB>pos<TAB>complements' (and optionally <TAB>subject), "
                f"got {line!r}"
            )
        lemma, pos, complements, *rest = (field.strip() for field in fields)
        subject = rest[0] if rest else "any"
        wanted = frozenset(c.strip() for c in complements.split(","))
        plain = {c for c in wanted if not _PREPOSITION.fullmatch(c)}
        if pos not in PARTS_OF_SPEECH or not plain <= COMPLEMENTS or subject not in SUBJECTS:
            raise ValueError(
                f"{origin}:{number}: pos must be one of {sorted(PARTS_OF_SPEECH)}, complements some of "
                f"{sorted(COMPLEMENTS)} or prep:WORD and the subject one of {sorted(SUBJECTS)}, "
                f"got {pos!r}, {complements!r} and {subject!r}"
            )
        table = verbs if pos == "VERB" else nouns
        previous = table.get(lemma)
        if previous is not None and rest and previous.subject != subject:
            raise ValueError(f"{origin}:{number}: {lemma!r} was given the subject {previous.subject!r} before")
        if previous is not None and not rest:
            subject = previous.subject
        table[lemma] = Cue(lemma, pos, wanted | (previous.complements if previous else frozenset()), subject)
    sources = frozenset(lemma for lemma, cue in nouns.items() if "source" in cue.complements)
    speech = {lemma: cue for lemma, cue in nouns.items() if cue.complements - {"source"}}
    return Lexicon(verbs=verbs, nouns=speech, sources=sources)


@cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped with newsgraph (``stages/quotes/cues.tsv``)."""
    text = resources.files("newsgraph.stages.quotes").joinpath("cues.tsv").read_text("utf-8")
    return parse(text)
