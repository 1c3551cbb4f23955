"""Indirect (reported) speech, read off the dependency parse.

- a reporting verb and its complement clause, in either order: ``X said that ...``,
  ``..., officials said``, ``Analysts suggest that ...``; an infinitive or object for verbs whose
  lexicon entry allows it (``pledged to ...``, ``announced a ceasefire``);
- ``according to X, ...`` and ``as reported by X, ...``: the content is the clause they modify;
- a speech noun with a clause: ``X's position is that ...``, ``the claim that ...``.

Complements that are quotations are left to :mod:`direct`; cues inside quotations are the
speaker's own words, not the reporter's attribution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from newsgraph.stages.quotes.attribution import INDIRECT, Attribution, token_bounds
from newsgraph.stages.quotes.lexicon import Lexicon
from newsgraph.stages.quotes.speaker import speaker_token

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: A complement mostly inside quotation marks is a direct quotation, not reported speech.
QUOTED_SHARE = 0.9
#: Clauses shorter than this are not content ("he said so").
MIN_CONTENT_TOKENS = 2

_EDGE = frozenset({",", ".", ";", ":", "—", "–", "-", "(", ")"})


def indirect_attributions(doc: Doc, lexicon: Lexicon, quoted: Callable[[int, int], float]) -> Iterator[Attribution]:
    """Reported speech in ``doc``; ``quoted(start, end)`` is the share of a range inside quotes."""
    for attribution in _candidates(doc, lexicon, quoted):
        if quoted(attribution.start, attribution.end) < QUOTED_SHARE:
            yield attribution


def _candidates(doc: Doc, lexicon: Lexicon, quoted: Callable[[int, int], float]) -> Iterator[Attribution]:
    for token in doc:
        if quoted(token.idx, token.idx + len(token.text)) > 0:
            continue
        if token.pos_ == "VERB":
            yield from _verb(token, lexicon)
            if token.lower_ == "according":
                yield from _according_to(token)
        elif token.pos_ == "NOUN" and lexicon.noun(token.lemma_) is not None:
            yield from _noun(token, lexicon)


def _verb(cue: Token, lexicon: Lexicon) -> Iterator[Attribution]:
    entry = lexicon.verb(cue.lemma_)
    if entry is None:
        return
    if cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        # "As reported by the Kremlin, the talks will ...": the content is the clause it modifies.
        bounds = _clause_without(cue.head, cue)
        if bounds is not None:
            yield _make(bounds, cue, speaker_token(cue))
        return
    complements = [c for c in cue.children if c.dep_ in entry.complements and c.dep_ != "quote"]
    clauses = [c for c in complements if c.dep_ == "ccomp"] or [c for c in complements if c.dep_ != "dobj"]
    chosen = clauses or [c for c in complements if c.dep_ == "dobj"]
    for complement in chosen[:1]:
        bounds = _trim(complement.left_edge, _before_participle(complement, lexicon))
        if bounds is not None:
            yield _make(bounds, cue, speaker_token(cue))


def _according_to(according: Token) -> Iterator[Attribution]:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source = None if to is None else next((c for c in to.children if c.dep_ == "pobj"), None)
    if to is None or source is None or according.head.i == according.i:
        return
    bounds = _clause_without(according.head, according)
    if bounds is not None:
        cue = (according.idx, to.idx + len(to.text))
        attribution = _make(bounds, according, source)
        yield Attribution(INDIRECT, attribution.start, attribution.end, cue, "according to", source)


def _noun(noun: Token, lexicon: Lexicon) -> Iterator[Attribution]:
    entry = lexicon.noun(noun.lemma_)
    if entry is None or "ccomp" not in entry.complements:
        return
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and _has_that(c)), None)
    if clause is None and noun.dep_ in ("nsubj", "attr") and noun.head.lemma_ == "be":
        clause = next((c for c in noun.head.children if c.dep_ == "ccomp"), None)
    if clause is None or owner is None:
        return
    bounds = _trim(clause.left_edge, clause.right_edge)
    if bounds is not None:
        yield _make(bounds, noun, owner)


def _make(bounds: tuple[Token, Token], cue: Token, speaker: Token | None) -> Attribution:
    start, end = token_bounds(*bounds)
    return Attribution(INDIRECT, start, end, token_bounds(cue, cue), cue.lemma_.lower(), speaker)


def _before_participle(clause: Token, lexicon: Lexicon) -> Token:
    """The last token of ``clause`` before a trailing reporting participle set off by a comma: in
    "X warned that Y cannot pay, citing Z", X cites Z (see :mod:`speaker`), another attribution."""
    doc = clause.doc
    for child in clause.rights:
        comma = child.left_edge.i - 1
        if (
            child.dep_ == "advcl"
            and child.tag_ == "VBG"
            and comma > clause.i
            and doc[comma].text == ","
            and lexicon.verb(child.lemma_) is not None
        ):
            return doc[comma]
    return clause.right_edge


def _has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _clause_without(head: Token, part: Token) -> tuple[Token, Token] | None:
    """The clause headed by ``head`` minus the subtree of ``part`` (at its start or end)."""
    first, last = head.left_edge, head.right_edge
    if part.left_edge.i <= first.i and part.right_edge.i < last.i:
        first = head.doc[part.right_edge.i + 1]
    elif part.right_edge.i >= last.i and part.left_edge.i > first.i:
        last = head.doc[part.left_edge.i - 1]
    else:
        return None
    return _trim(first, last)


def _trim(first: Token, last: Token) -> tuple[Token, Token] | None:
    doc = first.doc
    i, j = first.i, last.i
    while i <= j and (doc[i].text in _EDGE or doc[i].is_space):
        i += 1
    while j >= i and (doc[j].text in _EDGE or doc[j].is_space):
        j -= 1
    if j - i + 1 < MIN_CONTENT_TOKENS:
        return None
    return doc[i], doc[j]
