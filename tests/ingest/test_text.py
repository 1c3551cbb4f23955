"""The plain-text reader: header blocks recognised by general rules, the body kept exact."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.ingest.source import RawInput
from newsgraph.ingest.text import parse_header, read_text
from newsgraph.model import Document, Furniture, Rejection

from .helpers import only


def document(text: str, **fields: str) -> Document:
    item = only(read_text(RawInput(origin="story.txt", data=text.encode(), **fields)))
    assert isinstance(item, Document), item
    return item


@pytest.mark.shared
def test_the_example_article(example_article: Path) -> None:
    item = only(read_text(RawInput(origin=str(example_article), data=example_article.read_bytes())))
    assert isinstance(item, Document)
    assert item.text.startswith("Chinese President Xi Jinping has arrived in Moscow")
    assert (item.published, item.published_source, item.retrieved) == ("2025-05-08", "dateline", "2025-05-09")
    assert item.section == "World News"
    assert item.title == "Xi Jinping Strengthens Ties With Putin During Moscow Visit"
    # The fifth non-blank line (page date, section, dateline, headline, standfirst), read from the
    # file so that the article's words stay out of the repository.
    lines = [line for line in example_article.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert item.standfirst == lines[4]
    assert item.standfirst.startswith("The Chinese leader emphasizes")
    assert item.byline is None
    assert item.origin == str(example_article)
    assert item.text.endswith("their respective conflicts with the West.")


def test_full_header_with_labelled_page_date_and_byline() -> None:
    item = document(
        "Updated: 2025-03-14\n"
        "Business | Markets\n"
        "14 March 2025\n\n"
        "Copper Prices Climb As Smelters Cut Output\n\n"
        "Traders expect tighter supply through the summer\n\n"
        "By Jane Doe\n\n"
        "Copper prices rose on Friday after two large smelters said they would cut output.\n\n"
        "Analysts said the cuts were expected.\n"
    )
    assert item.retrieved == "2025-03-14"
    assert item.section == "Business | Markets"
    assert (item.published, item.published_source) == ("2025-03-14", "dateline")
    assert item.title == "Copper Prices Climb As Smelters Cut Output"
    assert item.standfirst == "Traders expect tighter supply through the summer"
    assert item.byline == "Jane Doe"
    assert item.text == (
        "Copper prices rose on Friday after two large smelters said they would cut output.\n\n"
        "Analysts said the cuts were expected."
    )


def test_weekday_page_date_then_dateline_and_a_lead_sentence_that_is_not_a_standfirst() -> None:
    item = document(
        "Friday, 9 May 2025\nPolitics\nMay 8, 2025\n\n"
        "Parliament Approves New Election Law\n\n"
        "Lawmakers voted 212 to 180 on Thursday to approve a new election law.\n\n"
        "The opposition said it would challenge the law in court.\n"
    )
    assert (item.retrieved, item.published, item.section) == ("2025-05-09", "2025-05-08", "Politics")
    assert item.title == "Parliament Approves New Election Law"
    assert item.standfirst is None
    assert item.text.startswith("Lawmakers voted 212 to 180")


def test_a_single_date_line_is_the_dateline() -> None:
    item = document("2025-05-08\n\nHarbour Reopens After Storm\n\nThe harbour reopened on Thursday.\n")
    assert (item.published, item.published_source, item.retrieved) == ("2025-05-08", "dateline", None)
    assert item.title == "Harbour Reopens After Storm"
    assert item.text == "The harbour reopened on Thursday."


def test_key_value_header() -> None:
    item = document(
        "Title: Harbour reopens after storm\n"
        "Date: 2025-05-09\n"
        "Author: Tomas Reyes\n"
        "Source: Example Wire\n"
        "URL: https://wire.example.net/harbour\n"
        "Section: Weather\n\n"
        "Short first paragraph\n\n"
        "The port authority reopened the harbour on Friday.\n"
    )
    assert item.title == "Harbour reopens after storm"
    assert (item.published, item.published_source) == ("2025-05-09", "header")
    assert (item.byline, item.source, item.section) == ("Tomas Reyes", "Example Wire", "Weather")
    assert item.url == "https://wire.example.net/harbour"
    # The title came from the header, so a short first paragraph is not taken as one.
    assert item.text.startswith("Short first paragraph\n\nThe port authority")


def test_no_header_keeps_everything_in_the_body() -> None:
    text = "The port reopened on Friday. It had been closed for two days.\n\nShips queued outside."
    item = document(text + "\n", url="https://example.org/a", retrieved="2025-05-09T08:00:00Z")
    assert item.text == text
    assert (item.title, item.published, item.section, item.standfirst) == (None, None, None, None)
    assert (item.url, item.retrieved) == ("https://example.org/a", "2025-05-09T08:00:00Z")


def test_first_line_is_a_title_when_it_looks_like_one() -> None:
    item = document("Ceasefire Holds\n\nThe ceasefire held overnight, officials said.\n")
    assert (item.title, item.section) == ("Ceasefire Holds", None)
    assert item.text == "The ceasefire held overnight, officials said."


def test_title_glued_to_the_body_when_title_cased() -> None:
    item = document("Harbour Reopens After Storm\nThe port authority reopened the harbour on Friday.\n")
    assert item.title == "Harbour Reopens After Storm"
    assert item.text == "The port authority reopened the harbour on Friday."


def test_a_wrapped_first_line_is_not_a_title() -> None:
    text = (
        "The talks resumed on Thursday in Geneva after a week of fighting along\n"
        "the front line, officials said.\n\nMore talks are planned."
    )
    item = document(text)
    assert item.title is None
    assert item.text == text


def test_section_line_before_a_headline() -> None:
    item = document("Politics\n\nParliament Approves New Election Law\n\nLawmakers voted on Tuesday.\n")
    assert (item.section, item.title) == ("Politics", "Parliament Approves New Election Law")


def test_byline_and_date_under_the_headline() -> None:
    item = document("Storm Closes Harbour\nBy Tomas Reyes\nMay 7, 2025\n\nThe harbour closed on Wednesday.\n")
    assert (item.title, item.byline, item.published) == ("Storm Closes Harbour", "Tomas Reyes", "2025-05-07")
    assert item.text == "The harbour closed on Wednesday."


def test_wire_dateline_opening_the_body_dates_the_story_and_leaves_the_text_for_its_fields() -> None:
    item = document(
        "Today : May 09, 2025\n\nTalks Resume In Moscow\n\n"
        "MOSCOW, May 8 (Reuters) - Talks resumed on Thursday, officials said.\n"
    )
    assert (item.published, item.published_source, item.retrieved) == ("2025-05-08", "dateline", "2025-05-09")
    assert item.text == "Talks resumed on Thursday, officials said."
    assert (item.dateline_place, item.source) == ("Moscow", "Reuters")
    assert item.furniture == (Furniture(kind="dateline", text="MOSCOW, May 8 (Reuters) -", line=5, at=0),)


def test_a_yearless_dateline_without_a_page_date_is_not_guessed() -> None:
    item = document("Talks Resume In Moscow\n\nMOSCOW, May 8 (Reuters) - Talks resumed on Thursday.\n")
    assert item.published is None


def test_a_standfirst_needs_a_body_after_it() -> None:
    item = document("Harbour Reopens After Storm\n\nShips are moving again\n")
    assert (item.title, item.standfirst, item.text) == (
        "Harbour Reopens After Storm",
        None,
        "Ships are moving again",
    )


def test_one_line_is_a_body_not_a_title() -> None:
    item = document("Hello World\n")
    assert (item.title, item.text) == (None, "Hello World")


def test_only_a_header_block_is_rejected() -> None:
    item = only(read_text(RawInput(origin="stub.txt", data=b"Today : May 09, 2025\nWorld News\n08 May 2025\n")))
    assert item == Rejection(
        origin="stub.txt",
        reason="empty_text",
        message="only a header block (dates, section, title), no article text",
    )


def test_body_offset_points_into_the_decoded_text() -> None:
    text = "Politics\n08 May 2025\n\nBudget Talks Stall Again\n\nNegotiators left without a deal."
    header = parse_header(text)
    assert text[header.body_start :] == "Negotiators left without a deal."


def test_bad_bytes_become_rejections() -> None:
    assert only(read_text(RawInput(origin="empty.txt", data=b""))) == Rejection(
        origin="empty.txt", reason="empty_text", message="file is empty"
    )
    png = only(read_text(RawInput(origin="photo.png", data=b"\x89PNG\r\n\x1a\n\x00\x00")))
    assert isinstance(png, Rejection) and png.reason == "binary"


@pytest.mark.shared
def test_real_bodies_have_no_header_and_real_titles_are_found(wikinews: Path) -> None:
    """Over 291 real Wikinews articles: a bare body is never cut, and under a synthetic header
    block the title, section and both dates are recovered (pinned floor; two articles open with
    chart legends that read like a standfirst)."""
    import json

    records = [json.loads(line) for line in wikinews.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 291
    assert all(parse_header(r["text"]) == parse_header("") for r in records)
    recovered = 0
    for r in records:
        day = r["published"]
        header = parse_header(f"Today: {day}\nWorld\n{day}\n\n{r['title']}\n\n{r['text']}")
        got = (header.title, header.section, header.published, header.retrieved, header.standfirst)
        recovered += got == (r["title"], "World", day, day, None)
    assert recovered >= 289


def test_a_body_opening_with_by_is_not_a_byline() -> None:
    text = "By the time the talks resumed on Thursday, both sides\nhad left the city."
    item = document(f"Talks Resume In Geneva\n\n{text}\n")
    assert (item.title, item.byline, item.text) == ("Talks Resume In Geneva", None, text)


def test_capitalised_byline() -> None:
    item = document("Talks Resume In Geneva\n\nBY ANA SILVA\n\nThe talks resumed on Thursday.\n")
    assert (item.byline, item.standfirst) == ("ANA SILVA", None)
