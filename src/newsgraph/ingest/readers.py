"""The reader registry, and :func:`read`: raw bytes in, documents and rejections out.

:func:`read` sniffs the format (content first, see :mod:`newsgraph.ingest.sniff`) and hands the
input to the reader registered for it. A reader is a plain function
``RawInput -> Iterator[Document | Rejection]`` (see :data:`newsgraph.ingest.source.Reader`);
register another by adding it to :data:`READERS` or passing ``readers=`` (e.g. a JSONL reader
with a custom field map).

The formats in :data:`STREAMING` (WARC, JSONL) can be gigabytes: their readers get the input as
it is, possibly a file on disk (``RawInput.path``) and possibly gzipped, and go record by record.
Every other format is one document: it is refused as ``too_large`` past the document size limit
(without being loaded), else loaded, un-gzipped and checked for binary data here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from newsgraph.errors import ConfigError, InputError
from newsgraph.ingest.decode import READABLE, binary_kind, gunzip, is_gzip, peek_gzip
from newsgraph.ingest.feeds import read_feed
from newsgraph.ingest.html import read_html
from newsgraph.ingest.jsonl import read_jsonl
from newsgraph.ingest.sniff import sniff_bytes
from newsgraph.ingest.source import RawInput, Reader, document_limit, too_large
from newsgraph.ingest.text import read_text
from newsgraph.ingest.warc import read_warc
from newsgraph.model import Document, Rejection

__all__ = ["DOCUMENT_INPUT", "READERS", "STREAMING", "read"]

#: Format name -> reader. The names are those :func:`newsgraph.ingest.sniff.sniff` returns.
READERS: dict[str, Reader] = {
    "warc": read_warc,
    "feed": read_feed,
    "html": read_html,
    "jsonl": read_jsonl,
    "text": read_text,
}
#: Formats whose readers stream: they get big files unloaded (``RawInput.path`` set, ``data``
#: only the head) and gzip not undone, and enforce the document size limit per record.
STREAMING = frozenset({"warc", "jsonl"})
#: What the size limit is called for the other formats, in messages.
DOCUMENT_INPUT = "one text/HTML/feed input"
# Enough of the start for sniffing and the binary check (they look at 64 KB at most).
_HEAD = 64 * 1024


def read(
    raw: RawInput,
    format: str | None = None,
    *,
    readers: Mapping[str, Reader] = READERS,
    max_document_bytes: int | None = None,
) -> Iterator[Document | Rejection]:
    """The documents in one input, and a rejection for each part that could not be read.

    ``format`` forces a reader (one of ``readers``' names) instead of sniffing.
    ``max_document_bytes`` overrides the document size limit (else the environment variable
    ``NEWSGRAPH_MAX_DOCUMENT_BYTES``, else :data:`~newsgraph.ingest.source.MAX_DOCUMENT_BYTES`).
    Never raises on bad input; raises :class:`ConfigError` for an unknown ``format`` or limit.
    """
    if format is not None and format not in readers:
        raise ConfigError(f"unknown input format {format!r}; expected one of {', '.join(readers)}")
    raw = replace(raw, max_document_bytes=document_limit(max_document_bytes))
    if not raw.data:
        yield Rejection(origin=raw.origin, reason="empty_text", message="file is empty")
        return
    name = raw.origin if raw.url is None or raw.origin.startswith("<") else raw.url
    chosen = format or "format sniffing"  # for the message if sniffing itself fails
    try:
        chosen = format or sniff_bytes(raw.data, name=name, content_type=raw.content_type)
        if chosen not in STREAMING:
            raw = _loaded(raw)
        # An archive holds images and videos by design: its reader skips what is not a page.
        kind = None if chosen == "warc" else binary_kind(_head(raw.data))
        if kind is not None:
            message = f"binary data ({kind}), not text; {READABLE}"
            yield Rejection(origin=raw.origin, reason="binary", message=message)
            return
        yield from readers[chosen](raw)
    except InputError as error:  # a reader that raises instead of yielding: same outcome
        yield Rejection(origin=error.origin, reason=error.reason, message=error.detail)
    except OSError as error:  # the file went away or the disk failed while it was being read
        why = error.strerror or type(error).__name__
        yield Rejection(origin=raw.origin, reason="read_error", message=f"cannot read {raw.origin}: {why}")
    except Exception as error:
        yield Rejection(
            origin=raw.origin,
            reason="reader_error",
            message=(
                f"the {chosen}{' reader' if chosen in readers else ''} failed ({type(error).__name__}: {error}); "
                "this is a bug in newsgraph: please report it with the file"
            ),
        )


def _loaded(raw: RawInput) -> RawInput:
    """A one-document input whole in memory and un-gzipped, or ``too_large`` without loading it."""
    limit = raw.max_document_bytes
    size = raw.size
    if size > limit:
        raise InputError(raw.origin, too_large(f"{size:,} bytes", limit, DOCUMENT_INPUT), reason="too_large")
    data = raw.path.read_bytes() if raw.path is not None else raw.data
    if is_gzip(data):
        data = gunzip(data, origin=raw.origin, limit=limit, what=DOCUMENT_INPUT)
    return replace(raw, data=data, path=None)


def _head(data: bytes) -> bytes:
    return peek_gzip(data, _HEAD) if is_gzip(data) else data[:_HEAD]
