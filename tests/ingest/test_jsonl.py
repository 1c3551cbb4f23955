from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.errors import ConfigError
from newsgraph.ingest.jsonl import FieldMap, read_jsonl
from newsgraph.ingest.source import RawInput
from newsgraph.model import Document, Rejection

from .helpers import fixture, only


def lines(*records: object) -> RawInput:
    return RawInput(origin="dump.jsonl", data="\n".join(json.dumps(r) for r in records).encode())


def test_fixture_file_reads_good_lines_and_rejects_bad_ones() -> None:
    first, second, not_json, no_text = read_jsonl(fixture("articles.jsonl"))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.title, first.url, first.source) == (
        "Port reopens",
        "https://wire.example.net/1",
        "Test Wire",
    )
    assert (first.published, first.published_source, first.origin) == (
        "2025-05-09",
        "jsonl",
        "articles.jsonl:1",
    )
    # Line 2 is blank and skipped; line 3 has a written-out date and CRLF newlines.
    assert (second.published, second.origin) == ("2025-05-07", "articles.jsonl:3")
    assert second.text == "The council passed its budget.\n\nThe vote was close."
    assert not_json == Rejection(
        origin="articles.jsonl:4",
        reason="malformed",
        message="line 4 is not valid JSON (Expecting ',' delimiter at column 112)",
    )
    # The suggestion names the record's own long text field.
    assert no_text == Rejection(
        origin="articles.jsonl:5",
        reason="missing_field",
        message="line 5 has no 'text' field; map another field with --field text=body",
    )


def test_missing_text_suggests_the_longest_unmapped_field() -> None:
    item = only(read_jsonl(lines({"headline": "x", "content": "word " * 30})))
    assert item == Rejection(
        origin="dump.jsonl:1",
        reason="missing_field",
        message="line 1 has no 'text' field; map another field with --field text=content",
    )


def test_field_map_with_nested_and_unmapped_fields() -> None:
    fieldmap = FieldMap.parse(["text=body", "title=headline", "byline=author.name", "source=", "published=ts"])
    record = {
        "body": "Body text.",
        "headline": "Head",
        "author": {"name": "Ana Silva"},
        "source": "X",
        "ts": 1746700200,
    }
    item = only(read_jsonl(lines(record), fieldmap))
    assert isinstance(item, Document)
    assert (item.text, item.title, item.byline, item.source) == ("Body text.", "Head", "Ana Silva", None)
    assert item.published == "2025-05-08T10:30:00Z"  # epoch seconds are UTC


def test_unreadable_date_is_kept_in_extra() -> None:
    item = only(read_jsonl(lines({"text": "Body.", "published": "last Tuesday"})))
    assert isinstance(item, Document)
    assert (item.published, item.published_source, item.extra) == (
        None,
        None,
        (("published_raw", "last Tuesday"),),
    )


def test_records_that_are_not_articles() -> None:
    assert list(read_jsonl(lines([1, 2], {"text": ""}, {"text": ["a"]}))) == [
        Rejection(origin="dump.jsonl:1", reason="malformed", message="line 1 is an array, not a JSON object"),
        Rejection(origin="dump.jsonl:2", reason="empty_text", message="line 2 has an empty 'text' field"),
        Rejection(
            origin="dump.jsonl:3",
            reason="malformed",
            message="line 3 has a 'text' field that is an array, not text",
        ),
    ]


def test_a_json_array_file() -> None:
    raw = RawInput(origin="dump.json", data=b'[{"text": "One."}, {"title": "no text"}]')
    first, second = read_jsonl(raw)
    assert isinstance(first, Document) and first.origin == "dump.json#item-1"
    assert second == Rejection(
        origin="dump.json#item-2",
        reason="missing_field",
        message="item 2 has no 'text' field; map another field with --field text=body",
    )


def test_field_map_errors_list_the_targets() -> None:
    with pytest.raises(ConfigError) as caught:
        FieldMap.parse(["txt=body"])
    assert str(caught.value) == (
        "--field 'txt=body': expected TARGET=FIELD with TARGET one of "
        "text, title, url, published, source, byline, section, standfirst, language"
    )
    with pytest.raises(ConfigError, match=r"^--field text=: the text field cannot be unmapped"):
        FieldMap.parse(["text="])


@pytest.mark.shared
def test_wikinews_corpus(wikinews: Path) -> None:
    items = list(read_jsonl(RawInput(origin=str(wikinews), data=wikinews.read_bytes())))
    documents = [item for item in items if isinstance(item, Document)]
    assert len(items) == len(documents) == 291
    assert all(d.published and len(d.published) == 10 and d.published_source == "jsonl" for d in documents)
    assert min(d.published for d in documents if d.published) == "2019-01-04"
    assert max(d.published for d in documents if d.published) == "2020-12-28"
    assert all(d.source == "Wikinews (English)" and d.url and d.title for d in documents)
    assert len({d.id for d in documents}) == 291
    assert documents[0].origin == f"{wikinews}:1"


def test_a_broken_pretty_printed_array() -> None:
    raw = RawInput(origin="dump.json", data=b'[\n  {"text": "One."},\n  {"text": "Two."\n]')
    assert list(read_jsonl(raw)) == [
        Rejection(
            origin="dump.json",
            reason="malformed",
            message="not valid JSON (Expecting ',' delimiter at line 4, column 1)",
        )
    ]
