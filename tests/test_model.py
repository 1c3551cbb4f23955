"""The data model: span invariant, content ids, and to_dict/from_dict round-trips."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.model import (
    Analysis,
    Document,
    Entity,
    Event,
    Mention,
    Provenance,
    Quote,
    Rejection,
    Span,
    TimeExpression,
    Title,
    from_dict,
    normalise_text,
    to_dict,
)

texts = st.text(min_size=1, max_size=200)
maybe_text = st.none() | st.text(max_size=40)
maybe_float = st.none() | st.floats(min_value=0, max_value=1)


@st.composite
def spans_of(draw: st.DrawFn, text: str) -> Span:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Span.of(text, start, end)


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    text = draw(texts)
    doc = Document.create(
        text=text,
        url=draw(maybe_text),
        title=draw(maybe_text),
        published=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        extra=tuple(draw(st.lists(st.tuples(st.text(max_size=10), st.text(max_size=10)), max_size=3))),
    )

    def prov() -> Provenance:
        return Provenance(
            stage=draw(st.text(min_size=1, max_size=10)),
            stage_version="1",
            model=draw(maybe_text),
            evidence=tuple(draw(st.lists(spans_of(text), max_size=2))),
            confidence=draw(maybe_float),
        )

    mentions = tuple(
        Mention(
            id=f"men_{i}",
            document_id=doc.id,
            span=draw(spans_of(text)),
            label="PERSON",
            provenance=prov(),
            entity_id=draw(st.none() | st.just("ent_1")),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    entities = (
        Entity(
            id="ent_1",
            name=draw(st.text(max_size=20)),
            kind="person",
            provenance=prov(),
            aliases=tuple(draw(st.lists(st.text(max_size=8), max_size=2))),
            titles=(Title(title="President", affiliation="CHN", as_of="2025-05-08"),),
            country=draw(st.none() | st.just("CHN")),
        ),
    )
    timexes = (
        TimeExpression(
            id="tx_1",
            document_id=doc.id,
            span=draw(spans_of(text)),
            type="DATE",
            value="2025-05-03",
            provenance=prov(),
            earliest="2025-05-03",
            latest="2025-05-03",
        ),
    )
    quotes = (
        Quote(
            id="q_1",
            document_id=doc.id,
            span=draw(spans_of(text)),
            kind="direct",
            provenance=prov(),
            cue=draw(st.none() | spans_of(text)),
            cue_lemma="say",
            speaker=draw(st.none() | spans_of(text)),
            speaker_entity_id="ent_1",
            time=None,
        ),
    )
    events = (
        Event(
            id="ev_1",
            document_id=doc.id,
            type="CONSULT",
            evidence=draw(spans_of(text)),
            provenance=prov(),
            mode="visit",
            actors=("ent_1",),
            recipients=(),
            place=None,
            time="2025-05-08",
            cameo="042",
        ),
    )
    return Analysis(
        document=doc, mentions=mentions, entities=entities, time_expressions=timexes, quotes=quotes, events=events
    )


@given(analyses())
def test_analysis_round_trips_through_json(analysis: Analysis) -> None:
    data = json.loads(json.dumps(to_dict(analysis)))
    assert from_dict(Analysis, data) == analysis


@given(analyses())
def test_every_span_slices_the_text(analysis: Analysis) -> None:
    text = analysis.document.text
    assert all(text[s.start : s.end] == s.text for s in analysis.spans())


@given(st.text(min_size=1), st.integers(0, 50), st.integers(0, 50))
def test_span_of_keeps_the_invariant(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert Span.of(text, start, end).slices(text)


def test_span_rejects_text_of_the_wrong_length() -> None:
    with pytest.raises(ValueError, match=r"Span \[0, 3\) has 2 characters of text, expected 3"):
        Span(start=0, end=3, text="ab")


def test_span_rejects_a_reversed_range() -> None:
    with pytest.raises(ValueError, match="not a valid range"):
        Span(start=4, end=2, text="")


def test_document_id_depends_on_normalised_text_only() -> None:
    a = Document.create(text="Talks  resume in\nGeneva.", url="https://example.org/a")
    b = Document.create(text="talks resume in Geneva.", url="https://example.org/b")
    c = Document.create(text="Talks resume in Vienna.")
    assert a.id == b.id
    assert a.id != c.id
    assert a.id.startswith("doc_") and len(a.id) == 20


def test_normalise_text_folds_case_width_and_space() -> None:
    assert normalise_text("  ＡBC\u00a0 def\n") == "abc def"


def test_from_dict_names_unknown_fields() -> None:
    with pytest.raises(ValueError, match=r"Rejection: unknown field\(s\) \['colour'\]"):
        from_dict(Rejection, {"origin": "a", "reason": "b", "message": "c", "colour": "red"})


def test_rejection_id_is_stable_per_origin_and_reason() -> None:
    one = Rejection(origin="a.jsonl:3", reason="malformed", message="x")
    two = Rejection(origin="a.jsonl:3", reason="malformed", message="y")
    assert one.id == two.id
    assert one.id != Rejection(origin="a.jsonl:4", reason="malformed", message="x").id
