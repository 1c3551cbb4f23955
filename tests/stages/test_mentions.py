"""Named-entity mentions: labels kept, offsets exact, determiners and possessives trimmed."""

from __future__ import annotations

from newsgraph.model import Analysis, Document


def analyse(pipeline, text: str) -> Analysis:  # type: ignore[no-untyped-def]
    return pipeline.analyse(Document.create(text=text))


def test_mentions_have_exact_offsets_and_labels(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Monday."
    analysis = analyse(pipeline, text)
    found = {(m.span.text, m.label) for m in analysis.mentions}
    assert ("Olaf Scholz", "PERSON") in found
    assert ("Emmanuel Macron", "PERSON") in found
    assert ("Berlin", "GPE") in found
    assert all(text[m.span.start : m.span.end] == m.span.text for m in analysis.mentions)


def test_dates_and_numbers_are_not_entity_mentions(pipeline) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(pipeline, "Three ministers arrived in Nairobi on 4 March 2024 with $2 million in aid.")
    assert {m.label for m in analysis.mentions} <= {"GPE", "LOC", "ORG", "PERSON", "NORP"}
    assert not any("2024" in m.span.text or "million" in m.span.text for m in analysis.mentions)


def test_possessive_and_determiner_are_trimmed(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "The anniversary of the Soviet Union's victory was marked in Kazakhstan's capital."
    analysis = analyse(pipeline, text)
    surfaces = {m.span.text for m in analysis.mentions}
    assert "Soviet Union" in surfaces
    assert "Kazakhstan" in surfaces
    assert not any(s.endswith("'s") or s.lower().startswith("the ") for s in surfaces)


def test_mention_ids_are_stable_across_runs(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Kenyan President William Ruto visited Addis Ababa."
    first, second = analyse(pipeline, text), analyse(pipeline, text)
    assert [m.id for m in first.mentions] == [m.id for m in second.mentions]
    assert len({m.id for m in first.mentions}) == len(first.mentions)
