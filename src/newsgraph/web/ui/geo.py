"""Map data as the map tables need it: world-atlas names countries by ISO 3166 numeric code
(``"643"``), the store by alpha-3 (``RUS``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

import pycountry

from newsgraph.query.aggregate import MapData

__all__ = ["MapView", "Place", "country_name", "map_view", "numeric_code"]


@cache
def numeric_code(alpha3: str) -> str | None:
    """``RUS`` -> ``"643"`` as world-atlas spells ids (no leading zeros lost: ``"004"``)."""
    country = pycountry.countries.get(alpha_3=alpha3)
    return None if country is None else str(country.numeric)


@cache
def country_name(alpha3: str) -> str:
    country = pycountry.countries.get(alpha_3=alpha3)
    return alpha3 if country is None else str(getattr(country, "common_name", None) or country.name)


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A place with coordinates and how many matching events happened there."""

    id: str
    name: str
    latitude: float
    longitude: float
    events: int


@dataclass(frozen=True, slots=True, kw_only=True)
class MapView:
    countries: tuple[tuple[str, str, str | None, int], ...]  # (alpha-3, name, numeric, events)
    places: tuple[Place, ...]
    total: int
    unplaced: int
    country_only: int


def map_view(data: MapData) -> MapView:
    """Countries by event count and point places (events at one place grouped into one dot)."""
    countries = tuple((c.country, country_name(c.country), numeric_code(c.country), c.events) for c in data.countries)
    per_place: Counter[str] = Counter()
    where: dict[str, tuple[str, float, float]] = {}
    for point in data.points:
        if point.precision == "point" and point.latitude is not None and point.longitude is not None:
            per_place[point.place_id] += 1
            where[point.place_id] = (point.place_name, point.latitude, point.longitude)
    places = tuple(
        Place(id=pid, name=where[pid][0], latitude=where[pid][1], longitude=where[pid][2], events=n)
        for pid, n in per_place.most_common()
    )
    country_only = sum(1 for p in data.points if p.precision != "point")
    return MapView(
        countries=countries, places=places, total=data.total, unplaced=data.unplaced, country_only=country_only
    )
