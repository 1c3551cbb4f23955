"""Story clusters: built incrementally, deterministic, labelled and dated; the ECB+ gate."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.linking.stories import (
    SHORTLIST,
    StoryDocument,
    StoryParameters,
    StoryState,
    _features,
    assign_incrementally,
    cluster_stories,
    features,
    names,
)
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


def test_one_at_a_time_groups_interleaved_documents_and_says_where_each_went() -> None:
    day = date(2008, 9, 10)
    quake, election = documents(QUAKE, "q", day), documents(ELECTION, "e", day)
    state, assigned = assign_incrementally([quake[0], election[0], quake[1], election[1], quake[2]])
    assert grouping(state.stories) == {frozenset({"q0", "q1", "q2"}), frozenset({"e0", "e1"})}
    assert (
        assigned
        == state.story_of()
        == {**dict.fromkeys(["q0", "q1", "q2"], "story:q0"), "e0": "story:e0", "e1": "story:e0"}
    )
    assert [s.id for s in state.stories] == sorted(s.id for s in state.stories)
    assert state.documents == 5
    assert state.document_frequency == {t: n for t, n in _frequencies(quake + election).items()}


def _frequencies(batch: list[StoryDocument]) -> dict[str, int]:
    counted: dict[str, int] = {}
    for document in batch:
        for term in features(document):
            counted[term] = counted.get(term, 0) + 1
    return counted


def test_one_at_a_time_is_cluster_stories_on_each_document_in_turn() -> None:
    """With fewer stories than SHORTLIST, nothing is left out of the comparison."""
    batch = documents(ELECTION, "e") + documents(QUAKE, "q")
    state = StoryState()
    for document in batch:
        state = cluster_stories([document], state)
    ours, assigned = assign_incrementally(batch)
    assert {s.id: s for s in ours.stories} == {s.id: s for s in state.stories}
    assert (ours.document_frequency, ours.documents) == (state.document_frequency, state.documents)
    assert assigned == state.story_of()


def test_one_at_a_time_in_two_calls_is_one_call_and_placed_documents_are_skipped() -> None:
    batch = documents(QUAKE, "q") + documents(ELECTION, "e")
    whole, _ = assign_incrementally(batch)
    first, _ = assign_incrementally(batch[:2])
    second, assigned = assign_incrementally(batch, state=first)  # q0 and q1 are already placed
    assert second == whole
    assert set(assigned) == {"q2", "e0", "e1"}
    assert assign_incrementally(batch, state=whole) == (whole, {})


def test_one_at_a_time_keeps_the_date_window() -> None:
    early = StoryDocument(id="a", text=QUAKE[0], published=date(2005, 11, 27))
    late = StoryDocument(id="b", text=QUAKE[1], published=date(2008, 9, 10))
    state, _ = assign_incrementally([early, late], StoryParameters(window_days=30))
    assert grouping(state.stories) == {frozenset({"a"}), frozenset({"b"})}


def test_one_at_a_time_finds_its_story_among_more_than_the_shortlist() -> None:
    filler = [
        StoryDocument(id=f"f{i:02}", text=f"Zorb{i} glimmed the quonk{i} of Vexil{i} beside frandle{i} stations.")
        for i in range(SHORTLIST + 8)
    ]
    state, assigned = assign_incrementally([*documents(QUAKE[:1], "q"), *filler, *documents(QUAKE[1:], "r")])
    assert len(state.stories) == SHORTLIST + 9
    assert assigned["r0"] == assigned["r1"] == "story:q0"


def test_the_lead_counts_twice_but_adds_no_feature() -> None:
    text = " ".join([*QUAKE, *ELECTION])
    document = StoryDocument(id="d", text=text)
    counted = _features(document, lead=60)
    assert frozenset(counted) == features(document)
    plain = _features(document)
    assert counted["qeshm"] == plain["qeshm"] + 1  # once more: in the lead
    assert counted["turkmenistan"] == plain["turkmenistan"]  # not in the lead
    assert _features(StoryDocument(id="s", text="Qeshm quake."), lead=60)["qeshm"] == 2  # all of a short text


def test_reports_naming_only_different_years_need_more_similarity_to_join() -> None:
    first = StoryDocument(id="a", text="The Turkmenistan elections of 2008 were won by Berdimuhamedov's party.")
    second = StoryDocument(id="b", text="The Turkmenistan elections of 2013 were won by Berdimuhamedov's party.")
    third = StoryDocument(id="c", text="Turkmenistan elections of 2008: Berdimuhamedov's party won them.")
    strict = StoryParameters(year_penalty=1.0)
    state, _ = assign_incrementally([first, second, third], strict)
    assert grouping(state.stories) == {frozenset({"a", "c"}), frozenset({"b"})}
    state, _ = assign_incrementally([first, second, third], StoryParameters(year_penalty=0.0))
    assert grouping(state.stories) == {frozenset({"a", "b", "c"})}


@pytest.mark.shared
def test_ecbplus_story_gate() -> None:
    """Issue 8's acceptance, B³ F1 >= 0.90 on all 33 topics' documents, met by one batch (0.901)
    and by the product's path, one document at a time (0.9036 in name order): its floor is pinned
    there (floors only move up)."""
    from newsgraph.eval.cross_document import story_report
    from newsgraph.eval.ecbplus import read_corpus

    report = story_report(read_corpus(shared_file(SHARED / "data" / "ecbplus-dev" / "ECB+")))["all"]
    assert report["one_batch"]["b3"]["f1"] >= 0.90
    assert report["stories"]["b3"]["f1"] >= 0.903
    assert report["random_orders"]["min"] >= 0.87
    assert report["stories"]["b3"]["f1"] > report["tfidf_baseline"]["b3"]["f1"]
