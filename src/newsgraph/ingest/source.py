"""What a reader reads: the raw bytes of one input and where they came from."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from newsgraph.model import Document, Rejection


@dataclass(frozen=True, slots=True, kw_only=True)
class RawInput:
    """The bytes of one input (a file, stdin, a fetched URL, a WARC record's payload).

    ``origin`` names it in messages and provenance (a path, ``<stdin>``, a URL or
    ``archive.warc.gz#<record-id>``); ``url`` is the page's address when known; ``content_type``
    the HTTP Content-Type when it came over HTTP; ``retrieved`` when it was fetched (ISO 8601 UTC).
    """

    origin: str
    data: bytes
    url: str | None = None
    content_type: str | None = None
    retrieved: str | None = None


#: A reader turns one raw input into documents, and rejections for the parts it cannot read.
#: Readers never raise on bad input: they yield a Rejection naming the file, line or record.
Reader = Callable[[RawInput], Iterator[Document | Rejection]]
