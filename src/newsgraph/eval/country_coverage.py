"""How many places and office-holders have a country: the entity stage's country recall.

There is no gold for countries on a plain corpus, but two shares say how often a country that
is plain is missing: of ``place`` entities (a city, state or region is always in a country),
and of ``person`` entities with a title naming a public office of a country ("Vice President",
"Senator", "Foreign Minister"), which is held in exactly one. Precision is checked apart, by
reading a sample of the countries given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsgraph.model import Entity

__all__ = ["CountryCoverage", "is_office"]


def is_office(title: str, offices: frozenset[str]) -> bool:
    """Whether ``title`` ("Deputy Foreign Minister", "Senator") ends in one of ``offices``
    (lower case), so qualified forms of an office count as the office."""
    words = title.lower().split()
    return any(" ".join(words[i:]) in offices for i in range(len(words)))


@dataclass(frozen=True, slots=True, kw_only=True)
class CountryCoverage:
    """Counts of place entities and office-holding person entities, and how many have a country."""

    places: int = 0
    places_with_country: int = 0
    office_holders: int = 0
    office_holders_with_country: int = 0

    @classmethod
    def of(cls, entities: Iterable[Entity], offices: frozenset[str]) -> CountryCoverage:
        places = with_country = holders = holders_with = 0
        for entity in entities:
            if entity.kind == "place":
                places += 1
                with_country += entity.country is not None
            elif entity.kind == "person" and any(is_office(t.title, offices) for t in entity.titles):
                holders += 1
                holders_with += entity.country is not None
        return cls(
            places=places,
            places_with_country=with_country,
            office_holders=holders,
            office_holders_with_country=holders_with,
        )

    @property
    def place_share(self) -> float | None:
        return self.places_with_country / self.places if self.places else None

    @property
    def office_holder_share(self) -> float | None:
        return self.office_holders_with_country / self.office_holders if self.office_holders else None

    def as_dict(self) -> dict[str, int | float | None]:
        share = self.place_share
        holder_share = self.office_holder_share
        return {
            "places": self.places,
            "places_with_country": self.places_with_country,
            "place_country_share": round(share, 4) if share is not None else None,
            "office_holders": self.office_holders,
            "office_holders_with_country": self.office_holders_with_country,
            "office_holder_country_share": round(holder_share, 4) if holder_share is not None else None,
        }
