"""Who did it, to whom, where: the event's arguments read off the dependency parse and
resolved through the mentions to canonical entities.

Actors are the subject of the trigger's clause (the ``by`` phrase of a passive, "was attacked by
militiamen"; the subject of a light verb, "Russia declared a ceasefire"; a noun's possessor or
national adjective, "Xi's visit", "Russian forces"); coordinated subjects give several actors
("Xi and Putin"). Recipients are the object, the indirect object, or the object of a preposition
such as *with*, *to*, *against*, *on*. The place is the object of *in*/*at* that names a place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsgraph.model import Entity, Mention
from newsgraph.stages.entities.countries import demonym_code
from newsgraph.stages.entities.lexicon import lexicons

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Argument", "MentionIndex", "Resolved"]

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
#: Prepositions whose object is the other party of an event.
RECIPIENT_PREPOSITIONS = frozenset({"with", "to", "against", "on", "toward", "towards", "from", "for", "into", "upon"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside"})
PLACE_KINDS = frozenset({"place", "region", "country", "facility"})
# Modifiers through which a common noun names its side: "[Russian] forces", "[Xi's] visit",
# "leaders [of Romania]", "rebels [in Darfur]".
_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
_LINKING_PREPOSITIONS = frozenset({"of", "from", "in"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my"})
# "pro-Iranian Hezbollah", "anti-American protesters": the country named is not the side's own.
_STANCE_PREFIXES = frozenset({"pro", "anti"})


@dataclass(frozen=True, slots=True)
class Resolved:
    """An argument's entity ids (or, when no entity is known, the words of its mention)."""

    ids: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()
    first_person: bool = False
    country: str | None = None


@dataclass(slots=True)
class Argument:
    """The arguments gathered for one event."""

    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    place: Token | None = None


class MentionIndex:
    """Which mention covers each token, and what each entity is."""

    def __init__(self, doc: Doc, mentions: Iterable[Mention], entities: Iterable[Entity]) -> None:
        self.entities = {e.id: e for e in entities}
        self.by_token: dict[int, Mention] = {}
        self.named: set[int] = set()
        for mention in sorted(mentions, key=lambda m: m.span.end - m.span.start):
            span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.by_token.setdefault(token.i, mention)
                if mention.label not in ("PRON", "NOMINAL", "GROUP"):
                    self.named.add(token.i)
        self.countries = {e.country: e.id for e in self.entities.values() if e.kind == "country" and e.country}

    def mention_ids(self, mention: Mention) -> tuple[str, ...]:
        if mention.entity_id is not None:
            return (mention.entity_id,)
        if mention.members:
            return mention.members
        # No entity known yet: the words of the mention stand in for it.
        return (mention.span.text,)

    def entity(self, identifier: str) -> Entity | None:
        return self.entities.get(identifier)

    def resolve(self, heads: Iterable[Token]) -> Resolved:
        """The entities the noun phrases headed by ``heads`` (and their conjuncts) refer to."""
        ids: dict[str, None] = {}
        words: set[str] = set()
        first_person = False
        country = None
        for head in _with_conjuncts(heads):
            words.add(head.lemma_.lower())
            words.update(c.lemma_.lower() for c in head.children if c.dep_ in ("amod", "compound"))
            first_person |= head.lower_ in _FIRST_PERSON
            for identifier in self._resolve_one(head):
                ids.setdefault(identifier, None)
            country = country or self.country_of(head)
        return Resolved(tuple(ids), frozenset(words), first_person, country)

    def country_of(self, head: Token) -> str | None:
        """The country a phrase's side belongs to: its entity's country, else the first country
        named by a modifier ("[British] Defence Secretary Tom King", "rebels [in Darfur]")."""
        frontier = [head]
        for _ in range(4):
            following: list[Token] = []
            for token in frontier:
                if _stance(token):
                    continue
                mention = self.by_token.get(token.i)
                if mention is not None and mention.entity_id is not None:
                    entity = self.entities.get(mention.entity_id)
                    if entity is not None and entity.country:
                        return entity.country
                if mention is None and (code := _unrecognised_country(token)) is not None:
                    return code
                for child in token.children:
                    if child.dep_ in _MODIFIERS or (
                        child.dep_ in ("prep", "pobj", "appos")
                        and (child.dep_ != "prep" or child.lower_ in _LINKING_PREPOSITIONS)
                    ):
                        following.append(child)
            frontier = following
        return None

    def _resolve_one(self, head: Token) -> tuple[str, ...]:
        mention = self.by_token.get(head.i)
        if mention is not None:
            return self.mention_ids(mention)
        # A common noun: its side is named by a modifier ("Russian forces"), or by a linked
        # phrase ("leaders of Romania's new government", "security forces in Guinea").
        frontier = [head]
        for _ in range(3):
            following: list[Token] = []
            for token in frontier:
                for child in token.children:
                    linking = child.dep_ == "prep" and child.lower_ in _LINKING_PREPOSITIONS
                    if _stance(child):
                        continue
                    if child.dep_ in _MODIFIERS or linking or (child.dep_ == "pobj" and token.dep_ == "prep"):
                        found = self.by_token.get(child.i)
                        if found is not None:
                            return self.mention_ids(found)
                        following.append(child)
            frontier = following
        return ()

    def place_of(self, token: Token) -> str | None:
        """The entity id of the place ``token`` names, if it names one."""
        mention = self.by_token.get(token.i)
        if mention is None or mention.entity_id is None:
            return None
        entity = self.entities.get(mention.entity_id)
        if entity is None:
            return mention.entity_id if mention.label in ("GPE", "LOC", "FAC") else None
        return entity.id if entity.kind in PLACE_KINDS else None


def _stance(token: Token) -> bool:
    """Whether ``token`` is the country of a stance ("pro-[Iranian]", "anti-[American]")."""
    if token.lower_.split("-", 1)[0] in _STANCE_PREFIXES and "-" in token.text:
        return True
    i = token.i
    doc = token.doc
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in _STANCE_PREFIXES


def _unrecognised_country(token: Token) -> str | None:
    """The country of a word the name tagger missed: a capitalised nationality ("Fijian") or
    a known organisation named in one word ("Hizbollah")."""
    if not token.text[:1].isupper() or token.pos_ not in ("PROPN", "ADJ", "NOUN"):
        return None
    return demonym_code(token.text) or lexicons().organisations.get(token.lower_)


def _with_conjuncts(heads: Iterable[Token]) -> Iterator[Token]:
    seen: set[int] = set()
    for head in heads:
        for token in (head, *head.conjuncts):
            if token.i not in seen:
                seen.add(token.i)
                yield token


def children(token: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def agents(token: Token) -> list[Token]:
    """The objects of the ``by`` phrase of a passive verb."""
    return [p for a in token.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]


def prepositional(token: Token, prepositions: frozenset[str]) -> list[Token]:
    """Objects of ``token``'s prepositions among ``prepositions``."""
    found: list[Token] = []
    for prep in token.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in prepositions:
            found.extend(p for p in prep.children if p.dep_ == "pobj")
    return found
