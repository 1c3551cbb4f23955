"""The country coverage measure of ``newsgraph eval linking`` on hand-made entities."""

from __future__ import annotations

from newsgraph.eval.country_coverage import CountryCoverage, is_office
from newsgraph.model import Entity, Provenance, Title

OFFICES = frozenset({"senator", "foreign minister", "governor"})


def _entity(name: str, kind: str, country: str | None = None, titles: tuple[str, ...] = ()) -> Entity:
    return Entity(
        id=f"ent_{name}",
        name=name,
        kind=kind,
        provenance=Provenance(stage="test", stage_version="1"),
        titles=tuple(Title(title=t) for t in titles),
        country=country,
    )


def test_a_qualified_office_counts_as_the_office() -> None:
    assert is_office("Deputy Foreign Minister", OFFICES)
    assert is_office("Senator", OFFICES)
    assert not is_office("Chief Executive", OFFICES)
    assert not is_office("Foreign", OFFICES)


def test_shares_count_places_and_office_holders_only() -> None:
    entities = [
        _entity("Ohio", "place", "USA"),
        _entity("Noosa", "place"),
        _entity("Atlantic", "region"),  # a region has no country and is no place
        _entity("France", "country", "FRA"),
        _entity("Ann Smith", "person", "USA", ("Senator",)),
        _entity("Bo Lee", "person", None, ("Deputy Foreign Minister",)),
        _entity("Cy Dee", "person", None, ("Chief Executive",)),  # no office: not counted
        _entity("Acme", "organisation", None, ("Senator",)),  # not a person: not counted
    ]
    coverage = CountryCoverage.of(entities, OFFICES)
    assert (coverage.places, coverage.places_with_country) == (2, 1)
    assert (coverage.office_holders, coverage.office_holders_with_country) == (2, 1)
    assert coverage.as_dict()["place_country_share"] == 0.5
    assert coverage.as_dict()["office_holder_country_share"] == 0.5


def test_no_places_gives_no_share_rather_than_zero() -> None:
    coverage = CountryCoverage.of([_entity("Ann Smith", "person", "USA", ("Governor",))], OFFICES)
    assert coverage.place_share is None
    assert coverage.office_holder_share == 1.0
