"""What a name is: its kind, canonical name, country and the key that makes its id.

Kinds are ``person``, ``organisation``, ``country``, ``place``, ``facility``, ``project``,
``event`` and ``group``. A country is keyed by its ISO 3166 alpha-3 code, so "Russia", "the
Russian Federation" and the demonym "Russian" are one entity; seats of power ("the Kremlin") are
organisations of their country; other names are keyed by kind and normalised name, so the same
name in two documents gets the same id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.model import content_id, normalise_text
from newsgraph.stages.entities.countries import (
    canonical_country_name,
    country_code,
    demonym_code,
    fuzzy_country_code,
    leading_country,
    place,
)
from newsgraph.stages.entities.lexicon import lexicons

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["KINDS", "Identity", "entity_id", "identify"]

KINDS = ("person", "organisation", "country", "place", "facility", "project", "event", "group")

_LABEL_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "facility",
    "EVENT": "event",
    "PRODUCT": "project",
    "WORK_OF_ART": "project",
    "LAW": "event",
    "NORP": "group",
}
# How far after a name to look for the noun that says what it is ("Power of Siberia 2 gas
# pipeline project": two words).
_HEAD_WINDOW = 3


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
        if kind is not None and token.pos_ == "NOUN":
            return kind
    return None


def identify(doc: Doc, start: int, end: int, label: str, countries: frozenset[str] = frozenset()) -> Identity | None:
    """The identity of the name in tokens ``[start, end)`` labelled ``label``; None for names
    that are no entity (languages). ``countries`` are those the document names (to choose
    between places of the same name)."""
    text = doc[start:end].text
    if label == "LANGUAGE":
        return None
    metonym = lexicons().metonyms.get(text.lower())
    if metonym is not None:
        name = metonym[0]
        return Identity(kind="organisation", key=normalise_text(name), name=name, country=metonym[1])
    if label in ("GPE", "LOC", "NORP", "ORG"):
        code = country_code(text) or (demonym_code(text) if label == "NORP" else None)
        if code is None and end - start == 1:
            code = fuzzy_country_code(text)  # "Ethopia", "Phillippines": misspelled in the source
        if code is not None:
            return Identity(kind="country", key=code, name=canonical_country_name(code), country=code)
    kind = _LABEL_KINDS.get(label, "organisation")
    if label in ("ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "GPE", "LOC"):
        kind = _head_kind(doc, end) or kind
    name = text
    if label == "PERSON":
        name = " ".join(text.split())
        # A head of state or government named bare ("Putin said") belongs to their country.
        leader = lexicons().leaders.get(name.lower())
        if leader is not None and kind == "person":
            return Identity(kind=kind, key=normalise_text(name), name=name, country=leader)
    if kind == "place" and label == "GPE":
        found = place(text, countries)
        if found is not None:
            return Identity(
                kind="place",
                key=normalise_text(f"{found.name} {found.country or ''}"),
                name=found.name,
                country=found.country,
                latitude=found.latitude,
                longitude=found.longitude,
            )
    country = None
    if kind in ("organisation", "group") and label in ("ORG", "NORP"):
        country = _organisation_country(doc, start, end)
    return Identity(kind=kind, key=normalise_text(name), name=name, country=country)


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
