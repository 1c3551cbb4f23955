"""A quote's time: its own time expression in the cue's sentence, else the article date as
reported (hand-built time expressions stand in for the time stage)."""

from __future__ import annotations

from newsgraph.model import Analysis, Document, Provenance, Span, TimeExpression
from newsgraph.stages.quotes.dates import quote_time

TEXT = 'On May 3, the minister stated, "We leave on May 9." Later that week she left.'
PROVENANCE = Provenance(stage="test", stage_version="0")


def timex(surface: str, value: str, type_: str = "DATE") -> TimeExpression:
    start = TEXT.index(surface)
    return TimeExpression(
        id=f"tmx_{start}",
        document_id="doc",
        span=Span.of(TEXT, start, start + len(surface)),
        type=type_,
        value=value,
        provenance=PROVENANCE,
    )


def analysis(*timexes: TimeExpression) -> Analysis:
    document = Document.create(text=TEXT, published="2025-05-08T10:00:00Z")
    return Analysis(document=document, time_expressions=timexes)


SENTENCE = (0, TEXT.index("Later") - 1)
CUE = TEXT.index("stated")
CONTENT = (TEXT.index("We leave"), TEXT.index('9."') + 2)


def test_the_quotes_own_expression_dates_it() -> None:
    found = quote_time(analysis(timex("May 3", "2025-05-03"), timex("May 9", "2025-05-09")), SENTENCE, CUE, CONTENT)
    assert found == ("2025-05-03", "expression")


def test_a_date_inside_the_quotation_is_what_is_talked_about_not_when() -> None:
    assert quote_time(analysis(timex("May 9", "2025-05-09")), SENTENCE, CUE, CONTENT) == ("2025-05-08", "reported")


def test_expressions_in_other_sentences_and_vague_references_do_not_date_it() -> None:
    found = quote_time(analysis(timex("that week", "2025-W19"), timex("On", "PAST_REF")), SENTENCE, CUE, CONTENT)
    assert found == ("2025-05-08", "reported")


def test_no_expression_and_no_article_date_gives_no_time() -> None:
    bare = Analysis(document=Document.create(text=TEXT))
    assert quote_time(bare, SENTENCE, CUE, CONTENT) == (None, None)
