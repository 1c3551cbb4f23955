"""The issue's acceptance answers for the example article, kept as test expectations."""

from __future__ import annotations

import re

import pytest

from newsgraph.api import extract
from newsgraph.model import Analysis

pytestmark = [pytest.mark.model, pytest.mark.shared]


@pytest.fixture
def analysis(pipeline, example_article) -> Analysis:  # type: ignore[no-untyped-def]
    [result] = list(extract([str(example_article)], pipeline=pipeline))
    assert isinstance(result, Analysis)
    return result


def test_people_with_titles_and_countries(analysis: Analysis) -> None:
    entities = {e.name: e for e in analysis.entities}
    for name, country in (
        ("Xi Jinping", "CHN"),
        ("Vladimir Putin", "RUS"),
        ("Volodymyr Zelensky", "UKR"),
        ("Donald Trump", "USA"),
    ):
        person = entities[name]
        assert person.kind == "person", name
        assert person.country == country, name
        assert any(t.title == "President" and t.as_of == "2025-05-08" for t in person.titles), name


def test_named_things_and_their_kinds(analysis: Analysis) -> None:
    kinds = {e.name: e.kind for e in analysis.entities}
    expected = {
        "Kremlin": "organisation",
        "Interfax": "organisation",
        "China": "country",
        "Russia": "country",
        "Ukraine": "country",
        "United States": "country",
        "Soviet Union": "country",
        "Moscow": "place",
        "Power of Siberia 2": "project",
        "Victory Day": "event",
        "World War II": "event",
    }
    assert {name: kinds.get(name) for name in expected} == expected
    assert not any("Strengthens" in name for name in kinds)


def test_references_to_xi_and_putin(analysis: Analysis) -> None:
    text = analysis.document.text
    ids = {e.name: e.id for e in analysis.entities}
    xi, putin = ids["Xi Jinping"], ids["Vladimir Putin"]
    at = {(m.span.start, m.span.text): m for m in analysis.mentions}
    for match in re.finditer(r"\bXi\b(?! Jinping)", text):
        assert at[(match.start(), "Xi")].entity_id == xi
    assert at[(text.index("He stated"), "He")].entity_id == xi
    assert at[(text.index("He reiterated"), "He")].entity_id == putin
    assert at[(text.index("who described"), "who")].entity_id == xi
    for phrase in ("the two leaders", "both leaders"):
        group = at[(text.index(phrase), phrase)]
        assert group.label == "GROUP" and set(group.members) == {xi, putin}
