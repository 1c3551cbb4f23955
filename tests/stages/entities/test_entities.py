"""The entity stage on sentences written for these tests: titles, coreference, kinds, ids."""

from __future__ import annotations

import pytest

from newsgraph.model import Analysis, Document, Entity, Mention

pytestmark = pytest.mark.model


def analyse(pipeline, text: str, published: str | None = "2025-05-08") -> Analysis:  # type: ignore[no-untyped-def]
    return pipeline.analyse(Document.create(text=text, published=published))


def entity(analysis: Analysis, name: str) -> Entity:
    [found] = [e for e in analysis.entities if e.name == name]
    return found


def mention_at(analysis: Analysis, text: str, occurrence: int = 1) -> Mention:
    start = -1
    for _ in range(occurrence):
        start = analysis.document.text.index(text, start + 1)
    [found] = [m for m in analysis.mentions if m.span.start == start and m.span.text == text]
    return found


def test_title_affiliation_and_date_come_from_the_words_before_a_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "Kenyan President William Ruto met Tanzanian officials in Nairobi on Monday.")
    ruto = entity(analysis, "William Ruto")
    assert ruto.kind == "person"
    assert ruto.country == "KEN"
    assert [(t.title, t.affiliation, t.as_of) for t in ruto.titles] == [("President", "KEN", "2025-05-08")]


def test_apposition_gives_a_title(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "Olaf Scholz, the German chancellor, arrived in Paris on Tuesday.")
    scholz = entity(analysis, "Olaf Scholz")
    assert [(t.title, t.affiliation) for t in scholz.titles] == [("Chancellor", "DEU")]


def test_short_names_pronouns_and_descriptions_resolve_to_the_person(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Brazilian President Luiz Inacio Lula da Silva arrived in Lisbon on Monday. "
        "Lula said he would sign a trade deal. The Brazilian president, who leaves on Friday, "
        "also met Portuguese officials."
    )
    analysis = analyse(pipeline, text)
    lula = entity(analysis, "Luiz Inacio Lula da Silva")
    for surface in ("Lula", "he", "The Brazilian president", "who"):
        assert mention_at(analysis, surface, 2 if surface == "Lula" else 1).entity_id == lula.id, surface
    assert mention_at(analysis, "he").label == "PRON"
    assert mention_at(analysis, "The Brazilian president").label == "NOMINAL"


def test_the_subject_of_the_previous_sentence_is_he(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "French President Emmanuel Macron met German Chancellor Friedrich Merz in Berlin. "
        "Macron welcomed Merz at the airport. He said the talks had been useful."
    )
    analysis = analyse(pipeline, text)
    assert mention_at(analysis, "He").entity_id == entity(analysis, "Emmanuel Macron").id


def test_group_mentions_name_their_members(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio Kishida in Tokyo. "
        "The two leaders agreed to expand defence ties."
    )
    analysis = analyse(pipeline, text)
    group = mention_at(analysis, "The two leaders")
    assert group.label == "GROUP"
    assert group.entity_id is None
    assert set(group.members) == {entity(analysis, "Narendra Modi").id, entity(analysis, "Fumio Kishida").id}


def test_people_sharing_a_surname_stay_apart(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Former president George H. W. Bush and Governor Jeb Bush attended. "
        "Jeb Bush spoke first. Later Bush thanked the crowd."
    )
    analysis = analyse(pipeline, text)
    people = [e for e in analysis.entities if e.kind == "person"]
    assert len({e.id for e in people}) == len(people) >= 2
    assert mention_at(analysis, "Bush", 4).entity_id == mention_at(analysis, "Jeb Bush", 2).entity_id


def test_countries_demonyms_and_seats_of_power(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The Kremlin said Russian troops had left. Russia and the United States agreed to talk."
    analysis = analyse(pipeline, text)
    russia = entity(analysis, "Russia")
    assert (russia.kind, russia.country) == ("country", "RUS")
    assert mention_at(analysis, "Russian").entity_id == russia.id
    kremlin = entity(analysis, "Kremlin")
    assert (kremlin.kind, kremlin.country) == ("organisation", "RUS")
    assert entity(analysis, "United States").country == "USA"


def test_places_have_coordinates_and_capitals_acting_are_governments(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "Protesters gathered in Nairobi. Later, Beijing rejected the report.")
    nairobi = entity(analysis, "Nairobi")
    assert nairobi.kind == "place" and nairobi.country == "KEN"
    assert nairobi.latitude == pytest.approx(-1.28, abs=0.1) and nairobi.longitude == pytest.approx(36.8, abs=0.1)
    assert mention_at(analysis, "Beijing").entity_id == entity(analysis, "China").id


def test_entity_ids_are_the_same_across_documents(pipeline) -> None:  # type: ignore[no-untyped-def]
    first = analyse(pipeline, "Chinese President Xi Jinping visited Paris.")
    second = analyse(pipeline, "Xi Jinping spoke in Beijing about trade with Germany.")
    assert entity(first, "Xi Jinping").id == entity(second, "Xi Jinping").id


def test_every_mentioned_entity_is_listed(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "Ukrainian President Volodymyr Zelensky said he would travel to Ankara.")
    listed = {e.id for e in analysis.entities}
    referenced = {m.entity_id for m in analysis.mentions if m.entity_id} | {
        i for m in analysis.mentions for i in m.members
    }
    assert referenced <= listed
