"""Which place a place name in the text is, read from the words around it.

- "Atlanta, Georgia", "Marksville, Louisiana", "Koszalin, Poland": a place followed by a comma
  and a division or country is inside it (a town the gazetteer lacks still gets its country);
  and the "Georgia" after a Georgian city is the US state, not the country.
- "the state of Georgia", "Georgia's governor" in a story about a city of the state: the
  division, not the country of the same name.
- "South Africa's False Bay", "the Greek island of Samos": the country written before.
- "Southern District of New York", "northern Syria", "Eastern Europe": a part of a place is in
  its country; a part of a region is a region.
- Continents, oceans and world regions (``data/regions.tsv``, and names ending in "Ocean",
  "Sea", "Strait") are places no country holds: ``region``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.entities.countries import country_code, demonym_code
from newsgraph.stages.entities.lexicon import lexicons
from newsgraph.stages.entities.places import Place, candidates, key, place

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["compass_part", "container_after", "country_before", "division_reading", "locate", "region_name"]

_COMPASS = frozenset(
    {
        "north", "northern", "south", "southern", "east", "eastern", "west", "western", "central",
        "northeast", "northeastern", "northwest", "northwestern", "southeast", "southeastern",
        "southwest", "southwestern", "north-east", "north-eastern", "north-west", "north-western",
        "south-east", "south-eastern", "south-west", "south-western", "upper", "lower", "greater",
        "mid", "inner", "outer",
    }
)  # fmt: skip
# A place name this many tokens long at most is looked for around another.
_NAME_TOKENS = 4
# Words that say the name in front of them is a division: "the state of Georgia".
_DIVISION_NOUNS = frozenset({"state", "province", "region", "county", "territory", "prefecture", "oblast"})


def region_name(text: str) -> str | None:
    """The region a name is ("the Mideast" -> "Middle East"), or None."""
    lookup = key(text)
    found = lexicons().regions.get(lookup)
    if found is not None:
        return found
    words = lookup.split()
    if words and all(w in _COMPASS for w in words):
        return " ".join(text.split())  # "the West", "the far East": no one country's

    if len(words) > 1 and words[0] in _COMPASS and lexicons().regions.get(" ".join(words[1:])):
        return " ".join(text.split())  # "Eastern Europe" when the lexicon lacks it
    return None


def _country_place(code: str) -> Place:
    return Place(name=code, country=code, latitude=None, longitude=None, population=0)


def _container(doc: Doc, start: int, end: int, countries: frozenset[str]) -> Place | None:
    """The country or division that tokens ``[start, end)`` name, if they name one."""
    text = doc[start:end].text
    code = country_code(text)
    divisions = [p for p in candidates(text) if p.is_division]
    if code is not None:
        if divisions:
            return None  # "District of Georgia": the country or the US state
        return _country_place(code)
    # "Kitchener-Waterloo, Ontario": after a comma the name is the division even where a city
    # elsewhere has its name (Ontario, California).
    local = [p for p in divisions if p.country in countries] or divisions
    return local[0] if len({p.country for p in local}) == 1 else None


def container_after(doc: Doc, end: int, countries: frozenset[str]) -> Place | None:
    """ "Atlanta, Georgia": the division or country written after the name ending at ``end``."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    for size in range(_NAME_TOKENS, 0, -1):
        stop = end + 1 + size
        if stop > len(doc) or not doc[end + 1].text[:1].isupper():
            continue
        if stop < len(doc) and (doc[stop].text[:1].isupper() and doc[stop].pos_ == "PROPN"):
            continue  # only part of a longer name
        found = _container(doc, end + 1, stop, countries)
        if found is not None:
            return found
    return None


def _place_before(doc: Doc, start: int, countries: frozenset[str]) -> tuple[Place, ...]:
    """ "Atlanta, Georgia": the places the name before the comma at ``start - 1`` can be."""
    if start < 2 or doc[start - 1].text != ",":
        return ()
    for size in range(min(_NAME_TOKENS, start - 1), 0, -1):
        begin = start - 1 - size
        if begin > 0 and doc[begin - 1].text[:1].isupper() and doc[begin - 1].pos_ == "PROPN":
            continue
        found = candidates(doc[begin : start - 1].text)
        if found:
            return found
    return ()


def division_reading(doc: Doc, start: int, end: int, countries: frozenset[str], cities: frozenset[str]) -> Place | None:
    """The division a country's name is here, when the text says so: "Atlanta, Georgia", "the
    state of Georgia", or a document naming a city of the division (``cities``: the divisions of
    the cities it names) and never the country's own demonym or capital."""
    divisions = [p for p in candidates(doc[start:end].text) if p.is_division]
    if not divisions:
        return None
    before = _place_before(doc, start, countries)
    inside = [d for d in divisions if any(_contains(d, p) for p in before)]
    if len(inside) == 1:
        return inside[0]
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _DIVISION_NOUNS:
        return divisions[0] if len(divisions) == 1 else None
    named = [d for d in divisions if d.division in cities]
    return named[0] if len(named) == 1 else None


def _contains(outer: Place, inner: Place) -> bool:
    if inner.is_division or inner.country != outer.country:
        return False
    return inner.division == outer.division if inner.division else False


def compass_part(doc: Doc, start: int, end: int, countries: frozenset[str]) -> Place | None:
    """ "northern Syria", "Southern California", "Southern District of New York": a part of a
    country or division, in its country (``Place.name`` is the text as written)."""
    words = doc[start:end]
    text = " ".join(words.text.split())
    inner: Place | None = None
    if len(words) > 1 and words[0].lower_ in _COMPASS:
        rest = doc[start + 1 : end].text
        code = country_code(rest)
        inner = _country_place(code) if code else place(rest, countries)
    if (
        inner is None
        and end + 1 < len(doc)
        and doc[end].lower_ == "of"
        and words[-1].lower_ in ("district", "region", "part")
    ):
        for size in range(_NAME_TOKENS, 0, -1):
            if end + 1 + size <= len(doc) and (inner := _container(doc, end + 1, end + 1 + size, countries)):
                break
    if inner is None or inner.country is None:
        return None
    return Place(name=text, country=inner.country, latitude=None, longitude=None, population=0)


# Nouns for a place in "the Greek island of Samos", "Tonga's capital, Nukuʻalofa".
_PLACE_NOUNS = frozenset(
    {
        "island", "islands", "city", "town", "village", "province", "region", "state", "territory",
        "district", "county", "capital", "port", "area", "resort", "archipelago", "peninsula",
    }
)  # fmt: skip


def country_before(doc: Doc, start: int) -> str | None:
    """ "South Africa's False Bay", "the Spanish island of Majorca", "Tonga's capital,
    Nukuʻalofa", "Afghanistan's Maidan Wardak province": the country the words before the
    name at ``start`` put it in."""
    i = start
    if i >= 1 and doc[i - 1].text == ",":
        i -= 1  # "Tonga's capital, Nukuʻalofa"
    if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _PLACE_NOUNS:
        i -= 2  # "the Greek island of Samos"
    elif i >= 1 and doc[i - 1].lower_ in _PLACE_NOUNS:
        i -= 1
    elif i == start - 1:
        return None
    if i >= 2 and doc[i - 1].text in ("'s", "’s"):
        for size in (3, 2, 1):
            if i - 1 - size >= 0 and (code := country_code(doc[i - 1 - size : i - 1].text)):
                return code
        return None
    if i < start and i >= 1:
        for size in (2, 1):
            if i - size >= 0 and (code := demonym_code(doc[i - size : i].text)):
                return code
    return None


def locate(doc: Doc, start: int, end: int, countries: frozenset[str]) -> Place | None:
    """The place tokens ``[start, end)`` name, using the container written after them or the
    country written before them."""
    text = doc[start:end].text
    code = country_before(doc, start)
    if code is not None:
        found = place(text, frozenset({code}))
        if found is not None and found.country == code:
            return found
        if not candidates(text) or found is None:
            return Place(name=" ".join(text.split()), country=code, latitude=None, longitude=None, population=0)
    within = container_after(doc, end, countries)
    if within is not None:
        found = place(text, countries, within)
        if found is not None:
            return found
        if not candidates(text):
            # A town the gazetteer lacks, in the place the text puts it.
            return Place(
                name=" ".join(text.split()), country=within.country, latitude=None, longitude=None, population=0
            )
    return place(text, countries) or compass_part(doc, start, end, countries)
