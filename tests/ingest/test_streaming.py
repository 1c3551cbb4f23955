"""Issue 7: big inputs stream from disk in bounded memory, and one document has a size limit."""

from __future__ import annotations

import gzip
import io
import json
import random
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import ConfigError
from newsgraph.ingest import inputs
from newsgraph.ingest.inputs import iter_inputs, read_all
from newsgraph.ingest.readers import read
from newsgraph.ingest.source import MAX_DOCUMENT_BYTES, RawInput
from newsgraph.model import Document, Rejection

from .helpers import DATA

MiB = 1024 * 1024
RAISE = "raise the limit with NEWSGRAPH_MAX_DOCUMENT_BYTES=<bytes> (max_document_bytes= in the Python API)"
ARTICLE = (DATA / "article.html").read_bytes()


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stream every file above 4 KB (the default is 16 MiB), so small files exercise streaming."""
    monkeypatch.setattr(inputs, "STREAM_THRESHOLD", 4096)
    monkeypatch.delenv("NEWSGRAPH_MAX_DOCUMENT_BYTES", raising=False)


def peak_memory(run: Callable[[], object]) -> tuple[object, int]:
    """What ``run`` returns, and the peak of Python memory allocated while it ran."""
    tracemalloc.start()
    try:
        result = run()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def count(items: Iterator[Document | Rejection]) -> tuple[int, list[Rejection]]:
    """Documents counted and dropped as they come (as the store does), and the rejections."""
    documents = 0
    rejections: list[Rejection] = []
    for item in items:
        if isinstance(item, Document):
            documents += 1
        else:
            rejections.append(item)
    return documents, rejections


def test_a_100_mb_article_is_rejected_without_being_loaded(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    with article.open("wb") as file:
        file.truncate(100 * MiB)  # sparse: no disk used, and never read
    items, peak = peak_memory(lambda: list(read_all([str(article)])))
    assert items == [
        Rejection(
            origin=str(article),
            reason="too_large",
            message=(
                "104,857,600 bytes is more than the 33,554,432-byte limit for one text/HTML/feed input; "
                f"split it, or {RAISE}"
            ),
        )
    ]
    assert peak < 2 * MiB


def test_big_inputs_are_not_loaded(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_bytes(b'{"text": "Port reopens."}\n' * 1000)
    small = tmp_path / "small.txt"
    small.write_bytes(b"Port reopens.\n")
    big, little = iter_inputs([str(dump), str(small)])
    assert isinstance(big, RawInput) and isinstance(little, RawInput)
    assert (big.path, big.data, big.size) == (dump, dump.read_bytes()[: inputs.HEAD_BYTES], 26_000)
    assert (little.path, little.data) == (None, b"Port reopens.\n")


def test_the_limit_can_be_raised_or_lowered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(b"The port reopened on Friday after the storm. " * 200)  # 9,000 bytes, streamed
    assert isinstance(next(read_all([str(story)])), Document)
    assert next(read_all([str(story)], max_document_bytes=1000)) == Rejection(
        origin=str(story),
        reason="too_large",
        message=f"9,000 bytes is more than the 1,000-byte limit for one text/HTML/feed input; split it, or {RAISE}",
    )
    monkeypatch.setenv("NEWSGRAPH_MAX_DOCUMENT_BYTES", "1_000")
    assert next(read_all([str(story)])).reason == "too_large"  # type: ignore[union-attr]
    assert isinstance(next(read_all([str(story)], max_document_bytes=MAX_DOCUMENT_BYTES)), Document)
    monkeypatch.setenv("NEWSGRAPH_MAX_DOCUMENT_BYTES", "32MB")
    with pytest.raises(ConfigError) as caught:
        next(read_all([str(story)]))
    assert str(caught.value) == (
        "NEWSGRAPH_MAX_DOCUMENT_BYTES='32MB': expected a positive number of bytes, e.g. 33554432"
    )


def test_in_memory_inputs_and_gzip_bombs_are_limited_too() -> None:
    text = b"The port reopened on Friday. " * 100
    raw = RawInput(origin="story.txt", data=text)
    assert list(read(raw, max_document_bytes=1000)) == [
        Rejection(
            origin="story.txt",
            reason="too_large",
            message=f"2,900 bytes is more than the 1,000-byte limit for one text/HTML/feed input; split it, or {RAISE}",
        )
    ]
    bomb = RawInput(origin="story.txt.gz", data=gzip.compress(text * 100))  # 290 KB in 1 KB
    assert list(read(bomb, max_document_bytes=10_000)) == [
        Rejection(
            origin="story.txt.gz",
            reason="too_large",
            message=(
                "the decompressed data is more than the 10,000-byte limit for one text/HTML/feed input; "
                f"split it, or {RAISE}"
            ),
        )
    ]


def jsonl_lines(n: int, *, size: int = 400) -> bytes:
    body = "The port reopened on Friday after the storm. " * (size // 45)
    return b"".join(json.dumps({"title": f"Story {i}", "text": f"{i}. {body}"}).encode() + b"\n" for i in range(n))


@pytest.mark.parametrize("compress", [False, True], ids=["jsonl", "jsonl.gz"])
def test_jsonl_streams_in_bounded_memory(tmp_path: Path, compress: bool) -> None:
    data = jsonl_lines(8_000)  # 3.4 MB
    dump = tmp_path / ("dump.jsonl.gz" if compress else "dump.jsonl")
    dump.write_bytes(gzip.compress(data, compresslevel=1) if compress else data)
    (documents, rejections), peak = peak_memory(lambda: count(read_all([str(dump)])))
    assert (documents, rejections) == (8_000, [])
    assert peak < MiB, peak  # a fraction of the 3.4 MB file


@pytest.mark.parametrize("compress", [False, True], ids=["jsonl", "jsonl.gz"])
def test_streamed_jsonl_reads_like_jsonl_in_memory(tmp_path: Path, compress: bool) -> None:
    data = (DATA / "articles.jsonl").read_bytes() * 40 + b'{}\r{"text": "cr"}\r\n'
    data = gzip.compress(data, compresslevel=0) if compress else data
    dump = tmp_path / "dump.jsonl"
    dump.write_bytes(data)
    (streamed,) = iter_inputs([str(dump)])
    assert isinstance(streamed, RawInput) and streamed.path == dump
    items = list(read(streamed))
    assert items == list(read(RawInput(origin=str(dump), data=data)))
    # Four items from each copy of the fixture, then "{}" and "cr" on lines split by a lone CR.
    assert len(items) == 162
    assert [item.origin.rsplit(":", 1)[1] for item in items[-2:]] == ["201", "202"]


def test_a_jsonl_line_over_the_limit_is_rejected_alone(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    long_line = jsonl_lines(1, size=9000)
    dump.write_bytes(jsonl_lines(1) + long_line + jsonl_lines(1))
    items = list(read_all([str(dump)], max_document_bytes=2000))
    assert [item.origin for item in items] == [f"{dump}:1", f"{dump}:2", f"{dump}:3"]
    assert isinstance(items[0], Document) and isinstance(items[2], Document)
    assert items[1] == Rejection(
        origin=f"{dump}:2",
        reason="too_large",
        message=(
            f"line 2 is {len(long_line):,} bytes, which is more than the 2,000-byte limit for one JSON line; "
            f"split it, or {RAISE}"
        ),
    )


def test_a_json_array_over_the_limit(tmp_path: Path) -> None:
    dump = tmp_path / "dump.json"
    dump.write_bytes(json.dumps([{"text": "Port reopens."}] * 500).encode())
    assert list(read_all([str(dump)], max_document_bytes=5000)) == [
        Rejection(
            origin=str(dump),
            reason="too_large",
            message=(
                "the file is more than the 5,000-byte limit for a file holding one JSON array "
                "(JSON lines have none: jq -c '.[]' in.json > out.jsonl); "
                f"split it, or {RAISE}"
            ),
        )
    ]


def test_a_truncated_jsonl_gz_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    data = gzip.compress(jsonl_lines(200))
    dump = tmp_path / "dump.jsonl.gz"
    dump.write_bytes(data[: len(data) * 3 // 4])
    (documents, rejections) = count(read_all([str(dump)]))
    assert 0 < documents < 200
    (rejection,) = rejections
    assert (rejection.origin, rejection.reason) == (str(dump), "truncated")
    assert rejection.message.startswith("gzip data is truncated after ")


def write_crawl(path: Path, *, pages: int, filler: int, compress: bool) -> None:
    """An archive of ``pages`` article pages, each after a ``filler``-byte video record (random
    bytes: video does not compress, and warcio inflates a block of compressed zeros a
    thousandfold)."""
    random.seed(7)
    with path.open("wb") as file:
        writer = WARCWriter(file, gzip=compress)
        for n in range(pages):
            for uri, body, content_type in (
                (f"https://gazette.example.org/video{n}.mp4", random.randbytes(filler), "video/mp4"),
                (f"https://gazette.example.org/story{n}", ARTICLE.replace(b"Geneva", b"Geneva %d" % n), "text/html"),
            ):
                http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
                )
                writer.write_record(record)


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_warc_streams_in_bounded_memory(tmp_path: Path, compress: bool) -> None:
    crawl = tmp_path / "crawl.warc"
    write_crawl(crawl, pages=3, filler=8 * MiB, compress=compress)  # 24 MB of video, never read
    (documents, rejections), peak = peak_memory(lambda: count(read_all([str(crawl)], max_document_bytes=MiB)))
    assert (documents, rejections) == (3, [])
    assert peak < 2 * MiB, peak  # of a 24 MB file


def test_a_warc_page_over_the_limit_is_rejected_alone(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.warc"
    write_crawl(crawl, pages=2, filler=10, compress=False)
    items = list(read_all([str(crawl)], max_document_bytes=len(ARTICLE) - 100))
    assert len(items) == 2
    for item in items:
        assert isinstance(item, Rejection) and item.reason == "too_large"
        assert item.origin.startswith(f"{crawl}#urn:uuid:")
        assert item.message.startswith("the record holds 1,2")
        limit = f"{len(ARTICLE) - 100:,}-byte limit"
        assert item.message.endswith(
            f"bytes, which is more than the {limit} for one archived page; split it, or {RAISE}"
        )


def test_big_stdin_is_spooled_to_a_file_deleted_after_reading() -> None:
    data = jsonl_lines(50)
    items = iter_inputs(["-"], stdin=io.BytesIO(data))
    raw = next(items)
    assert isinstance(raw, RawInput) and raw.origin == "<stdin>" and raw.path is not None
    assert raw.path.read_bytes() == data
    assert count(read(raw)) == (50, [])
    assert next(items, None) is None
    assert not raw.path.exists()


def test_a_file_that_vanishes_before_it_is_read(tmp_path: Path) -> None:
    gone = tmp_path / "gone.txt"
    raw = RawInput(origin=str(gone), data=b"The port reopened.", path=gone)
    assert list(read(raw)) == [
        Rejection(origin=str(gone), reason="read_error", message=f"cannot read {gone}: No such file or directory")
    ]
