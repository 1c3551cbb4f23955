"""Whether an event happened: asserted, negated ("did not attack"), future or planned ("will
sign", "is scheduled to visit", "agreed to withdraw"), hypothetical ("could", "if", "threatened to
ban", "demanded that ... release"), or reported (inside a quotation or reported speech, with who
reported it).

The modality is read from the trigger's clause and the clauses above it: its negation and
auxiliaries, then, climbing through complements, the verb that governs it (a lexicon entry's
``complement`` or a word of ``future_governors``) until a verb of saying.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.ontology.cues import Cues
from newsgraph.stages.events.triggers import Trigger, lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["clause_modality", "reporting_verb"]

# Complement relations through which a governing verb colours its complement.
_COMPLEMENTS = frozenset({"xcomp", "ccomp", "acomp", "pcomp", "acl"})
_CLIMB_LIMIT = 6


def _own_modality(token: Token, cues: Cues, original: bool, phrase: frozenset[int]) -> str | None:
    children = [c for c in token.children if c.i not in phrase]
    for child in children:
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod") and child.lower_ in cues.negation):
            return "negated"
    auxes = [c.lower_ for c in children if c.dep_ in ("aux", "auxpass")]
    if any(a in cues.hypothetical_auxiliaries or a in cues.obligation_auxiliaries for a in auxes):
        return "hypothetical"
    if any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in children):
        return "hypothetical"  # "[if] convicted", "if elected": the clause itself is the condition
    for child in children:
        if child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in cues.conditional_marks for m in child.children
        ):
            return "hypothetical"
    if any(a in cues.future_auxiliaries for a in auxes):
        return "future"
    if not original and lemma(token) in cues.future_governors:
        return "future"
    return None


def clause_modality(
    anchor: Token, triggers: dict[int, Trigger], cues: Cues, phrase: frozenset[int] = frozenset()
) -> str:
    """``asserted``, ``negated``, ``future`` or ``hypothetical`` for the clause of ``anchor``.
    ``phrase`` are the indices of the trigger's own words: a negation that is part of the
    phrase ("cannot be held responsible", a warning) does not negate the event."""
    token = anchor
    for step in range(_CLIMB_LIMIT):
        found = _own_modality(token, cues, original=step == 0, phrase=phrase)
        if found is not None:
            return found
        if token.dep_ not in _COMPLEMENTS and token.dep_ != "conj":
            break
        head = token.head
        if head is token:
            break
        governing = triggers.get(head.i)
        if governing is not None and token.dep_ != "conj" and governing.entry.complement is not None:
            return governing.entry.complement
        if lemma(head) in cues.reporting_verbs:
            break
        token = head
    return "asserted"


def reporting_verb(anchor: Token, cues: Cues) -> Token | None:
    """The verb of saying whose complement holds ``anchor`` ("Russia said [Sudan must return]")."""
    token = anchor
    for _ in range(_CLIMB_LIMIT):
        if token.dep_ not in _COMPLEMENTS and token.dep_ not in ("conj", "advcl"):
            return None
        head = token.head
        if head is token:
            return None
        if lemma(head) in cues.reporting_verbs and head.pos_ == "VERB":
            return head
        token = head
    return None
