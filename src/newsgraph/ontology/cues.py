"""Modality cues (``modality.toml``) and actor sector codes (``sectors.toml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsgraph.errors import ConfigError
from newsgraph.ontology.plover import read_toml

__all__ = ["Cues", "Sectors", "load_cues", "load_sectors"]

_CUE_LISTS = (
    "negation",
    "future_auxiliaries",
    "future_governors",
    "hypothetical_auxiliaries",
    "conditional_marks",
    "obligation_auxiliaries",
    "transparent_verbs",
    "reporting_verbs",
    "adjectival_participles",
    "accused_types",
)


@dataclass(frozen=True, slots=True)
class Cues:
    """Word lists (lower-case lemmas) that set an event's modality; see ``modality.toml``."""

    negation: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    conditional_marks: frozenset[str]
    obligation_auxiliaries: frozenset[str]
    transparent_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    adjectival_participles: frozenset[str]
    accused_types: frozenset[str]


@dataclass(frozen=True, slots=True)
class Sectors:
    """Sector codes in priority order, each with its words and titles."""

    codes: tuple[tuple[str, frozenset[str], frozenset[str]], ...]

    @property
    def words(self) -> frozenset[str]:
        """Every word that names a sector: a side named so is a political party ("police")."""
        return frozenset(w for _, code_words, _ in self.codes for w in code_words)

    def for_words(self, words: set[str], titles: set[str]) -> str | None:
        """The first sector whose words or titles meet ``words`` (lemmas) or ``titles``."""
        for code, code_words, code_titles in self.codes:
            if words & code_words or titles & code_titles:
                return code
        return None


@cache
def load_cues() -> Cues:
    data = read_toml("modality.toml")
    missing = [name for name in _CUE_LISTS if not isinstance(data.get(name), list)]
    if missing:
        raise ConfigError(f"newsgraph/ontology/modality.toml: missing list(s) {', '.join(missing)}")
    lists = {name: frozenset(str(w).lower() for w in data[name]) for name in _CUE_LISTS}
    lists["accused_types"] = frozenset(str(w).upper() for w in data["accused_types"])
    return Cues(**lists)


@cache
def load_sectors() -> Sectors:
    data = read_toml("sectors.toml").get("sectors", {})
    codes = tuple(
        (
            code,
            frozenset(str(w).lower() for w in table.get("words", ())),
            frozenset(str(t).lower() for t in table.get("titles", ())),
        )
        for code, table in data.items()
    )
    return Sectors(codes)
