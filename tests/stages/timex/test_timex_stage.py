"""The time stage in the pipeline (spaCy parse for the tense), and the anchoring helper."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsgraph.api import extract
from newsgraph.model import Analysis, Document, Provenance, Span, TimeExpression
from newsgraph.pipeline import registry
from newsgraph.stages.timex import tag, time_for

pytestmark = pytest.mark.model


def test_registered_and_in_the_default_stages() -> None:
    assert "newsgraph.timex.v1" in registry.registered()
    assert "newsgraph.timex.v1" in registry.DEFAULT_STAGES
    stage = registry.create("newsgraph.timex.v1")
    assert (stage.name, stage.requires, stage.produces) == ("timex", (), ("time_expressions",))


def test_stage_tags_against_the_publication_date(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Putin met Xi on Monday. They will meet again on Monday. Sales rose 5% in recent years."
    analysis = pipeline.analyse(Document.create(text=text, published="2025-05-08T10:00:00Z"))
    found = [(t.span.text, t.type, t.value) for t in analysis.time_expressions]
    assert found == [
        ("Monday", "DATE", "2025-05-05"),
        ("Monday", "DATE", "2025-05-12"),
        ("recent years", "DURATION", "PXY"),
    ]
    assert all(t.provenance.stage == "timex" and t.span.slices(text) for t in analysis.time_expressions)


def test_stage_without_a_publication_date_keeps_absolute_values(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The deal was signed on May 4, 2025, a day after talks ended yesterday."
    analysis = pipeline.analyse(Document.create(text=text))
    # "a day after talks ended" relates two events: an amount of time (TimeML), no date of its own
    assert [t.value for t in analysis.time_expressions] == ["2025-05-04", "P1D"]


def test_tense_comes_from_the_governing_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The minister, who is expected to visit Kyiv, arrived in Warsaw on Friday."
    (friday,) = tag(text, dt.date(2025, 5, 8), nlp(text))
    assert friday.value == "2025-05-02"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The unions planned a march on Saturday.", "2025-05-10"),  # a plan: ahead
        ("On Monday, the unions planned a march.", "2025-05-05"),  # the day of the planning
        ("The team planned to leave Nairobi on Friday.", "2025-05-09"),
        ("The board has scheduled a vote Tuesday.", "2025-05-13"),
        ("Leaders meet separately Monday with the envoy.", "2025-05-05"),  # plain present: back
        ("Critics attacked Friday's vote.", "2025-05-02"),  # a possessive: a known event
    ],
)
def test_weekday_tense_from_the_parse(nlp, text: str, value: str) -> None:  # type: ignore[no-untyped-def]
    (day,) = tag(text, dt.date(2025, 5, 8), nlp(text))
    assert day.value == value


def test_example_article(pipeline, example_article) -> None:  # type: ignore[no-untyped-def]
    (analysis,) = extract([str(example_article)], pipeline=pipeline)
    assert isinstance(analysis, Analysis)
    by_text = {(t.span.text, t.value, t.latest) for t in analysis.time_expressions}
    for words, value in [("May 3", "2025-05-03"), ("May 4, 2025", "2025-05-04"), ("May 9, 2025", "2025-05-09"),
                         ("May 9", "2025-05-09"), ("four-day", "P4D"), ("three-day", "P3D"),
                         ("recent years", "PXY")]:  # fmt: skip
        assert any(w == words and v == value for w, v, _ in by_text), words
    assert ("2030", "2030", "2030-12-31") in by_text
    assert any("80th anniversary" in w and v == "2025" for w, v, _ in by_text)


def _timex(text: str, words: str, value: str, kind: str = "DATE") -> TimeExpression:
    start = text.index(words)
    span = Span.of(text, start, start + len(words))
    return TimeExpression(
        id=words,
        document_id="d",
        span=span,
        type=kind,
        value=value,
        provenance=Provenance(stage="timex", stage_version="1"),
    )


def test_time_for_prefers_the_time_before_the_clause_in_its_sentence() -> None:
    text = 'On May 3, Zelensky stated, "We cannot travel on May 9." Later he left for Rome. In recent years it grew.'
    analysis = Analysis(document=Document.create(text=text))
    analysis = dataclasses.replace(
        analysis,
        time_expressions=(
            _timex(text, "May 3", "2025-05-03"),
            _timex(text, "May 9", "2025-05-09"),
            _timex(text, "recent years", "PXY", "DURATION"),
        ),
    )
    quote = text.index("We cannot")
    assert time_for(analysis, quote, quote + 30) == "2025-05-03"
    later = text.index("Later")
    assert time_for(analysis, later, later + 20) is None  # no date in that sentence
    grew = text.index("it grew")
    assert time_for(analysis, grew, grew + 7) is None  # durations never date a clause
