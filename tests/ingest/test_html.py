from __future__ import annotations

from newsgraph.ingest.html import read_html
from newsgraph.ingest.source import RawInput
from newsgraph.model import Document, Rejection

from .helpers import DATA, fixture, only


def test_article_page() -> None:
    item = only(read_html(fixture("article.html")))
    assert isinstance(item, Document)
    assert item.title == "Geneva talks on grain corridor resume"
    assert (item.published, item.published_source) == ("2025-05-08", "html")
    assert item.byline == "Mara Lindqvist"
    assert item.source == "The Harbour Gazette"
    assert item.url == "https://gazette.example.org/world/2025/05/geneva-grain-talks"  # the canonical link
    assert item.language == "en"
    assert item.origin == "article.html"
    # Paragraphs kept apart, the repeated <h1> title and the navigation left out.
    assert item.text.split("\n\n") == [
        "Delegations met again in Geneva on Thursday to discuss reopening a shipping corridor for grain, "
        "according to two diplomats who attended the opening session of the talks.",
        "The mediators, a group of neutral governments, said the first day focused on inspection rules for "
        "cargo ships and on insurance for crews crossing the area.",
        "Neither side commented on a timetable. A further round is expected later in the month, one of the "
        "diplomats said.",
    ]


def test_url_and_retrieved_come_from_the_input_when_the_page_has_none() -> None:
    page = (DATA / "article.html").read_text(encoding="utf-8").replace('<link rel="canonical"', '<link rel="x"')
    raw = RawInput(
        origin="https://gazette.example.org/a",
        data=page.encode(),
        url="https://gazette.example.org/a",
        retrieved="2025-05-09T10:00:00Z",
    )
    item = only(read_html(raw))
    assert isinstance(item, Document)
    assert (item.url, item.retrieved) == ("https://gazette.example.org/a", "2025-05-09T10:00:00Z")


def test_a_date_only_in_the_url_is_not_a_publication_date() -> None:
    page = (DATA / "article.html").read_text(encoding="utf-8")
    page = page.replace('<meta property="article:published_time" content="2025-05-08T09:30:00+02:00">', "")
    item = only(read_html(RawInput(origin="a.html", data=page.encode())))
    assert isinstance(item, Document)
    assert (item.published, item.published_source) == (None, None)


def test_latin1_page_declared_in_meta() -> None:
    page = (DATA / "article.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">').replace("Geneva", "Genève")
    item = only(read_html(RawInput(origin="a.html", data=page.encode("latin-1"))))
    assert isinstance(item, Document)
    assert item.title == "Genève talks on grain corridor resume"


def test_index_page_is_not_an_article() -> None:
    assert only(read_html(fixture("index.html"))) == Rejection(
        origin="index.html",
        reason="not_an_article",
        message="no article text found in the page (106 characters of boilerplate); is this an index page?",
    )


def test_empty_page() -> None:
    assert only(read_html(RawInput(origin="blank.html", data=b""))) == Rejection(
        origin="blank.html", reason="empty_text", message="file is empty"
    )


def test_description_is_the_standfirst_unless_it_repeats_the_lead() -> None:
    page = (DATA / "article.html").read_text(encoding="utf-8")
    meta = '<head><meta name="description" content="{}">'
    own = page.replace("<head>", meta.format("Diplomats return to the table as shipping stays blocked"))
    repeat = page.replace("<head>", meta.format("Delegations met again in Geneva on Thursday to discuss..."))
    first = only(read_html(RawInput(origin="a.html", data=own.encode())))
    second = only(read_html(RawInput(origin="b.html", data=repeat.encode())))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.standfirst == "Diplomats return to the table as shipping stays blocked"
    assert second.standfirst is None


def test_xhtml_with_an_xml_declaration() -> None:
    page = (DATA / "article.html").read_text(encoding="utf-8")
    page = page.replace("<!DOCTYPE html>", '<?xml version="1.0" encoding="utf-8"?>')
    item = only(read_html(RawInput(origin="a.xhtml", data=page.encode())))
    assert isinstance(item, Document) and item.title == "Geneva talks on grain corridor resume"
