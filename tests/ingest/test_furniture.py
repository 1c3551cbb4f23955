"""Page furniture: captions, credits, datelines, timestamps, headers, related lines and prompts
leave the text by general rules, are kept in Document.furniture, and prose stays."""

from __future__ import annotations

import json
import time
import tomllib

import jsonschema
import pytest

from newsgraph.export.record import document_record, schema
from newsgraph.ingest.furniture import line_kind, strip_furniture
from newsgraph.ingest.html import extract_article
from newsgraph.ingest.source import RawInput
from newsgraph.model import FURNITURE_KINDS, Document

from .helpers import WIRE, wire_documents

EXPECTED = tomllib.loads((WIRE / "expected.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Senator Jo Fenn speaks in Washington, U.S., May 3, 2020. REUTERS/Ana Lutz", "caption"),
        ("A crowd gathers in Lagos on Friday. Photo: Bisi Alade", "caption"),
        ("Workers clear debris in Ostrava. (Photo by Jan Novak/Agency)", "caption"),
        ("This image provided by the navy shows the ship at sea. (Navy via AP)", "caption"),
        ("In this Jan. 5, 2021, photo, a man waits for a bus in Boise, Idaho.", "caption"),
        ("FILE PHOTO: A view of the central bank in Frankfurt, Germany, June 1, 2020.", "caption"),
        ("FILE - Voters line up outside a school in Tulsa, Okla., Nov. 3, 2020.", "caption"),
        ("A view of the new dam. Handout", "caption"),
        ("REUTERS/Ana Lutz/File Photo", "credit"),
        ("Ana Lutz/Agence Exemple", "credit"),
        ("Handout via Northwire", "credit"),
        ("Getty Images", "credit"),
        ("Writing by Sam Cole; Editing by Alex Dunn", "credit"),
        ("10:15 a.m.", "timestamp"),
        ("3 p.m. EDT", "timestamp"),
        ("14:05 GMT", "timestamp"),
        ("WHAT YOU NEED TO KNOW:", "header"),
        ("WORLD CUP 2022", "header"),
        ("Related: Talks stall over grain deal", "related"),
        ("READ MORE:", "related"),
        ("Read more", "related"),
        ("See also - The budget explained", "related"),
        ("Sign up for our daily newsletter", "prompt"),
        ("Get breaking news alerts on your phone", "prompt"),
        ("Follow our coverage at https://example.org/vote", "prompt"),
    ],
)
def test_a_furniture_line_is_recognised_by_its_shape(line: str, kind: str) -> None:
    assert line_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "The vote passed 52-48, officials said.",
        "The 2020/21 season ended early because of the pandemic.",
        "He said the AC/DC concert in Sydney was cancelled.",
        "Talks ended on Tuesday - officials said",
        "The government said the move was lawful (Reuters/Ipsos poll).",
        "A photo of the suspect was released by police on Monday.",
        "Reporting by the Gazette showed the mayor had misled the council.",
        "Download the app to track cases, officials urged residents.",
        "Support for the bill grew among our readers and voters.",
        "Get out of the building now, the fire chief told us.",
        '"WE WANT JUSTICE"',
        "NATO",
        "More than 300 people attended the rally.",
        "Watching the count, she said little.",
    ],
)
def test_prose_is_not_furniture(line: str) -> None:
    assert line_kind(line) is None


def test_a_text_without_furniture_comes_back_unchanged() -> None:
    text = "  Talks resumed in Geneva.\n\n\n\nNo deal was reached.  \n"
    cleaned = strip_furniture(text)
    assert (cleaned.text, cleaned.furniture, cleaned.dateline_place) == (text, (), None)


def test_items_keep_their_line_and_place_in_the_text() -> None:
    text = (
        "KYIV, Ukraine, May 8 (Reuters) - Talks resumed on Thursday.\n\n"
        "A soldier stands guard in Kyiv, May 7. REUTERS/Ola Berg\n\n"
        "No deal was reached."
    )
    cleaned = strip_furniture(text, first_line=4)
    assert cleaned.text == "Talks resumed on Thursday.\n\nNo deal was reached."
    assert (cleaned.dateline_place, cleaned.dateline_agency) == ("Kyiv, Ukraine", "Reuters")
    assert [(f.kind, f.line, f.at) for f in cleaned.furniture] == [("dateline", 4, 0), ("caption", 6, 27)]
    assert cleaned.text[27:].startswith("\nNo deal")


@pytest.mark.parametrize(
    "lead",
    [
        "NATO — the alliance met in Brussels on Monday.",
        "BREAKING, the band, played on Friday - and the crowd sang.",
        "Officials (who asked not to be named) - said talks went well.",
    ],
)
def test_a_lead_that_only_looks_like_a_dateline_stays(lead: str) -> None:
    assert strip_furniture(lead).text == lead


def test_every_wire_article_loses_exactly_its_furniture() -> None:
    documents = wire_documents()
    assert {d.origin for d in documents} == set(EXPECTED)
    kinds = set()
    for document in documents:
        expected = EXPECTED[document.origin]
        found = [[item.kind, item.text] for item in document.furniture]
        assert found == expected["furniture"], document.origin
        assert (document.dateline_place, document.source) == (expected.get("dateline_place"), expected.get("source"))
        for item in document.furniture:
            kinds.add(item.kind)
            assert item.kind in FURNITURE_KINDS
            assert item.text not in document.text, (document.origin, item.text)
            assert 0 <= item.at <= len(document.text) and item.line >= 1
        # The text is whole paragraphs: no blank-line runs or edge whitespace left by a removal.
        assert document.text == document.text.strip() and "\n\n\n" not in document.text
    assert kinds == set(FURNITURE_KINDS), "the corpus should exercise every kind"


def test_furniture_lines_are_numbered_in_the_input() -> None:
    for document in wire_documents():
        if not document.origin.startswith("text/"):
            continue
        lines = (WIRE / document.origin).read_text(encoding="utf-8").split("\n")
        for item in document.furniture:
            assert item.text in lines[item.line - 1], (document.origin, item)


def test_the_extract_record_carries_furniture_and_validates() -> None:
    for document in wire_documents():
        record = {"document": document_record(document), "mentions": [], "entities": [],
                  "time_expressions": [], "quotes": [], "events": []}  # fmt: skip
        jsonschema.validate(record, schema())
        assert record["document"]["furniture"] == [
            {"kind": f.kind, "text": f.text, "line": f.line, "at": f.at} for f in document.furniture
        ]


def test_html_markup_marks_captions_credits_and_link_lines() -> None:
    page = (
        "<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1>"
        "<p>The port of Tema reopened on Friday after a three-day closure caused by a fire in a warehouse, "
        "the harbour authority said in a statement.</p>"
        "<div class='media'><span class='photo-credit'>Kofi Mensah for the Courier</span></div>"
        "<p><a href='/x'>Why the port matters to the region's trade</a></p>"
        "<p><a href='/y'>The authority has published its full statement on the fire.</a></p>"
        "<p>Ships began unloading again by noon, and officials said traffic would be normal within a week, "
        "the authority added.</p>"
        "</article></body></html>"
    )
    document = extract_article(RawInput(origin="port.html", data=page.encode()))
    assert [(f.kind, f.text) for f in document.furniture] == [
        ("credit", "Kofi Mensah for the Courier"),
        ("related", "Why the port matters to the region's trade"),
    ]
    # A linked sentence (full stop and all) is the story citing a source: it stays.
    assert "The authority has published its full statement on the fire." in document.text


def test_a_record_that_is_only_furniture_is_rejected() -> None:
    from newsgraph.ingest.jsonl import read_jsonl

    line = json.dumps({"text": "REUTERS/Ana Lutz\nSign up for our daily newsletter"})
    (item,) = read_jsonl(RawInput(origin="wire.jsonl", data=line.encode()))
    assert not isinstance(item, Document) and item.reason == "empty_text"
    assert item.message == "line 1 has only page furniture in 'text'"


def test_a_huge_line_is_judged_in_linear_time() -> None:
    text = "A" + " " * 100_000 + "B. REUTERS/Ana Lutz\n" + "x/" * 50_000
    started = time.perf_counter()
    strip_furniture(text)
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("text", "place", "agency", "lead"),
    [
        ("WASHINGTON (Reuters) - The Senate voted.", "Washington", "Reuters", "The Senate voted."),
        ("LONDON, May 3, 2020 (AP) — Talks ended.", "London", "AP", "Talks ended."),
        ("(Reuters) - Shares fell.", None, "Reuters", "Shares fell."),
        ("NAIROBI, Kenya, 8 May 2025 — Rain fell.", "Nairobi, Kenya", None, "Rain fell."),
        # Wire copy of the 1990s: "--" and "_" dashes, the dateline on a line of its own.
        ("BUFFALO, N.Y. (AP) --\nThe snow kept falling.", "Buffalo, N.Y.", "AP", "The snow kept falling."),
        ("MIAMI _ The storm turned north.", "Miami", None, "The storm turned north."),
        ("NEW YORK _\nMarkets opened lower.", "New York", None, "Markets opened lower."),
    ],
)
def test_a_wire_dateline_gives_its_place_and_agency(
    text: str, place: str | None, agency: str | None, lead: str
) -> None:
    cleaned = strip_furniture(text)
    assert (cleaned.dateline_place, cleaned.dateline_agency, cleaned.text) == (place, agency, lead)
    assert [item.kind for item in cleaned.furniture] == ["dateline"]


def test_only_the_lead_has_a_dateline() -> None:
    text = "Talks resumed on Monday.\n\nMOSCOW (Reuters) - A second round is planned."
    assert strip_furniture(text).text == text


def test_a_feed_entry_loses_its_furniture_too() -> None:
    from newsgraph.ingest.feeds import read_feed

    content = (
        "<p>ROME (Harbor Wire) - Italy's parliament approved the budget on Friday after a week of talks "
        "between the coalition parties.</p><p>Senators vote in Rome on Friday. Harbor Wire/Lia Conti</p>"
        "<p>The budget cuts income tax for low earners.</p><p>Sign up for our Europe newsletter</p>"
    )
    feed = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Wire</title><item><title>Italy passes budget</title>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded></item></channel></rss>"
    )
    (item,) = read_feed(RawInput(origin="feed.xml", data=feed.encode()))
    assert isinstance(item, Document)
    assert item.text == (
        "Italy's parliament approved the budget on Friday after a week of talks between the coalition parties.\n\n"
        "The budget cuts income tax for low earners."
    )
    assert [f.kind for f in item.furniture] == ["dateline", "caption", "prompt"]
    assert (item.dateline_place, item.source) == ("Rome", "Wire")
