"""What a reader reads: the raw bytes of one input and where they came from, and how big a
document may be."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsgraph.errors import ConfigError
from newsgraph.model import Document, Rejection

__all__ = ["MAX_DOCUMENT_BYTES", "MAX_DOCUMENT_BYTES_ENV", "RawInput", "Reader", "document_limit", "too_large"]

#: The largest single document read, in bytes: a whole text, HTML or feed input (after gzip is
#: undone), one JSON line, one archived WARC page. News articles are kilobytes; an input past
#: this is a mistake (a log, a database dump) that would only exhaust memory. Override it per
#: call with ``max_document_bytes=`` (:func:`newsgraph.ingest.readers.read`,
#: :func:`newsgraph.ingest.inputs.read_all`) or for every run with the environment variable
#: :data:`MAX_DOCUMENT_BYTES_ENV`.
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
MAX_DOCUMENT_BYTES_ENV = "NEWSGRAPH_MAX_DOCUMENT_BYTES"
#: What every "too large" message says to do about it.
RAISE_LIMIT = f"raise the limit with {MAX_DOCUMENT_BYTES_ENV}=<bytes> (max_document_bytes= in the Python API)"


@dataclass(frozen=True, slots=True, kw_only=True)
class RawInput:
    """The bytes of one input (a file, stdin, a fetched URL, a WARC record's payload).

    ``origin`` names it in messages and provenance (a path, ``<stdin>``, a URL or
    ``archive.warc.gz#<record-id>``); ``url`` is the page's address when known; ``content_type``
    the HTTP Content-Type when it came over HTTP; ``retrieved`` when it was fetched (ISO 8601 UTC).

    A big file is not loaded: ``path`` is set, ``data`` holds only its first bytes (enough to
    sniff the format) and :meth:`open` reads the whole file from disk, so the streaming readers
    (WARC, JSONL) go record by record in constant memory. ``max_document_bytes`` is the largest
    single document the readers accept (see :data:`MAX_DOCUMENT_BYTES`).
    """

    origin: str
    data: bytes
    url: str | None = None
    content_type: str | None = None
    retrieved: str | None = None
    path: Path | None = None
    max_document_bytes: int = MAX_DOCUMENT_BYTES

    def open(self) -> BinaryIO:
        """The whole input as a binary stream (from the file when ``path`` is set); close it."""
        return self.path.open("rb") if self.path is not None else io.BytesIO(self.data)

    @property
    def size(self) -> int:
        """The input's length in bytes (the file's, when ``path`` is set), gzip not undone."""
        return self.path.stat().st_size if self.path is not None else len(self.data)


#: A reader turns one raw input into documents, and rejections for the parts it cannot read.
#: Readers never raise on bad input: they yield a Rejection naming the file, line or record.
Reader = Callable[[RawInput], Iterator[Document | Rejection]]


def document_limit(override: int | None = None) -> int:
    """The document size limit: ``override``, else the environment variable, else the default."""
    if override is not None:
        if override <= 0:
            raise ConfigError(f"max_document_bytes must be a positive number of bytes, not {override}")
        return override
    setting = os.environ.get(MAX_DOCUMENT_BYTES_ENV, "").strip()
    if not setting:
        return MAX_DOCUMENT_BYTES
    try:
        value = int(setting.replace("_", "").replace(",", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigError(
            f"{MAX_DOCUMENT_BYTES_ENV}={setting!r}: expected a positive number of bytes, e.g. {MAX_DOCUMENT_BYTES}"
        )
    return value


def too_large(amount: str, limit: int, what: str) -> str:
    """The message for a document over the limit: ``amount`` is ``104,857,600 bytes`` (or
    ``the decompressed data`` when only that is known), ``what`` is ``one JSON line``, say."""
    return f"{amount} is more than the {limit:,}-byte limit for {what}; split it, or {RAISE_LIMIT}"
