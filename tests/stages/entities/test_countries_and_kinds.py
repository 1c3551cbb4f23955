"""Issue 15, countries and kinds: places and office-holders in their country, facilities,
phrases that are no entity, party adjectives and financial instruments. Sentences written for
these tests."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from newsgraph.model import Analysis, Document, Entity
from newsgraph.ontology.lexicon import ENTITY_KINDS
from newsgraph.stages.entities.kinds import KINDS
from newsgraph.stages.entities.places import place

pytestmark = pytest.mark.model


def analyse(pipeline, text: str) -> Analysis:  # type: ignore[no-untyped-def]
    return pipeline.analyse(Document.create(text=text, published="2025-05-08"))


def entity(analysis: Analysis, name: str) -> Entity:
    [found] = [e for e in analysis.entities if e.name == name]
    return found


def test_a_us_state_is_a_place_in_the_united_states(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "Heavy snow closed schools across Vermont and New Hampshire on Tuesday.")
    vermont = entity(analysis, "Vermont")
    assert (vermont.kind, vermont.country) == ("place", "USA")


def test_a_city_written_with_its_division_is_in_that_division(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "The mayor spoke in Atlanta, Georgia, before flying to Marksville, Louisiana.")
    assert entity(analysis, "Georgia").country == "USA"  # the state, not the country
    assert entity(analysis, "Georgia").kind == "place"
    atlanta = entity(analysis, "Atlanta")
    assert atlanta.country == "USA" and atlanta.latitude is not None
    # A town the gazetteer lacks still gets the country of the division written after it.
    assert entity(analysis, "Marksville").country == "USA"


def test_a_name_of_places_in_two_countries_needs_the_document_to_choose() -> None:
    assert place("Montana") is None  # the US state or the Bulgarian town: the name alone does not say
    montana = place("Montana", frozenset({"USA"}))
    assert montana is not None and montana.country == "USA"


def test_georgia_with_no_us_context_is_the_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "Georgia and Armenia signed a border deal in Tbilisi on Monday.")
    georgia = [e for e in analysis.entities if e.country == "GEO"]
    assert georgia and georgia[0].kind == "country"


def test_vice_president_in_a_us_story_is_american(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Vice President Tom Hale toured a factory in Ohio on Monday. Hale then flew to Michigan, "
        "where he met workers in Detroit."
    )
    hale = entity(analyse(pipeline, text), "Tom Hale")
    assert hale.country == "USA"
    assert [t.title for t in hale.titles] == ["Vice President"]


def test_a_state_before_the_office_gives_its_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "Nevada Governor Ruth Calder signed the water bill on Friday.")
    assert entity(analysis, "Ruth Calder").country == "USA"


def test_an_appositive_gives_the_foreign_minister_a_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "The talks were opened by Helen Marsh, Britain's foreign minister, in Geneva.")
    marsh = entity(analysis, "Helen Marsh")
    assert marsh.country == "GBR"
    assert [(t.title, t.affiliation) for t in marsh.titles] == [("Foreign Minister", "GBR")]


def test_an_office_in_a_story_of_two_countries_gets_no_guess(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Minister Paul Rand met officials from Kenya and Uganda in Nairobi and Kampala."
    assert entity(analyse(pipeline, text), "Paul Rand").country is None


def test_the_capitol_is_a_facility(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "Protesters gathered outside the Capitol in Washington on Wednesday.")
    assert entity(analysis, "Capitol").kind == "facility"


def test_the_american_dream_is_no_entity(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Many families in Texas still believe in the American Dream, and some recall Great Depression-era hardship."
    names = {e.name for e in analyse(pipeline, text).entities}
    assert not any("Dream" in n or "Depression" in n for n in names), names


def test_a_party_adjective_before_people_is_the_party(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "In Washington, Democratic senators walked out as the Republican-led Senate voted on Friday."
    analysis = analyse(pipeline, text)
    democrats = entity(analysis, "Democratic Party")
    assert (democrats.kind, democrats.country) == ("organisation", "USA")
    assert entity(analysis, "Republican Party").country == "USA"
    assert not [e for e in analysis.entities if e.name in ("Democratic", "Republican")]


def test_an_index_is_a_financial_instrument(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The Dow Jones Industrial Average fell 2 percent on Monday while the S&P 500 lost 1.5 percent."
    analysis = analyse(pipeline, text)
    dow = entity(analysis, "Dow Jones Industrial Average")
    assert (dow.kind, dow.country) == ("instrument", "USA")
    assert entity(analysis, "S&P 500").kind == "instrument"


def test_a_continent_is_a_region_without_a_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "Storms swept across Europe and the Atlantic, and rain fell in Hubei Province.")
    europe = entity(analysis, "Europe")
    assert (europe.kind, europe.country) == ("region", None)
    assert entity(analysis, "Hubei").country == "CHN"


def test_the_kinds_are_the_same_everywhere() -> None:
    schema = json.loads(resources.files("newsgraph.schema").joinpath("extract.schema.json").read_text("utf-8"))
    entity_kind = schema["properties"]["entities"]["items"]["properties"]["kind"]["enum"]
    assert tuple(entity_kind) == KINDS == ENTITY_KINDS


def test_the_country_written_before_a_place_is_its_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    # Neither is a city of the gazetteer: the country comes from the words before them.
    text = "Sharks returned to South Africa's False Bay this year. Two people died on the Greek island of Samos."
    analysis = analyse(pipeline, text)
    countries = {e.name: e.country for e in analysis.entities if e.kind == "place"}
    assert countries.get("False Bay") == "ZAF", countries
    assert countries.get("Samos") == "GRC", countries


def test_a_court_district_of_a_state_is_in_the_united_states(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "She was convicted in 2010 in the Southern District of New York and freed on Tuesday."
    assert entity(analyse(pipeline, text), "Southern District").country == "USA"


def test_a_senator_with_party_and_state_is_american(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Senator Ann Dorsey (R-Texas) said the vote would come on Friday."
    analysis = analyse(pipeline, text)
    assert entity(analysis, "Ann Dorsey").country == "USA"
    assert not [e for e in analysis.entities if e.name.startswith("R-")]


def test_a_hyphenated_country_name_is_the_country() -> None:
    from newsgraph.stages.entities.countries import country_code

    assert country_code("United-States") == "USA"  # "a United-States-based team"
    assert country_code("Guinea-Bissau") == "GNB"  # a hyphen of the name itself still matches
