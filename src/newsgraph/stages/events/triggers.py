"""Finding event triggers in the parse: verbs and verb phrases ("attack", "held talks with",
"declared a ceasefire"), and event nouns ("talks", "visit", "ceasefire", "parade").

Verb phrases are matched first and consume their words, so "held talks" is one CONSULT
trigger, not a verb plus a noun; the longest phrase wins (see :mod:`newsgraph.ontology.lexicon`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from newsgraph.ontology.cues import Cues
from newsgraph.ontology.lexicon import Entry, Lexicon

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from spacy.strings import StringStore
    from spacy.tokens import Doc, Token

__all__ = ["Trigger", "find_triggers", "lemma", "tokens_with"]

# Words of a verb phrase are looked for this deep under the verb ("held [their first meeting]
# with": meeting is a child; "holding refugees [as [human] shields]": human is three down).
_PHRASE_DEPTH = 3
# Under these the words belong to another clause or participant, not to the verb phrase.
_NOT_PHRASE = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "csubj",
        "advcl",
        "conj",
        "cc",
        "ccomp",
        "parataxis",
        "relcl",
        "punct",
        "aux",
        "auxpass",
        "neg",
        "mark",
    }
)
_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A matched lexicon ``entry``: ``token`` is its syntactic head, ``tokens`` every word.
    ``alternatives`` are the other types' entries the same head word matches ("charged" is an
    accusation or a criminal charge), each with its words: the classifier chooses."""

    token: Token
    entry: Entry
    tokens: tuple[Token, ...]
    alternatives: tuple[tuple[Entry, tuple[Token, ...]], ...] = ()

    def as_alternative(self, entry: Entry, tokens: tuple[Token, ...]) -> Trigger:
        """The same head word read as ``entry``."""
        return Trigger(self.token, entry, tokens)

    @property
    def is_verb(self) -> bool:
        return self.entry.pos == "verb"


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def _phrase_words(verb: Token) -> Iterator[Token]:
    frontier = [c for c in verb.children if c.dep_ not in _NOT_PHRASE]
    for _ in range(_PHRASE_DEPTH):
        following: list[Token] = []
        for token in frontier:
            yield token
            following.extend(c for c in token.children if c.dep_ not in _NOT_PHRASE)
        frontier = following


def _negation(verb: Token, cues: Cues) -> tuple[Token, ...] | None:
    """The words negating ``verb`` with a modal ("[can][not] be held", "[will][n't] tolerate"),
    or None: a plain "did not" negates a fact, it makes no warning of it."""
    negations = [c for c in verb.children if c.dep_ == "neg"]
    modals = [
        c
        for c in verb.children
        if c.dep_ == "aux" and (c.lower_ in cues.future_auxiliaries or c.lower_ in cues.hypothetical_auxiliaries)
    ]
    return (*modals, *negations) if negations and modals else None


def _verb_matches(token: Token, entries: list[Entry], cues: Cues) -> list[tuple[int, Entry, tuple[Token, ...]]]:
    """Every entry matching the verb ``token``, with its rank and words, best first. A negated
    phrase ranks above the same phrase unnegated ("cannot be held responsible" is a warning,
    "held responsible" an accusation); then more words rank higher, then file order."""
    found: list[tuple[int, Entry, tuple[Token, ...]]] = []
    nearby: list[Token] | None = None
    for entry in entries:
        rank = len(entry.words) + entry.negated
        matched = [token]
        if entry.negated:
            negation = _negation(token, cues)
            if negation is None:
                continue
            matched.extend(negation)
        if len(entry.words) > 1:
            if nearby is None:
                nearby = list(_phrase_words(token))
            for word in entry.words[1:]:
                hit = next((t for t in nearby if t not in matched and word in (lemma(t), t.lower_)), None)
                if hit is None:
                    break
                matched.append(hit)
            else:
                found.append((rank, entry, tuple(matched)))
            continue
        found.append((rank, entry, tuple(matched)))
    found.sort(key=lambda f: -f[0])  # stable: file order among equal ranks
    return found


def _alternatives(
    best: Entry, matches: list[tuple[int, Entry, tuple[Token, ...]]]
) -> tuple[tuple[Entry, tuple[Token, ...]], ...]:
    """The best-ranked match of each other type."""
    seen = {best.type}
    found = []
    for _, entry, tokens in matches:
        if entry.type not in seen:
            seen.add(entry.type)
            found.append((entry, tokens))
    return tuple(found)


@cache
def _hashes(words: frozenset[str], strings: StringStore) -> NDArray[np.uint64]:
    """The string-store hashes of ``words`` and of their capitalised forms (a proper noun's
    lemma keeps its capital: "Pardon"). Hashes are the strings' own, the same in every vocab."""
    forms = {w for word in words for w in (word, word.capitalize())}
    return np.array([strings[w] for w in forms], dtype=np.uint64)


def tokens_with(doc: Doc, attribute: str, words: frozenset[str]) -> list[Token]:
    """The tokens whose ``attribute`` (``"LEMMA"``, ``"LOWER"``) is one of ``words``, found on
    the parse's arrays instead of by building every token (most words trigger nothing)."""
    values = doc.to_array([attribute])
    positions = np.flatnonzero(np.isin(values, _hashes(words, doc.vocab.strings)))
    return [doc[int(i)] for i in positions]


def _lemmas_in(doc: Doc, index: dict[str, list[Entry]]) -> list[Token]:
    """The tokens whose lemma heads an entry of ``index``."""
    return tokens_with(doc, "LEMMA", frozenset(index))


def find_triggers(doc: Doc, lexicon: Lexicon, cues: Cues, names: frozenset[int] = frozenset()) -> list[Trigger]:
    """Every trigger in ``doc``, in text order. ``names`` are the indices of tokens inside names
    (no event noun there: "Amnesty International", "the Ceasefire Violations Committee")."""
    found: list[Trigger] = []
    used: set[int] = set(names)
    verb_words: set[int] = set()
    for token in _lemmas_in(doc, lexicon.verbs):
        if token.pos_ != "VERB" and token.tag_ not in _VERB_TAGS:
            continue
        entries = lexicon.verbs.get(lemma(token))
        if not entries:
            continue
        matches = _verb_matches(token, entries, cues)
        if not matches:
            continue
        _, entry, tokens = matches[0]
        # A bare verb of saying is no event ("declared" alone); a phrase with it is ("declared
        # a ceasefire").
        if len(entry.words) == 1 and entry.head in cues.reporting_verbs:
            continue
        found.append(Trigger(token, entry, tokens, _alternatives(entry, matches)))
        verb_words.update(t.i for t in tokens)
    used |= verb_words
    nouns: list[Trigger] = []
    for token in _lemmas_in(doc, lexicon.nouns):
        # A run may start with an adjective ("humanitarian access", "military parade"); its
        # head must still be a noun (checked below).
        if token.i in used or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        if token.ent_type_ in ("DATE", "TIME"):
            continue  # "in March", "on Victory Day": a date, not a march

        by_span: dict[int, list[Entry]] = {}
        for entry in lexicon.nouns.get(lemma(token), ()):
            end = token.i + len(entry.words)
            if end > len(doc):
                continue
            span = doc[token.i : end]
            spelled = all(word in (lemma(t), t.lower_) for word, t in zip(entry.words, span, strict=True))
            if spelled and not any(t.i in used for t in span) and span.root.pos_ in ("NOUN", "PROPN"):
                by_span.setdefault(end, []).append(entry)
        for end, entries_here in by_span.items():
            span = doc[token.i : end]
            ranked = [(0, e, tuple(span)) for e in entries_here]
            nouns.append(Trigger(span.root, entries_here[0], tuple(span), _alternatives(entries_here[0], ranked)))
    # Longest noun phrases first; a shorter one inside a longer one is dropped.
    for trigger in sorted(nouns, key=lambda t: (-len(t.tokens), t.token.i)):
        if not any(t.i in used for t in trigger.tokens):
            found.append(trigger)
            used.update(t.i for t in trigger.tokens)
    return sorted(found, key=lambda t: t.token.i)
