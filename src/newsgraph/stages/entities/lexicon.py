"""The lexicons behind the entity rules, read once from the data files beside this module.

They are data, not code, so a user extends them by editing ``data/*.tsv`` (see each file's
header). Keys are lower case; lookups lower-case their input.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources

__all__ = ["Lexicons", "lexicons"]


def _rows(name: str) -> list[list[str]]:
    text = resources.files("newsgraph.stages.entities").joinpath("data").joinpath(name).read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@dataclass(frozen=True, slots=True)
class Lexicons:
    """Every lexicon, keyed by lower-cased words."""

    country_names: dict[str, str]  # name or alias -> ISO alpha-3
    canonical_country: dict[str, str]  # ISO alpha-3 -> preferred name
    demonyms: dict[str, str]  # "chinese" -> CHN
    metonyms: dict[str, tuple[str, str]]  # "kremlin" -> ("Kremlin", RUS)
    titles: frozenset[str]  # "president", "prime minister", ...
    honorifics: frozenset[str]  # "mr", "dr", ...: strip, but they are no role
    title_words: int  # the longest title, in words
    nominals: dict[str, str]  # "leader" -> person, "company" -> organisation
    groups: dict[str, str]  # "leaders" -> person
    heads: dict[str, str]  # "day" -> event, "pipeline" -> project
    offices: frozenset[str] = frozenset()  # titles naming an office of a country: "senator"
    leaders: dict[str, str] = field(default_factory=dict)  # "vladimir putin", "putin" -> RUS
    organisations: dict[str, str] = field(default_factory=dict)  # "hezbollah" -> LBN
    divisions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "DE-BY" -> ("Bavaria",)
    regions: dict[str, str] = field(default_factory=dict)  # "mideast" -> "Middle East"
    parties: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (name, ISO alpha-3, forms)
    instruments: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # "dow" -> (name, USA)
    phrases: frozenset[str] = frozenset()  # "american dream": capitalised, but no entity


@functools.cache
def lexicons() -> Lexicons:
    country_names: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for code, name, *rest in _rows("countries.tsv"):
        canonical[code] = name
        for alias in [name, *(rest[0].split("|") if rest else [])]:
            country_names[alias.lower()] = code
    demonyms = {form.lower(): code for code, forms in _rows("demonyms.tsv") for form in forms.split("|")}
    metonyms: dict[str, tuple[str, str]] = {}
    for name, code, *rest in _rows("metonyms.tsv"):
        for alias in [name, *(rest[0].split("|") if rest else [])]:
            metonyms[alias.lower()] = (name, code)
    titles: set[str] = set()
    honorifics: set[str] = set()
    offices: set[str] = set()
    for (entry,) in _rows("titles.txt"):
        word, _, mark = entry.partition("|")
        (honorifics if mark == "honorific" else titles).add(word)
        if mark == "office":
            offices.add(word)
    leaders: dict[str, str] = {}
    for name, code, _office, _years, *rest in _rows("leaders.tsv"):
        for alias in [name, *(rest[0].split("|") if rest and rest[0] else [])]:
            leaders[alias.lower()] = code
    organisations: dict[str, str] = {}
    for name, code, *rest in _rows("organisations.tsv"):
        for alias in [name, *(rest[0].split("|") if rest and rest[0] else [])]:
            organisations[alias.lower()] = code
    divisions = {
        code: (name, *(rest[0].split("|") if rest and rest[0] else [])) for code, name, *rest in _rows("divisions.tsv")
    }
    regions = {
        alias.lower(): name
        for name, *rest in _rows("regions.tsv")
        for alias in [name, *(rest[0].split("|") if rest and rest[0] else [])]
    }
    parties = tuple((name, code, tuple(forms.split("|"))) for name, code, forms in _rows("parties.tsv"))
    instruments: dict[str, tuple[str, str | None]] = {}
    for name, code, *rest in _rows("instruments.tsv"):
        for alias in [name, *(rest[0].split("|") if rest and rest[0] else [])]:
            instruments[alias.lower()] = (name, code if code != "-" else None)
    return Lexicons(
        country_names=country_names,
        canonical_country=canonical,
        demonyms=demonyms,
        metonyms=metonyms,
        titles=frozenset(titles),
        honorifics=frozenset(honorifics),
        offices=frozenset(offices),
        title_words=max(len(t.split()) for t in titles | honorifics),
        nominals={head: kind for head, kind in _rows("nominals.tsv")},
        groups={head: kind for head, kind in _rows("groups.tsv")},
        heads={head: kind for head, kind in _rows("heads.tsv")},
        leaders=leaders,
        organisations=organisations,
        divisions=divisions,
        regions=regions,
        parties=parties,
        instruments=instruments,
        phrases=frozenset(entry.lower() for (entry,) in _rows("phrases.txt")),
    )
