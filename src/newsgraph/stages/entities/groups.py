"""Collective actors named by a common noun: "police arrested 71 protesters", "authorities
imposed a curfew", "troops entered the town". Event coders code them as a country and a sector
(PLOVER: SRB COP, HKG CVL); here each becomes a ``group`` entity of its country and sector noun
("Serbian police"), so events can name them as actor or recipient, and the same country's police
is one entity across the corpus.

A noun of ``groups.toml`` heading a noun phrase that no name covers becomes a mention (label
``SECTOR``) of that entity when its country is known: from a place in the phrase ("police in
Belgrade", "Hong Kong protesters"), else from a place its sentence names, else from the country
the article names most (armed forces only from their own phrase, "troops of Chad", since troops
"in Iraq" serve there). A phrase whose modifier names a country, people or organisation ("Russian
forces", "Iran's government") is left to that name: the side is the country itself. No country,
no entity: a "police" shared by every article would merge unrelated forces.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections import Counter
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from newsgraph.errors import ConfigError
from newsgraph.model import Analysis, Entity, Mention, content_id
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import StageContext
from newsgraph.stages.entities.kinds import entity_id
from newsgraph.stages.entities.lexicon import lexicons

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["GroupStage", "load_groups"]

#: Modifier and linking relations inside the noun phrase.
_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss"})
_LINKS = frozenset({"in", "of", "from"})
#: Kinds of a modifier's entity that make the side that entity itself ("Russian forces").
_NAMED_SIDES = frozenset({"country", "organisation", "group", "person"})


@cache
def load_groups() -> dict[str, str]:
    """The nouns naming a collective actor (lemma -> PLOVER sector code), from ``groups.toml``."""
    text = resources.files("newsgraph.ontology").joinpath("groups.toml").read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"newsgraph/ontology/groups.toml: {error}") from error
    found = {}
    for sector, nouns in data.get("groups", {}).items():
        if not isinstance(nouns, list):
            raise ConfigError(f"newsgraph/ontology/groups.toml: [groups] {sector} must be a list of nouns")
        for noun in nouns:
            found[str(noun).lower()] = str(sector)
    return found


@cache
def _adjectives() -> dict[str, str]:
    """ISO alpha-3 -> its adjective of nationality ("SRB" -> "Serbian"), the first form of
    ``demonyms.tsv``."""
    found: dict[str, str] = {}
    for form, code in lexicons().demonyms.items():
        found.setdefault(code, form)
    return found


class GroupStage:
    """Mentions and ``group`` entities for collective actors named by a sector noun."""

    name = "groups"
    version = "1"
    requires: tuple[str, ...] = ("mentions", "entities")
    produces: tuple[str, ...] = ("mentions", "entities")

    def __call__(self, context: StageContext) -> Analysis:
        analysis = context.analysis
        doc = context.doc
        groups = load_groups()
        entities = {e.id: e for e in analysis.entities}
        covered: dict[int, Mention] = {}
        for mention in analysis.mentions:
            span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
            for token in span or ():
                covered.setdefault(token.i, mention)
        countries = _document_countries(analysis, entities)
        added: list[Mention] = []
        new: dict[str, Entity] = {}
        for token in doc:
            if token.pos_ != "NOUN" or token.lemma_.lower() not in groups or token.i in covered:
                continue
            if token.dep_ == "compound" and token.head.lemma_.lower() in groups:
                continue  # "government [forces]": the head names the group
            if _named_side(token, covered, entities):
                continue
            sector = groups[token.lemma_.lower()]
            # Armed forces "in Iraq" are where they serve, not whose they are.
            links = _LINKS - {"in"} if sector == "MIL" else _LINKS
            country = _phrase_country(token, covered, entities, links)
            if country is None and sector != "MIL":
                country = _sentence_country(token.sent, covered, entities)
            country = country or (countries[0] if countries else None)
            if country is None:
                continue
            identifier = entity_id("group", f"{sector}:{token.lemma_.lower()}:{country}")
            if identifier not in entities and identifier not in new:
                adjective = _adjectives().get(country, country)
                new[identifier] = Entity(
                    id=identifier,
                    name=f"{adjective.title()} {_plural(token.lemma_.lower())}",
                    kind="group",
                    provenance=context.provenance(),
                    country=country,
                )
            start, end = _phrase(token, covered)
            words = context.span(doc[start].idx, doc[end].idx + len(doc[end].text))
            added.append(
                Mention(
                    id=content_id("men", context.document_id, words.start, words.end, "SECTOR"),
                    document_id=context.document_id,
                    span=words,
                    label="SECTOR",
                    provenance=context.provenance(evidence=(words,)),
                    entity_id=identifier,
                )
            )
        if not added:
            return analysis
        mentions = sorted((*analysis.mentions, *added), key=lambda m: (m.span.start, -m.span.end))
        return dataclasses.replace(analysis, mentions=tuple(mentions), entities=(*analysis.entities, *new.values()))


#: Sector nouns that name a body, not its members: no plural in a group's name.
_BODIES = frozenset(
    {"police", "military", "army", "navy", "government", "administration", "regime", "cabinet", "parliament",
     "congress", "senate", "legislature", "opposition", "prosecution", "court", "militia", "gendarmerie", "ministry"}
)  # fmt: skip


def _plural(noun: str) -> str:
    """ "protester" -> "protesters", "authority" -> "authorities", "policeman" -> "policemen"."""
    if noun in _BODIES or noun.endswith("men"):
        return noun
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _entity_of(token: Token, covered: dict[int, Mention], entities: dict[str, Entity]) -> Entity | None:
    mention = covered.get(token.i)
    if mention is None or mention.entity_id is None:
        return None
    return entities.get(mention.entity_id)


def _named_side(token: Token, covered: dict[int, Mention], entities: dict[str, Entity]) -> bool:
    """Whether a modifier names the side itself: a country, people, organisation or person."""
    for child in token.children:
        if child.dep_ not in _MODIFIERS:
            continue
        entity = _entity_of(child, covered, entities)
        if entity is not None and entity.kind in _NAMED_SIDES:
            return True
        mention = covered.get(child.i)
        if mention is not None and mention.entity_id is None and mention.label in ("NORP", "ORG", "PERSON"):
            return True
    return False


def _place_country(entity: Entity | None) -> str | None:
    if entity is None:
        return None
    return entity.country if entity.kind in ("place", "country", "facility") else None


def _phrase_country(
    token: Token, covered: dict[int, Mention], entities: dict[str, Entity], links: frozenset[str] = _LINKS
) -> str | None:
    """The country of a place in the phrase: "[Belgrade] police", "protesters in [Hong Kong]"."""
    for child in token.children:
        if child.dep_ in _MODIFIERS and (code := _place_country(_entity_of(child, covered, entities))):
            return code
        if child.dep_ == "prep" and child.lower_ in links:
            for obj in child.children:
                if obj.dep_ == "pobj" and (code := _place_country(_entity_of(obj, covered, entities))):
                    return code
    return None


def _sentence_country(sentence: Span, covered: dict[int, Mention], entities: dict[str, Entity]) -> str | None:
    """The country of the first place its sentence names."""
    for token in sentence:
        code = _place_country(_entity_of(token, covered, entities))
        if code is not None:
            return code
    return None


def _document_countries(analysis: Analysis, entities: dict[str, Entity]) -> list[str]:
    """The countries the article's places name, most named first (at least twice)."""
    counts: Counter[str] = Counter()
    for mention in analysis.mentions:
        entity = entities.get(mention.entity_id) if mention.entity_id else None
        if entity is not None and entity.kind in ("place", "country") and entity.country:
            counts[entity.country] += 1
    return [code for code, n in counts.most_common() if n >= 2]


def _phrase(token: Token, covered: dict[int, Mention]) -> tuple[int, int]:
    """The words of the group's noun phrase: its modifiers before it and the noun."""
    start = token.i
    for child in token.lefts:
        if child.dep_ in ("amod", "compound", "nmod") and child.i not in covered:
            start = min(start, child.i)
    return start, token.i


@register("newsgraph.groups.v1")
def _group_stage() -> GroupStage:
    return GroupStage()
