"""An Analysis goes into the store and comes back exactly: document, facts of every kind, order."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_samples import ARTICLE, MakeAnalysis

import newsgraph.store.store as store_module
from newsgraph.model import Analysis, Document, Mention, Provenance, Span, content_id
from newsgraph.store import Store, open_store


def test_analysis_with_every_fact_kind_round_trips(store: Store, make_analysis: MakeAnalysis) -> None:
    analysis = make_analysis()
    assert all(getattr(analysis, kind) for kind in Analysis.FACT_KINDS), "the fixture must cover every kind"

    assert store.add(analysis) is True

    assert store.get_analysis(analysis.document.id) == analysis
    assert store.get_document(analysis.document.id) == analysis.document


def test_round_trip_survives_closing_and_reopening(db_path: Path, make_analysis: MakeAnalysis) -> None:
    analysis = make_analysis()
    with open_store(str(db_path)) as store:
        store.add(analysis)
    with open_store(f"sqlite:///{db_path}") as store:
        assert store.get_analysis(analysis.document.id) == analysis


def test_facts_come_back_in_the_order_they_were_added(store: Store, make_analysis: MakeAnalysis) -> None:
    analysis = make_analysis()
    reordered = dataclasses.replace(
        analysis,
        mentions=tuple(reversed(analysis.mentions)),
        entities=tuple(reversed(analysis.entities)),
        time_expressions=tuple(reversed(analysis.time_expressions)),
    )
    store.add(reordered)
    assert store.get_analysis(analysis.document.id) == reordered


def test_unknown_document_reads_as_none(store: Store) -> None:
    assert store.get_document("doc_missing") is None
    assert store.get_analysis("doc_missing") is None


def test_entities_are_shared_by_the_documents_that_name_them(store: Store, make_analysis: MakeAnalysis) -> None:
    first = make_analysis()
    second = make_analysis(ARTICLE + " Talks ended on Friday.", url="https://example.org/2")

    assert store.add_many([first, second]) == [True, True]

    assert store.stats()["entities"] == 2  # ent_xi and ent_moscow, once each
    assert store.get_analysis(second.document.id) == second
    assert [e.id for e in store.get_analysis(first.document.id).entities] == ["ent_xi", "ent_moscow"]  # type: ignore[union-attr]


def test_a_later_analysis_updates_a_shared_entity(store: Store, make_analysis: MakeAnalysis) -> None:
    first = make_analysis()
    xi = dataclasses.replace(first.entities[0], aliases=("Xi", "Xi Jinping", "President Xi"))
    second = dataclasses.replace(make_analysis(ARTICLE + " More talks.", url="https://example.org/2"), entities=(xi,))
    store.add(first)
    store.add(second)
    again = store.get_analysis(first.document.id)
    assert again is not None
    assert again.entities[0].aliases == ("Xi", "Xi Jinping", "President Xi")


def test_iter_documents_yields_every_document_in_storage_order(store: Store, make_analysis: MakeAnalysis) -> None:
    analyses = [make_analysis(f"{ARTICLE} Update {i}.", url=f"https://example.org/{i}") for i in range(7)]
    store.add_many(analyses[:4])
    store.add_many(analyses[4:])
    assert list(store.iter_documents()) == [a.document for a in analyses]


def test_iter_documents_pages_through_more_than_one_page(
    store: Store, make_analysis: MakeAnalysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "PAGE_SIZE", 3)
    analyses = [make_analysis(f"{ARTICLE} Update {i}.", url=None) for i in range(7)]
    store.add_many(analyses)
    assert [d.id for d in store.iter_documents()] == [a.document.id for a in analyses]


# --- property: random documents round-trip ----------------------------------------------------

_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
_optional = st.none() | st.text(alphabet=st.characters(codec="utf-8"), max_size=40)


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    text = draw(_text.filter(lambda t: t.strip() != ""))
    document = Document.create(
        text=text,
        url=draw(st.none() | st.builds(lambda n: f"https://example.org/{n}", st.uuids())),
        title=draw(_optional),
        standfirst=draw(_optional),
        section=draw(_optional),
        byline=draw(_optional),
        published=draw(st.none() | st.dates().map(str)),
        published_source=draw(st.sampled_from([None, "dateline", "html", "feed"])),
        retrieved=draw(st.none() | st.just("2025-05-09T08:00:00Z")),
        language=draw(st.sampled_from([None, "en", "fr"])),
        origin=draw(_optional),
        extra=tuple(draw(st.lists(st.tuples(_optional.map(str), _optional.map(str)), max_size=3))),
    )
    mentions = []
    for i, (a, b) in enumerate(
        draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=4))
    ):
        piece = Span.of(text, min(a, b), max(a, b))
        confidence = draw(st.none() | st.floats(0, 1, allow_nan=False))
        provenance = Provenance(stage="entities", stage_version="1", evidence=(piece,), confidence=confidence)
        mentions.append(
            Mention(
                id=content_id("men", document.id, i),
                document_id=document.id,
                span=piece,
                label=draw(st.sampled_from(["PERSON", "GPE", "ORG"])),
                provenance=provenance,
            )
        )
    return Analysis(document=document, mentions=tuple(mentions))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(analysis=analyses())
def test_random_analyses_round_trip(analysis: Analysis) -> None:
    with open_store(":memory:") as store:
        assert store.add(analysis) is True
        assert store.get_analysis(analysis.document.id) == analysis
        assert list(store.iter_documents()) == [analysis.document]
