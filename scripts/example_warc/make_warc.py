"""Build ``pages.warc.gz``, the small sample web archive in newsgraph's examples.

The archive holds, in order:

1. a ``warcinfo`` record describing the (imaginary) crawl;
2. a ``response`` record for ``https://example.org/robots.txt`` (``text/plain``);
3. one ``response`` record per HTML page in ``pages/*.html`` (sorted by name), each with
   full HTTP/1.1 response headers. The target URI is the page's ``<link rel="canonical">``
   and ``Last-Modified`` comes from its ``article:published_time``.

The output is deterministic: record ids are UUIDv5 values derived from the URI, and the
dates are fixed, so re-running the script reproduces the same file byte for byte.

Usage (from the repository root)::

    .venv/bin/python examples/warc/make_warc.py
"""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SRC = HERE / "pages"
OUT = HERE.parents[1] / "examples" / "warc" / "pages.warc.gz"

# The imaginary crawl started at this instant; each record is one second later.
CRAWL_START = datetime(2025, 6, 2, 6, 14, 0, tzinfo=UTC)
SERVER = "nginx"
USER_AGENT = "newsgraph-examples/1.0 (+https://example.org/newsgraph)"
ROBOTS_TXT = (
    "# robots.txt for example.org\n"
    "User-agent: *\n"
    "Disallow: /search\n"
    "Disallow: /account/\n"
    "\n"
    "Sitemap: https://example.org/sitemap.xml\n"
)

CANONICAL_RE = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"', re.IGNORECASE)
PUBLISHED_RE = re.compile(r'<meta\s+property="article:published_time"\s+content="([^"]+)"', re.IGNORECASE)


def record_id(uri: str) -> str:
    """A stable WARC-Record-ID for ``uri``."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'newsgraph-examples:' + uri)}>"


def warc_date(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def http_date(when: datetime) -> str:
    return format_datetime(when.astimezone(UTC), usegmt=True)


def response_record(
    writer: WARCWriter,
    uri: str,
    body: bytes,
    content_type: str,
    fetched: datetime,
    last_modified: datetime | None,
) -> ArcWarcRecord:
    """A ``response`` record: HTTP/1.1 status line and headers, then ``body``."""
    headers = [
        ("Date", http_date(fetched)),
        ("Server", SERVER),
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
    ]
    if last_modified is not None:
        headers.append(("Last-Modified", http_date(last_modified)))
    headers.append(("ETag", '"' + hashlib.sha1(body).hexdigest()[:16] + '"'))
    headers.append(("Cache-Control", "public, max-age=300"))
    headers.append(("Connection", "close"))
    http_headers = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    return writer.create_warc_record(
        uri,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict={
            "WARC-Record-ID": record_id(uri),
            "WARC-Date": warc_date(fetched),
            "WARC-IP-Address": "192.0.2.10",  # TEST-NET-1, documentation range
        },
    )


def main() -> None:
    pages = sorted(SRC.glob("*.html"))
    if not pages:
        raise SystemExit(f"no HTML pages in {SRC}")

    with OUT.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        tick = CRAWL_START

        info = (
            "software: warcio (newsgraph examples/warc/make_warc.py)\r\n"
            "format: WARC File Format 1.0\r\n"
            "conformsTo: http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf\r\n"
            f"http-header-user-agent: {USER_AGENT}\r\n"
            "description: Sample crawl of example.org for the newsgraph examples. "
            "All texts were written for newsgraph; CC0.\r\n"
            "robots: obey\r\n"
        ).encode()
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_headers_dict={
                    "WARC-Record-ID": record_id("warcinfo:" + OUT.name),
                    "WARC-Date": warc_date(tick),
                    "WARC-Filename": OUT.name,
                },
            )
        )

        tick += timedelta(seconds=1)
        robots = ROBOTS_TXT.encode("utf-8")
        writer.write_record(
            response_record(
                writer,
                "https://example.org/robots.txt",
                robots,
                "text/plain; charset=utf-8",
                tick,
                datetime(2024, 9, 1, tzinfo=UTC),
            )
        )

        for page in pages:
            html = page.read_text(encoding="utf-8")
            canonical = CANONICAL_RE.search(html)
            if canonical is None:
                raise SystemExit(f'{page}: no <link rel="canonical">')
            published = PUBLISHED_RE.search(html)
            modified = datetime.fromisoformat(published.group(1).replace("Z", "+00:00")) if published else None
            tick += timedelta(seconds=1)
            writer.write_record(
                response_record(
                    writer,
                    canonical.group(1),
                    html.encode("utf-8"),
                    "text/html; charset=utf-8",
                    tick,
                    modified,
                )
            )

    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(pages) + 2} records)")


if __name__ == "__main__":
    main()
