"""Who said it: the speaker's noun phrase from the parse, and the entity it refers to.

The parse gives the token heading the speaker (the cue's subject, a passive agent, the object
of "according to"); :func:`speaker_bounds` widens it to its noun phrase, and :func:`resolve`
finds the mention that covers it, whose ``entity_id`` coreference has filled ("He stated" ->
Xi Jinping). Until coreference runs, pronouns resolve to no entity.

Two conventions follow the PolNeAR annotation guidelines, the reference for attribution spans:

- a relative pronoun is the speaker of its own clause ("Xi, *who* described it as ...", like
  "*He* stated"), and it resolves to the noun it modifies (:func:`antecedent`);
- a participle set off by a comma after reported speech ("X warned that Y cannot ..., *citing*
  concerns") speaks with the reporting clause's subject, wherever the parser attached it.

A document or data that speaks ("a lawsuit filed by the ACLU argues", "a report by the UN says",
"according to a CNN poll") speaks for its author: :func:`author` finds who made it, and that
organisation or person is the speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsgraph.model import Mention
from newsgraph.stages.quotes.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_RELATIVE = frozenset({"who", "whom", "that", "which"})
_EXPLETIVE = frozenset({"it", "there"})
_NEGATIVE_DETERMINERS = frozenset({"no", "neither"})
# Dependents of a cue that pass its subject on: "He smiled and said ...", "..., adding that ...".
_SHARES_SUBJECT = frozenset({"conj", "advcl", "xcomp"})
# Clauses that are the content of the verb above them: a participle hanging on one of them
# belongs to that verb's sentence ("X said [Y will go], citing ...": X cites).
_REPORTED = frozenset({"ccomp", "xcomp"})
#: How far up the parse a subjectless cue looks for the subject it shares.
MAX_SHARED_DEPTH = 3


def speaker_token(cue: Token, *, depth: int = 0) -> Token | None:
    """The token heading the speaker of ``cue``: its subject, its passive agent, or (for a
    coordinated, adverbial or prepositional verb with no subject of its own) the subject of the
    verb it hangs on."""
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
        if cue.dep_ == "pcomp" and cue.head.dep_ == "prep" and depth < MAX_SHARED_DEPTH:
            # "She began by emphasizing ...", "before asking her": the verb the phrase modifies.
            return speaker_token(cue.head.head, depth=depth + 1)
        if cue.dep_ in _SHARES_SUBJECT and cue.head.i != cue.i and depth < MAX_SHARED_DEPTH:
            host = cue.head
            if _trailing_participle(cue) and host.dep_ in _REPORTED and host.head.i != host.i:
                host = host.head
            return speaker_token(host, depth=depth + 1)
        return None
    if subject.lower_ in _EXPLETIVE and subject.dep_ == "nsubj" and not _speaks(cue):
        return None
    return subject


def antecedent(speaker: Token) -> Token | None:
    """The noun a relative pronoun speaker stands for ("Governor Lee, who said ..." -> Lee),
    None for any other speaker."""
    if speaker.lower_ not in _RELATIVE or speaker.pos_ not in ("PRON", "DET", "SCONJ"):
        return None
    clause = speaker.head
    for _ in range(MAX_SHARED_DEPTH):
        if clause.dep_ == "relcl":
            return clause.head
        if clause.head.i == clause.i:
            break
        clause = clause.head
    return None


# Participles that name who made a document: "a lawsuit *filed* by", "a poll *conducted* by".
_MAKING = frozenset({"VBN"})
# Who made it, in a preposition after the document: "a report *by* the UN", "a letter *from* X".
_BY = frozenset({"by", "from"})
# Named-entity labels of names that can author a document in front of it ("a CNN poll").
_AUTHORS = frozenset({"ORG", "PERSON", "GPE", "NORP"})


def author(speaker: Token, lexicon: Lexicon) -> Token | None:
    """The head of who made a document that speaks ("a lawsuit filed by *the ACLU*", "a report by
    *the UN*", "*the ACLU*'s lawsuit", "a *CNN* poll"), None when ``speaker`` names no document
    or says nobody's."""
    if speaker.pos_ not in ("NOUN", "PROPN") or not lexicon.source(speaker.lemma_):
        return None
    if speaker.ent_type_ in _AUTHORS:
        return None  # a name, not a document: "the U.S. Geological Survey says"
    for child in speaker.rights:
        if child.dep_ == "prep" and child.lower_ in _BY:
            found = next((c for c in child.children if c.dep_ == "pobj"), None)
            if found is not None:
                return author(found, lexicon) or found
        if child.dep_ == "acl" and child.tag_ in _MAKING:
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            found = None if agent is None else next((c for c in agent.children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
    for child in speaker.lefts:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
    named = [c for c in speaker.lefts if c.dep_ in ("compound", "nmod") and c.ent_type_ in _AUTHORS]
    return named[-1] if named else None


def _trailing_participle(cue: Token) -> bool:
    """``..., citing concerns``: a gerund-participle after a comma, following the verb it hangs on."""
    previous = cue.doc[cue.i - 1] if cue.i > 0 else None
    return (
        cue.tag_ == "VBG"
        and cue.dep_ == "advcl"
        and cue.i > cue.head.i
        and previous is not None
        and previous.text == ","
    )


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
    # "No one" keeps its "No": without it the speaker would read as somebody.
    while start < len(tokens) - 1 and (
        (tokens[start].dep_ in ("det", "punct", "cc") and tokens[start].lower_ not in _NEGATIVE_DETERMINERS)
        or tokens[start].is_punct
        or tokens[start].is_space
    ):
        start += 1
    last = head
    for child in head.rights:
        if child.dep_ in ("flat", "compound") and child.i == last.i + 1:
            last = child
    return tokens[start].idx, last.idx + len(last.text)


def resolve(mentions: Sequence[Mention], head: int) -> Mention | None:
    """The mention a speaker phrase whose head token starts at character ``head`` refers to: the
    shortest one covering the head, linked ones first. A mention elsewhere in the phrase names
    something else ("*Ukrainian* officials" are not Ukraine)."""
    covering = [m for m in mentions if m.span.start <= head < m.span.end]
    linked = [m for m in covering if m.entity_id is not None or m.members]
    pool = linked or covering
    return min(pool, key=lambda m: m.span.end - m.span.start) if pool else None
