"""Quotation marks paired into regions: curly, straight, typewriter, nested, across paragraphs."""

from __future__ import annotations

from newsgraph.stages.quotes.marks import quoted_regions


def contents(text: str) -> list[str]:
    return [text[r.start : r.end] for r in quoted_regions(text)]


def test_curly_and_straight_quotes_pair() -> None:
    text = 'The mayor said: “Roads first.” Her rival replied, "Schools first."'
    assert contents(text) == ["Roads first.", "Schools first."]


def test_typewriter_pairs_pair() -> None:
    assert contents("He said ``we are ready'' and left.") == ["we are ready"]


def test_nested_single_quotes_stay_inside() -> None:
    text = "“They shouted ‘not here’ at us,” the farmer said."
    assert contents(text) == ["They shouted ‘not here’ at us,"]


def test_unclosed_quote_continues_into_the_next_paragraph() -> None:
    text = "The coach said, “We trained hard all winter.\n\n“Now we want the cup.”\n\nFans cheered."
    (region,) = quoted_regions(text)
    assert text[region.start : region.end] == "We trained hard all winter.\n\n“Now we want the cup."
    assert region.paragraphs == 2
    assert region.closed


def test_unclosed_quote_not_continued_ends_with_its_paragraph() -> None:
    text = "She said “the vote is rigged\n\nThe count went on."
    (region,) = quoted_regions(text)
    assert text[region.start : region.end] == "the vote is rigged"
    assert not region.closed


def test_stray_closing_mark_is_ignored() -> None:
    assert contents("A stray ” mark. Then “a quote” here.") == ["a quote"]


def test_a_closing_curly_mark_before_a_word_opens() -> None:
    assert contents("He called it ”a scandal” yesterday.") == ["a scandal"]
