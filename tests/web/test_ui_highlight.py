"""The article highlighter cuts the text at every span boundary: the pieces give back the text
exactly, and each piece carries exactly the marks that cover it, however the spans overlap."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.web.ui.highlight import Mark, segments


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(min_size=0, max_size=60))
    n = len(text)
    marks = []
    for i in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, n))
        end = draw(st.integers(start, n))
        kind = draw(st.sampled_from(["mention", "timex", "quote", "speaker", "trigger"]))
        marks.append(Mark(kind=kind, start=start, end=end, fact=f"f{i}", entity_id=f"e{i}" if i % 2 else None))
    return text, marks


@given(text_and_marks())
def test_segments_rebuild_the_text_with_exactly_the_covering_marks(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    pieces = segments(text, marks)
    assert "".join(p.text for p in pieces) == text
    position = 0
    for piece in pieces:
        assert piece.start == position and piece.text
        position += len(piece.text)
        covering = {m for m in marks if m.start <= piece.start and piece.start + len(piece.text) <= m.end}
        assert set(piece.marks) == covering
        # No mark starts or ends strictly inside a piece.
        assert not any(piece.start < cut < piece.start + len(piece.text) for m in marks for cut in (m.start, m.end))


def test_crossing_spans_split_into_three_pieces() -> None:
    quote = Mark(kind="quote", start=0, end=10, fact="q")
    mention = Mark(kind="mention", start=5, end=15, fact="m", entity_id="e1")
    pieces = segments("abcdefghijklmnopqrst", [quote, mention])
    assert [(p.text, p.classes) for p in pieces] == [
        ("abcde", "quote"),
        ("fghij", "mention quote"),
        ("klmno", "mention"),
        ("pqrst", ""),
    ]
    assert pieces[1].entity_id == "e1" and pieces[0].entity_id is None


def test_the_innermost_linked_mark_decides_the_link() -> None:
    group = Mark(kind="mention", start=0, end=20, fact="g", entity_id="outer")
    name = Mark(kind="mention", start=4, end=9, fact="n", entity_id="inner")
    pieces = segments("the Putin and Xi talks", [group, name])
    assert [p.entity_id for p in pieces if p.text == "Putin"] == ["inner"]
