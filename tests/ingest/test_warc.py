from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest.readers import read
from newsgraph.ingest.source import RawInput
from newsgraph.ingest.warc import read_warc
from newsgraph.model import Document, Rejection

from .helpers import DATA

ARTICLE = (DATA / "article.html").read_bytes()
SECOND = ARTICLE.replace(b"Geneva", b"Vienna").replace(b"grain", b"fertiliser")
INDEX = (DATA / "index.html").read_bytes()
DATE = "2025-05-09T08:00:00Z"


def record_id(n: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


def archive(*, gzip: bool) -> tuple[bytes, list[int]]:
    """A small crawl: info, a request, two article pages, an image, an index page and a 404,
    and the byte offset of each record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    offsets: list[int] = []

    def write(n: int, kind: str, uri: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        headers = {"WARC-Record-ID": record_id(n), "WARC-Date": DATE}
        offsets.append(buffer.tell())
        writer.write_record(
            writer.create_warc_record(
                uri, kind, payload=io.BytesIO(body), length=len(body),
                http_headers=http if kind == "response" else None, warc_headers_dict=headers,
            )
        )  # fmt: skip

    write(1, "resource", "https://gazette.example.org/robots.txt", b"User-agent: *\n", "text/plain")
    write(2, "response", "https://gazette.example.org/world/geneva", ARTICLE, "text/html; charset=utf-8")
    write(3, "response", "https://gazette.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    write(4, "response", "https://gazette.example.org/world/", INDEX, "text/html")
    write(5, "response", "https://gazette.example.org/gone", ARTICLE, "text/html", status="404 Not Found")
    write(6, "response", "https://gazette.example.org/world/vienna", SECOND, "text/html")
    return buffer.getvalue(), offsets


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_become_documents(gzip: bool) -> None:
    data, _ = archive(gzip=gzip)
    first, index, second = read(RawInput(origin="crawl.warc", data=data))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.title == "Geneva talks on grain corridor resume"
    assert second.title == "Vienna talks on fertiliser corridor resume"
    assert first.extra == (
        ("warc_record_id", record_id(2)),
        ("warc_target_uri", "https://gazette.example.org/world/geneva"),
    )
    assert first.origin == "crawl.warc#urn:uuid:00000000-0000-4000-8000-000000000002"
    assert first.retrieved == DATE
    # The page's canonical link wins over the crawled address; both are kept.
    assert first.url == "https://gazette.example.org/world/2025/05/geneva-grain-talks"
    assert index == Rejection(
        origin="crawl.warc#urn:uuid:00000000-0000-4000-8000-000000000004",
        reason="not_an_article",
        message="no article text found in the page (106 characters of boilerplate); is this an index page?",
    )


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_truncated_archive_keeps_what_came_before(gzip: bool) -> None:
    data, offsets = archive(gzip=gzip)
    cut = offsets[5] + (offsets[5] - offsets[4]) // 2 if not gzip else offsets[5] + 100
    items = list(read_warc(RawInput(origin="crawl.warc", data=data[:cut])))
    assert [type(item).__name__ for item in items] == ["Document", "Rejection", "Rejection"]
    assert items[-1] == Rejection(
        origin="crawl.warc",
        reason="truncated",
        message=(
            f"archive is truncated or corrupt at record 6 (byte offset {offsets[5]:,}); "
            "kept the 5 records before it; re-download or re-copy the file"
        ),
    )


def test_archive_cut_inside_the_first_record_header() -> None:
    data, _ = archive(gzip=False)
    items = list(read_warc(RawInput(origin="crawl.warc", data=data[:30])))
    assert len(items) == 1
    rejection = items[0]
    assert isinstance(rejection, Rejection) and rejection.reason == "truncated"
    assert rejection.message.startswith("archive is truncated or corrupt at record 1 (byte offset 0)")
    assert rejection.message.endswith("; kept the 0 records before it; re-download or re-copy the file")


def test_archive_without_records() -> None:
    assert list(read_warc(RawInput(origin="x.warc", data=b"\r\n"))) == [
        Rejection(origin="x.warc", reason="empty_text", message="the archive holds no records")
    ]
