"""What a name is: its kind, canonical name, country and the key that makes its id.

Kinds are ``person``, ``organisation``, ``country``, ``place`` (a city, division or smaller
place, in its country), ``region`` (a place no one country holds: a continent, an ocean, the
Middle East), ``facility`` (buildings and landmarks: "the Capitol", an airport), ``project``,
``product``, ``instrument`` (stock indexes and currencies, ``data/instruments.tsv``), ``event``
and ``group``. A country is keyed by its ISO 3166 alpha-3 code, so "Russia", "the Russian
Federation" and the demonym "Russian" are one entity; seats of power ("the Kremlin", "the White
House") stay organisations of their country, because news uses them for the government far more
often than for the building; other names are keyed by kind and normalised name, so the same
name in two documents gets the same id. Some names are no entity: languages, set phrases
(``data/phrases.txt``: "the American Dream"), names made adjectives ("Great Depression-era"),
and party adjectives that stand in front of no people or institution (``parties``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.model import content_id, normalise_text
from newsgraph.ontology.lexicon import ENTITY_KINDS
from newsgraph.stages.entities.countries import (
    canonical_country_name,
    country_code,
    demonym_code,
    fuzzy_country_code,
    leading_country,
)
from newsgraph.stages.entities.lexicon import lexicons
from newsgraph.stages.entities.locations import division_reading, locate, region_name
from newsgraph.stages.entities.parties import is_party_form, party_at
from newsgraph.stages.entities.places import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["KINDS", "Identity", "entity_id", "identify"]

# One list of kinds: the trigger lexicons' object rules name the same kinds this stage gives.
KINDS = ENTITY_KINDS

_LABEL_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "facility",
    "EVENT": "event",
    "PRODUCT": "product",
    "WORK_OF_ART": "project",
    "LAW": "event",
    "NORP": "group",
}
# How far after a name to look for the noun that says what it is ("Power of Siberia 2 gas
# pipeline project": two words).
_HEAD_WINDOW = 3
# A noun after a name that makes the name an organisation names another thing ("Belgrade
# police", "a Texas court"): only as the name's own last word does it say what the name is.
_NAME_ONLY_KINDS = frozenset({"organisation"})
_PARTY_STATE = re.compile(r"^[DRI]-[A-Z]")
# "Great Depression-era", "Soviet-style": a name turned into an adjective is no entity.
_ADJECTIVE_SUFFIXES = frozenset({"era", "style", "esque", "like", "type", "inspired", "themed"})


@dataclass(frozen=True, slots=True)
class Identity:
    """What one name mention is: ``key`` identifies the real-world thing within its kind."""

    kind: str
    key: str
    name: str
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None


def entity_id(kind: str, key: str) -> str:
    """The content-derived id of the entity of ``kind`` identified by ``key``."""
    return content_id("ent", kind, key)


def _head_kind(doc: Doc, end: int) -> str | None:
    heads = lexicons().heads
    last = doc[end - 1].lower_
    if last in heads:
        return heads[last]
    for token in doc[end : end + _HEAD_WINDOW]:
        if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP"):
            return None
        kind = heads.get(token.lower_)
        if kind is not None and token.pos_ == "NOUN" and kind not in _NAME_ONLY_KINDS:
            return kind
    return None


def _lead_kind(doc: Doc, start: int, end: int) -> str | None:
    # "Gulf of Mexico", "Strait of Hormuz": the head noun comes first.
    if end - start > 2 and doc[start + 1].lower_ == "of":
        return lexicons().heads.get(doc[start].lower_)
    return None


def _place_identity(found: Place) -> Identity:
    return Identity(
        kind="place",
        key=normalise_text(f"{found.name} {found.country or ''}"),
        name=found.name,
        country=found.country,
        latitude=found.latitude,
        longitude=found.longitude,
    )


def identify(
    doc: Doc,
    start: int,
    end: int,
    label: str,
    countries: frozenset[str] = frozenset(),
    cities: frozenset[str] = frozenset(),
    main: str | None = None,
) -> Identity | None:
    """The identity of the name in tokens ``[start, end)`` labelled ``label``; None for names
    that are no entity (languages, adjectives, set phrases). ``countries`` are those the
    document names and ``cities`` the divisions of the cities it names (to choose between
    places of the same name); ``main`` is the country most of them are (a party word is the
    party of that country)."""
    text = doc[start:end].text
    lex = lexicons()
    if label == "LANGUAGE" or _is_adjective(doc, start, end) or " ".join(text.split()).lower() in lex.phrases:
        return None
    if _PARTY_STATE.match(text):
        return None  # "(D-Ohio)": a senator's party and state, read by the title rules
    metonym = lex.metonyms.get(text.lower())
    if metonym is not None:
        name = metonym[0]
        return Identity(kind="organisation", key=normalise_text(name), name=name, country=metonym[1])
    instrument = lex.instruments.get(" ".join(text.split()).lower().removeprefix("the "))
    if instrument is not None:
        return Identity(kind="instrument", key=normalise_text(instrument[0]), name=instrument[0], country=instrument[1])
    if label in ("NORP", "ORG", "GPE") and is_party_form(text):
        party = party_at(doc, start, end, main)
        if party is False:
            return None
        if isinstance(party, tuple):
            return Identity(kind="organisation", key=normalise_text(party[0]), name=party[0], country=party[1])
    if label in ("GPE", "LOC", "NORP", "ORG"):
        code = country_code(text) or (demonym_code(text) if label == "NORP" else None)
        if code is None and end - start == 1:
            code = fuzzy_country_code(text)  # "Ethopia", "Phillippines": misspelled in the source
        if code is not None and label in ("GPE", "LOC"):
            division = division_reading(doc, start, end, countries, cities)
            if division is not None:
                return _place_identity(division)  # "Atlanta, Georgia"
        if code is not None:
            return Identity(kind="country", key=code, name=canonical_country_name(code), country=code)
    if label in ("GPE", "LOC") and (region := region_name(text)) is not None:
        return Identity(kind="region", key=normalise_text(region), name=region)
    kind = _LABEL_KINDS.get(label, "organisation")
    if label in ("ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "GPE", "LOC"):
        kind = _lead_kind(doc, start, end) or _head_kind(doc, end) or kind
    if label in ("GPE", "LOC"):
        kind = _described_kind(doc, start) or kind
    name = text
    if label == "PERSON":
        name = " ".join(text.split())
        # A head of state or government named bare ("Putin said") belongs to their country.
        leader = lexicons().leaders.get(name.lower())
        if leader is not None and kind == "person":
            return Identity(kind=kind, key=normalise_text(name), name=name, country=leader)
    if kind == "place" and label in ("GPE", "LOC"):
        found = locate(doc, start, end, countries)
        if found is not None:
            return _place_identity(found)
    country = None
    if kind in ("organisation", "group", "facility") and label in ("ORG", "NORP", "GPE", "FAC", "LOC"):
        country = _organisation_country(doc, start, end)
    return Identity(kind=kind, key=normalise_text(name), name=name, country=country)


# Nouns written right before a name that say it is no place: "the energy company Burisma",
# "the activist group Greenpeace", "his wife Melania".
_DESCRIBING_NOUNS = {
    "company": "organisation",
    "firm": "organisation",
    "group": "organisation",
    "organisation": "organisation",
    "organization": "organisation",
    "agency": "organisation",
    "airline": "organisation",
    "carrier": "organisation",
    "bloc": "organisation",
    "startup": "organisation",
    "website": "organisation",
    "newspaper": "organisation",
    "party": "organisation",
    "wife": "person",
    "husband": "person",
    "son": "person",
    "daughter": "person",
    "brother": "person",
    "sister": "person",
    "mother": "person",
    "father": "person",
}


def _described_kind(doc: Doc, start: int) -> str | None:
    """The kind the common noun just before a name gives it ("the company Burisma")."""
    if start == 0:
        return None
    token = doc[start - 1]
    return _DESCRIBING_NOUNS.get(token.lower_) if token.pos_ == "NOUN" else None


def _is_adjective(doc: Doc, start: int, end: int) -> bool:
    """ "Great Depression-era", "Soviet-style": the name is part of an adjective."""
    if end - start >= 3 and doc[end - 2].text == "-" and doc[end - 1].lower_ in _ADJECTIVE_SUFFIXES:
        return True
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in _ADJECTIVE_SUFFIXES


def _organisation_country(doc: Doc, start: int, end: int) -> str | None:
    """The country of an organisation or group the name alone tells: a known organisation
    ("Hezbollah", "the PKK"), or a name led by a nationality or country ("Latvian
    Constitutional Court", "Iraqi Kurdistan Democratic Party", "Bosnian Serbs")."""
    words = [t.text for t in doc[start:end] if not t.is_punct or t.text in ("'", "-")]
    if words and words[0].lower() == "the":
        words = words[1:]
    text = doc[start:end].text
    known = lexicons().organisations
    code = known.get(text.lower()) or known.get(text.lower().removeprefix("the "))
    return code or (leading_country(words) if len(words) > 1 else None)
