"""Who said it: the speaker's noun phrase from the parse, and the entity it refers to.

The parse gives the token heading the speaker (the cue's subject, a passive agent, the object
of "according to"); :func:`speaker_bounds` widens it to its noun phrase, and :func:`resolve`
finds the mention that covers it, whose ``entity_id`` coreference has filled ("He stated" ->
Xi Jinping). Until coreference runs, pronouns resolve to no entity.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsgraph.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

_RELATIVE = frozenset({"who", "whom", "that", "which"})
_EXPLETIVE = frozenset({"it", "there"})
# Dependents of a cue that pass its subject on: "He smiled and said ...", "..., adding that ...".
_SHARES_SUBJECT = frozenset({"conj", "advcl", "xcomp"})


def speaker_token(cue: Token, *, depth: int = 0) -> Token | None:
    """The token heading the speaker of ``cue``: its subject, its passive agent, or (for a
    coordinated or adverbial verb with no subject of its own) the subject of the verb it hangs on.
    A relative pronoun ("Xi, who described ...") stands for the noun the clause modifies."""
    subject = None
    for child in cue.children:
        if child.dep_ in ("nsubj", "csubj"):
            subject = child
        elif child.dep_ == "agent":
            subject = next((c for c in child.children if c.dep_ == "pobj"), None)
    if subject is None:
        if cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN"):
            # "Dean, a doctor, saying ...", "tweets criticizing ...": the noun it modifies.
            return cue.head
        if cue.dep_ in _SHARES_SUBJECT and cue.head.i != cue.i and depth < 2:
            return speaker_token(cue.head, depth=depth + 1)
        return None
    if subject.lower_ in _RELATIVE and cue.dep_ == "relcl":
        return cue.head
    if subject.lower_ in _EXPLETIVE and subject.dep_ == "nsubj" and not _speaks(cue):
        return None
    return subject


def _speaks(cue: Token) -> bool:
    # "It said that ..." has a real subject (an organisation); "it was reported that" does not.
    return cue.tag_ not in ("VBN",)


def speaker_bounds(head: Token) -> tuple[int, int]:
    """Character bounds of the noun phrase headed by ``head``, without leading determiners,
    appositions or relative clauses: "Ukrainian President Volodymyr Zelensky", "he"."""
    if head.pos_ == "PRON":
        return head.idx, head.idx + len(head.text)
    tokens = head.doc[head.left_edge.i : head.i + 1]
    start = 0
    while start < len(tokens) - 1 and (tokens[start].dep_ in ("det", "punct", "cc") or tokens[start].is_space):
        start += 1
    last = head
    for child in head.rights:
        if child.dep_ in ("flat", "compound") and child.i == last.i + 1:
            last = child
    return tokens[start].idx, last.idx + len(last.text)


def resolve(mentions: Sequence[Mention], start: int, end: int, head: int) -> Mention | None:
    """The mention a speaker phrase ``[start, end)`` with its head token at character ``head``
    refers to: one covering the head, else the last one inside the phrase; linked ones first."""
    covering = [m for m in mentions if m.span.start <= head < m.span.end]
    inside = [m for m in mentions if start <= m.span.start and m.span.end <= end]
    for candidates in (covering, inside[::-1]):
        if candidates:
            linked = [m for m in candidates if m.entity_id is not None or m.members]
            pool = linked or candidates
            return min(pool, key=lambda m: m.span.end - m.span.start) if candidates is covering else pool[0]
    return None
