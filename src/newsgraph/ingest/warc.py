"""WARC and ARC web archives, through warcio: every archived HTML page goes to the HTML reader.

Only ``response`` (and ``resource``) records with an HTML payload are articles; requests,
metadata, images and scripts are skipped without a rejection, since a crawl is mostly those.
Each document keeps the record id and target URI in ``extra`` so it can be traced back.

warcio stops quietly at a cut-off archive (it just sees fewer records), so we check ourselves:
a record whose block is shorter than its Content-Length, or bytes left over after the last
record, make the archive ``truncated``. Documents read before the damage are kept.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import replace

from warcio.archiveiterator import ArchiveIterator

from newsgraph.ingest.dates import parse_date
from newsgraph.ingest.html import read_html
from newsgraph.ingest.source import RawInput
from newsgraph.model import Document, Rejection

__all__ = ["read_warc"]

log = logging.getLogger(__name__)

_ARTICLE_RECORDS = ("response", "resource")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(raw: RawInput) -> Iterator[Document | Rejection]:
    """The HTML pages archived in a WARC/ARC file (gzipped or not)."""
    records = 0
    skipped = 0
    end = 0
    iterator = ArchiveIterator(io.BytesIO(raw.data), arc2warc=True)
    try:
        for record in iterator:
            if record.length is None:
                # No Content-Length: not a record but the head of one, or trailing padding.
                if raw.data[end:].strip(b"\r\n\x00"):
                    yield _truncated(raw, records + 1, end, records)
                    return
                break
            records += 1
            payload = record.content_stream().read()
            # Only now: warcio's offset getter reads the record to its end, payload and all.
            offset = iterator.get_record_offset()
            if getattr(record.raw_stream, "limit", 0) > 0:
                # The block ended before its Content-Length: the file was cut inside it.
                yield _truncated(raw, records, offset, records - 1)
                return
            page = _page(raw, record, payload)
            if page is None:
                skipped += 1
            else:
                for item in read_html(page):
                    yield _traced(item, record) if isinstance(item, Document) else item
            end = offset + iterator.get_record_length()
    except Exception as error:
        yield _truncated(raw, records + 1, end, records, cause=error)
        return
    if raw.data[end:].strip(b"\r\n\x00"):
        # Trailing bytes warcio could not read as a record: the rest of a cut-off gzip member.
        yield _truncated(raw, records + 1, end, records)
        return
    if records == 0:
        yield Rejection(origin=raw.origin, reason="empty_text", message="the archive holds no records")
    log.debug("%s: %d records, %d skipped as not HTML pages", raw.origin, records, skipped)


def _page(raw: RawInput, record: object, payload: bytes) -> RawInput | None:
    """The record as an HTML page to read, or None when it is not one."""
    if getattr(record, "rec_type", None) not in _ARTICLE_RECORDS or not payload.strip():
        return None
    headers = getattr(record, "http_headers", None)
    content_type = headers.get_header("Content-Type") if headers is not None else None
    if content_type is None:
        content_type = record.rec_headers.get_header("Content-Type")  # type: ignore[attr-defined]
    if not content_type or content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    status = headers.get_statuscode() if headers is not None else None
    if status and not status.startswith("2"):
        return None  # a 404 page or a redirect is not the article
    rec_headers = record.rec_headers  # type: ignore[attr-defined]
    record_id = rec_headers.get_header("WARC-Record-ID") or ""
    warc_date = rec_headers.get_header("WARC-Date")
    return RawInput(
        origin=f"{raw.origin}#{record_id.strip('<>')}",
        data=payload,
        url=rec_headers.get_header("WARC-Target-URI"),
        content_type=content_type,
        retrieved=(parse_date(warc_date) if warc_date else None) or raw.retrieved,
    )


def _traced(document: Document, record: object) -> Document:
    rec_headers = record.rec_headers  # type: ignore[attr-defined]
    extra = [("warc_record_id", rec_headers.get_header("WARC-Record-ID") or "")]
    target = rec_headers.get_header("WARC-Target-URI")
    if target:
        extra.append(("warc_target_uri", target))
    return replace(document, extra=document.extra + tuple(extra))


def _truncated(raw: RawInput, number: int, offset: int, complete: int, *, cause: Exception | None = None) -> Rejection:
    why = f" ({type(cause).__name__}: {cause})" if cause is not None else ""
    plural = "" if complete == 1 else "s"
    return Rejection(
        origin=raw.origin,
        reason="truncated",
        message=(
            f"archive is truncated or corrupt at record {number} (byte offset {offset:,}){why}; "
            f"kept the {complete} record{plural} before it; re-download or re-copy the file"
        ),
    )
