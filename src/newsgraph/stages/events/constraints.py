"""Whether a matched trigger is an event at all: the semantic constraints the lexicons state.

News is full of event words used for other things: "released the book", "left a family in
ruin", "to support life forms", "the building was evacuated". Two rules, both read from the
lexicon entry (``lexicon/*.toml``), tell them apart:

- the entry's ``[triggers.object]`` rule: the trigger's object must be one of its words or an
  entity of one of its kinds ("release" frees people; "leave" leaves a place or an agreement);
- ``needs_party``: an event needs a political party, an actor, recipient or object that is a
  person, organisation, country or group, or a noun of ``sectors.toml`` ("police", "troops",
  "officials"), unless the trigger is political on its own ("coup", "ceasefire", "airstrike").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsgraph.ontology.lexicon import ObjectRule
from newsgraph.stages.events.arguments import PASSIVE_SUBJECTS, SUBJECTS, MentionIndex, children, prepositional
from newsgraph.stages.events.triggers import Trigger, lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["has_party", "object_candidates", "object_matches"]

#: Entity kinds that can act politically (places, facilities and projects cannot).
PARTY_KINDS = frozenset({"person", "organisation", "country", "group"})
# The kinds a mention's label gives when coreference found no entity for it.
_LABEL_KINDS: dict[str, frozenset[str]] = {
    "PERSON": frozenset({"person"}),
    "ORG": frozenset({"organisation"}),
    "NORP": frozenset({"group"}),
    "GPE": frozenset({"country", "place"}),
    "LOC": frozenset({"place"}),
    "FAC": frozenset({"facility"}),
    "GROUP": frozenset({"group", "person"}),
}
# Unresolved pronouns that stand for people ("released them").
_PERSONAL_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "he", "she", "they", "we", "i"})
_NOUN_OBJECTS = frozenset({"poss", "compound"})


def object_candidates(trigger: Trigger, rule: ObjectRule | None) -> list[Token]:
    """The words that may head the trigger's object: a verb's direct object (or, in a passive,
    its subject; for a participle, the noun it modifies), a noun's *of* phrase, possessor or
    compound ("the release of the hostages", "the hostages' release", "prisoner release"), and
    the objects of the rule's prepositions ("talks [with] Iran")."""
    token = trigger.token
    found: list[Token]
    if trigger.is_verb:
        found = [c for c in children(token, frozenset({"dobj", "dative"})) if c not in trigger.tokens]
        if not found:
            found = children(token, PASSIVE_SUBJECTS)
        if not found and token.tag_ == "VBN" and token.dep_ == "acl":
            found = [token.head]  # "the hostages [released] on Monday"
        if not found and token.tag_ == "VBN" and token.dep_ == "advcl" and not children(token, SUBJECTS):
            found = children(token.head, SUBJECTS | PASSIVE_SUBJECTS)  # "[If convicted], Jones ..."
    else:
        found = [c for c in token.children if c.dep_ in _NOUN_OBJECTS and c not in trigger.tokens]
        found += prepositional(token, frozenset({"of"}))
    if rule is not None and rule.prepositions:
        for word in trigger.tokens:
            found += prepositional(word, rule.prepositions)
    return found


def _kinds(token: Token, index: MentionIndex) -> frozenset[str]:
    """The entity kinds ``token`` refers to (through its mention, or a named modifier)."""
    mention = index.by_token.get(token.i)
    if mention is not None:
        if mention.entity_id is not None and (entity := index.entity(mention.entity_id)) is not None:
            return frozenset({entity.kind})
        if mention.members:
            return frozenset(e.kind for m in mention.members if (e := index.entity(m)) is not None) or frozenset(
                {"group"}
            )
        if mention.label in _LABEL_KINDS:
            return _LABEL_KINDS[mention.label]
    if token.lower_ in _PERSONAL_PRONOUNS:
        return frozenset({"person"})
    return frozenset()


def _words(token: Token) -> set[str]:
    """The lemmas naming what ``token`` heads: itself and its adjective and noun modifiers."""
    words = {lemma(token), token.lower_}
    words.update(lemma(c) for c in token.children if c.dep_ in ("amod", "compound", "nmod"))
    return words


def _named_by(head: Token) -> list[Token]:
    """The words of a phrase that may name its side: the head, its conjuncts, the words before
    it ("the [Sudanese government] and SPLM/A"), and the *of* phrase of a quantity ("hundreds
    of [people]", "members of [parliament]")."""
    found = [head, *head.conjuncts, *head.lefts]
    found.extend(t for t in head.subtree if t.i < head.i)
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            found.extend(p for p in prep.children if p.dep_ == "pobj")
    return found


def object_matches(
    candidates: Iterable[Token], rule: ObjectRule, index: MentionIndex, sector_words: frozenset[str]
) -> bool:
    """Whether the object satisfies ``rule`` (no object satisfies it when it is not required).
    The kind ``group`` also takes a noun of a sector ("the protesters", "police")."""
    groups = sector_words if "group" in rule.kinds else frozenset()
    seen = False
    for candidate in candidates:
        for token in (candidate, *candidate.conjuncts):
            seen = True
            words = _words(token)
            if words & rule.words or words & groups or _kinds(token, index) & rule.kinds:
                return True
    return not seen and not rule.required


def has_party(tokens: Iterable[Token], ids: Iterable[str], index: MentionIndex, sector_words: frozenset[str]) -> bool:
    """Whether any of the argument ``tokens`` or resolved entity ``ids`` is a political party."""
    for identifier in ids:
        entity = index.entity(identifier)
        if entity is not None and entity.kind in PARTY_KINDS:
            return True
    for head in tokens:
        for token in _named_by(head):
            if _kinds(token, index) & PARTY_KINDS or _words(token) & sector_words:
                return True
            resolved = index.resolve([token]).ids
            if any((e := index.entity(i)) is not None and e.kind in PARTY_KINDS for i in resolved):
                return True
    return False
