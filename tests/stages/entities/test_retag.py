"""Better mentions than the raw model: document-level rules on one parse."""

from __future__ import annotations

import pytest

from newsgraph.model import Analysis, Document

pytestmark = pytest.mark.model


def names(pipeline, text: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    analysis: Analysis = pipeline.analyse(Document.create(text=text))
    return {(m.span.text, m.label) for m in analysis.mentions if m.label not in ("PRON", "NOMINAL", "GROUP")}


def test_titles_possessives_and_conjunctions_are_not_part_of_names(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Chinese President Xi Jinping arrived on Thursday. It is Xi's 11th trip to Russia. Xi and Putin met."
    found = names(pipeline, text)
    assert not any(text.endswith(("'s", " and")) for text, _ in found)
    assert ("Xi", "PERSON") in found


def test_all_caps_headline_keeps_only_names_confirmed_elsewhere(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "SOCCER - KENYA BEAT UGANDA IN NAIROBI FRIENDLY\nKenya beat Uganda 2-1 in a friendly in Nairobi on Sunday."
    found = names(pipeline, text)
    assert ("KENYA", "GPE") in found and ("UGANDA", "GPE") in found
    assert not any(text.startswith("SOCCER") for text, _ in found)


def test_sports_teams_named_after_places_are_organisations(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Results of English league matches on Saturday:\n"
        "Portsmouth 1 Huddersfield 1\nReading 0 Oxford 2\nBarnsley 3 Stockport 0\n"
        "Portsmouth beat Huddersfield 2-1 in the replay."
    )
    labels = {label for text, label in names(pipeline, text) if text in ("Portsmouth", "Huddersfield", "Oxford")}
    assert labels == {"ORG"}


def test_dateline_is_a_place_and_numbers_are_cut_off(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = names(pipeline, "NAIROBI 1996-08-30\nKenyan police said on Friday that 12 people were arrested.")
    assert ("NAIROBI", "GPE") in found


def test_event_names_ending_in_an_event_noun(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = names(pipeline, "Crowds gathered for the Victory Day parade and the Independence Day fireworks.")
    assert ("Victory Day", "EVENT") in found
    assert ("Independence Day", "EVENT") in found


def test_split_person_names_are_merged(pipeline) -> None:  # type: ignore[no-untyped-def]
    found = names(pipeline, "President Yoon Suk Yeol declared martial law on Tuesday.")
    assert ("Yoon Suk Yeol", "PERSON") in found
