"""Dispatch by sniffed format, and every bad-input kind with its exact message, end to end."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.errors import ConfigError
from newsgraph.ingest.readers import READERS, read
from newsgraph.ingest.sniff import FORMATS
from newsgraph.ingest.source import RawInput
from newsgraph.model import Document, Rejection

from .helpers import DATA, only, read_all_of

READABLE = "newsgraph reads text, HTML, feeds, WARC and JSONL"


def test_every_sniffed_format_has_a_reader() -> None:
    assert set(READERS) == set(FORMATS)


@pytest.mark.parametrize(
    ("name", "saved_as", "title"),
    [
        ("article.html", "article.txt", "Geneva talks on grain corridor resume"),
        ("feed-atom.xml", "feed.html", "Ceasefire observers arrive"),
        ("articles.jsonl", "articles.txt", "Port reopens"),
    ],
)
def test_content_beats_the_extension(name: str, saved_as: str, title: str) -> None:
    first = read_all_of(saved_as, (DATA / name).read_bytes())[0]
    assert isinstance(first, Document) and first.title == title


def test_gzipped_inputs_are_read_transparently() -> None:
    items = read_all_of("articles.jsonl.gz", gzip.compress((DATA / "articles.jsonl").read_bytes()))
    assert [type(i).__name__ for i in items] == ["Document", "Document", "Rejection", "Rejection"]
    assert items[0].origin == "articles.jsonl.gz:1"


def test_a_forced_format_skips_sniffing() -> None:
    item = only(read_all_of("a.html", "<p>Plain words, read as text.</p>", format="text"))
    assert isinstance(item, Document) and item.text == "<p>Plain words, read as text.</p>"


def test_an_unknown_format_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as caught:
        list(read(RawInput(origin="a", data=b"x"), "pdf"))
    assert str(caught.value) == "unknown input format 'pdf'; expected one of warc, feed, html, jsonl, text"


@pytest.mark.parametrize(
    ("name", "data", "reason", "message"),
    [
        ("empty.txt", b"", "empty_text", "file is empty"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "binary",
         f"binary data (PNG image), not text; {READABLE}"),
        ("report.html", b"%PDF-1.4\n%...", "binary", f"binary data (PDF document), not text; {READABLE}"),
        (
            "mystery.txt",
            bytes(range(0x80, 0x100)) * 10,
            "decode_error",
            "cannot detect the text encoding (not UTF-8, and no other encoding fits); "
            "convert the file to UTF-8, e.g. with `iconv -f <encoding> -t UTF-8`",
        ),
        ("index.html", (DATA / "index.html").read_bytes(), "not_an_article",
         "no article text found in the page (106 characters of boilerplate); is this an index page?"),
    ],
)  # fmt: skip
def test_bad_input_is_one_rejection_naming_the_file(name: str, data: bytes, reason: str, message: str) -> None:
    assert read_all_of(name, data) == [Rejection(origin=name, reason=reason, message=message)]


def test_truncated_gzip() -> None:
    data = gzip.compress(" ".join(str(n) for n in range(20000)).encode())
    item = only(read_all_of("story.txt.gz", data[: len(data) // 2]))
    assert isinstance(item, Rejection)
    assert (item.origin, item.reason) == ("story.txt.gz", "truncated")
    assert item.message.startswith("gzip data is truncated after ")
    assert item.message.endswith(
        " decompressed bytes; the file was cut off (re-download it, or check the disk was not full)"
    )


def test_a_crashing_reader_is_a_rejection_not_a_crash() -> None:
    def broken(raw: RawInput) -> Iterator[Document | Rejection]:
        raise KeyError("oops")
        yield  # pragma: no cover - makes this a generator

    items = list(read(RawInput(origin="a.txt", data=b"text"), readers={"text": broken}))
    assert items == [
        Rejection(
            origin="a.txt",
            reason="reader_error",
            message=(
                "the text reader failed (KeyError: 'oops'); this is a bug in newsgraph: please report it with the file"
            ),
        )
    ]


@pytest.mark.shared
def test_the_example_article_is_sniffed_as_text(example_article: Path) -> None:
    item = only(read(RawInput(origin=str(example_article), data=example_article.read_bytes())))
    assert isinstance(item, Document) and item.published_source == "dateline"
