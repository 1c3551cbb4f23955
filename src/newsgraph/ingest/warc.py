"""WARC and ARC web archives, through warcio: every archived HTML page goes to the HTML reader.

Only ``response`` (and ``resource``) records with an HTML payload are articles; requests,
metadata, images and scripts are skipped without a rejection, since a crawl is mostly those.
Each document keeps the record id and target URI in ``extra`` so it can be traced back.

warcio stops quietly at a cut-off archive (it just sees fewer records), so we check ourselves:
a record whose block is shorter than its Content-Length, or bytes left over after the last
record, make the archive ``truncated``. Documents read before the damage are kept.

Archives are read record by record from the file, so a 5 GB crawl takes the memory of its
largest HTML page; a page past the document size limit is rejected as ``too_large``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from newsgraph.ingest.dates import parse_date
from newsgraph.ingest.html import read_html
from newsgraph.ingest.source import RawInput, too_large
from newsgraph.model import Document, Rejection

__all__ = ["read_warc"]

log = logging.getLogger(__name__)

_ARTICLE_RECORDS = ("response", "resource")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024


def read_warc(raw: RawInput) -> Iterator[Document | Rejection]:
    """The HTML pages archived in a WARC/ARC file (gzipped or not), read record by record from
    the file (``raw.path``) or the bytes; a page past ``raw.max_document_bytes`` is rejected."""
    with raw.open() as stream:
        yield from _records(raw, stream)


def _records(raw: RawInput, stream: BinaryIO) -> Iterator[Document | Rejection]:
    records = 0
    skipped = 0
    end = 0
    iterator = ArchiveIterator(stream, arc2warc=True)
    try:
        for record in iterator:
            if record.length is None:
                # No Content-Length: not a record but the head of one, or trailing padding.
                if _data_after(raw, end):
                    yield _truncated(raw, records + 1, end, records)
                    return
                break
            records += 1
            page = _page(raw, record)
            # Read only what we keep: the payload of an HTML page within the size limit. A crawl's
            # videos and archives are skipped unread (warcio drains them in small blocks).
            payload = b""
            if page is not None and record.length <= raw.max_document_bytes:
                payload = record.content_stream().read(raw.max_document_bytes + 1)
            # Only now: warcio's offset getter reads the record to its end, payload and all.
            offset = iterator.get_record_offset()
            if getattr(record.raw_stream, "limit", 0) > 0:
                # The block ended before its Content-Length: the file was cut inside it.
                yield _truncated(raw, records, offset, records - 1)
                return
            end = offset + iterator.get_record_length()
            if page is None:
                skipped += 1
            elif record.length > raw.max_document_bytes or len(payload) > raw.max_document_bytes:
                amount = f"{record.length:,} bytes" if record.length > raw.max_document_bytes else "its content"
                message = too_large(f"the record holds {amount}, which", raw.max_document_bytes, "one archived page")
                yield Rejection(origin=page.origin, reason="too_large", message=message)
            elif not payload.strip():
                skipped += 1
            else:
                for item in read_html(replace(page, data=payload)):
                    yield _traced(item, record) if isinstance(item, Document) else item
    except Exception as error:
        yield _truncated(raw, records + 1, end, records, cause=error)
        return
    if _data_after(raw, end):
        # Trailing bytes warcio could not read as a record: the rest of a cut-off gzip member.
        yield _truncated(raw, records + 1, end, records)
        return
    if records == 0:
        yield Rejection(origin=raw.origin, reason="empty_text", message="the archive holds no records")
    log.debug("%s: %d records, %d skipped as not HTML pages", raw.origin, records, skipped)


def _data_after(raw: RawInput, offset: int) -> bool:
    """Whether anything but blank lines and zero padding follows ``offset`` in the input."""
    with raw.open() as rest:
        rest.seek(offset)
        while chunk := rest.read(_CHUNK):
            if chunk.strip(b"\r\n\x00"):
                return True
    return False


def _page(raw: RawInput, record: object) -> RawInput | None:
    """The record as an HTML page to read (its payload not yet read), or None when it is not one."""
    if getattr(record, "rec_type", None) not in _ARTICLE_RECORDS:
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
        data=b"",
        url=rec_headers.get_header("WARC-Target-URI"),
        content_type=content_type,
        retrieved=(parse_date(warc_date) if warc_date else None) or raw.retrieved,
        max_document_bytes=raw.max_document_bytes,
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
