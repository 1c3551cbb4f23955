"""Story clusters: built incrementally, deterministic, labelled and dated; the ECB+ gate."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.linking.stories import StoryDocument, StoryParameters, cluster_stories, names
from shared_data import SHARED, shared_file

QUAKE = [
    "A magnitude 6.1 earthquake struck Qeshm island in Iran on Sunday, killing 13 people in several villages.",
    "The Qeshm island earthquake in Iran destroyed homes in seven villages and killed 13; the Red Crescent sent tents.",
    "Rescuers on Qeshm island searched the rubble after the earthquake; the Red Crescent said 13 died.",
]
ELECTION = [
    "Turkmenistan held parliamentary elections on Sunday; President Berdimuhamedov's party won every seat.",
    "Observers said the Turkmenistan elections offered voters no real choice, and Berdimuhamedov's party won.",
]


def documents(texts: list[str], prefix: str, day: date | None = None) -> list[StoryDocument]:
    return [StoryDocument(id=f"{prefix}{i}", text=t, published=day) for i, t in enumerate(texts)]


def grouping(state_stories: object) -> set[frozenset[str]]:
    return {frozenset(s.documents) for s in state_stories}  # type: ignore[attr-defined]


def test_two_stories_with_labels_and_date_spans() -> None:
    day = date(2008, 9, 10)
    state = cluster_stories(documents(QUAKE, "q", day) + documents(ELECTION, "e", date(2008, 9, 12)))
    assert grouping(state.stories) == {frozenset({"q0", "q1", "q2"}), frozenset({"e0", "e1"})}
    quake = next(s for s in state.stories if "q0" in s.documents)
    assert "Qeshm" in quake.label and "earthquake" in quake.label
    assert (quake.first, quake.last) == (day, day)


def test_a_new_batch_joins_existing_stories_without_recomputing() -> None:
    first = cluster_stories(documents(QUAKE[:2], "q") + documents(ELECTION[:1], "e"))
    second = cluster_stories([StoryDocument(id="q2", text=QUAKE[2]), StoryDocument(id="e1", text=ELECTION[1])], first)
    assert grouping(second.stories) == {frozenset({"q0", "q1", "q2"}), frozenset({"e0", "e1"})}
    assert {s.id for s in second.stories} == {s.id for s in first.stories}  # ids are stable
    assert second.documents == 5
    assert cluster_stories(documents(QUAKE, "q"), second) == second  # a re-run changes nothing


def test_documents_far_apart_in_time_stay_apart() -> None:
    early = StoryDocument(id="a", text=QUAKE[0], published=date(2005, 11, 27))
    late = StoryDocument(id="b", text=QUAKE[1], published=date(2008, 9, 10))
    state = cluster_stories([early, late], parameters=StoryParameters(window_days=30))
    assert grouping(state.stories) == {frozenset({"a"}), frozenset({"b"})}


def test_order_of_a_batch_does_not_matter() -> None:
    batch = documents(QUAKE, "q") + documents(ELECTION, "e")
    assert cluster_stories(batch) == cluster_stories(list(reversed(batch)))


def test_names_are_capitalised_words_inside_sentences_and_numbers() -> None:
    assert set(names("The quake hit Qeshm in 2005. It killed 13.")) == {"qeshm", "2005", "13"}


@pytest.mark.shared
def test_ecbplus_story_gate() -> None:
    """Issue 8's acceptance: B³ F1 >= 0.90 on all 33 topics' documents (a floor that only moves up)."""
    from newsgraph.eval.cross_document import story_report
    from newsgraph.eval.ecbplus import read_corpus

    report = story_report(read_corpus(shared_file(SHARED / "data" / "ecbplus-dev" / "ECB+")))
    assert report["all"]["stories"]["b3"]["f1"] >= 0.90
    assert report["all"]["stories"]["b3"]["f1"] > report["all"]["tfidf_baseline"]["b3"]["f1"]
