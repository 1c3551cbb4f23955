"""The reader registry, and :func:`read`: raw bytes in, documents and rejections out.

:func:`read` undoes gzip, refuses binary data, sniffs the format (content first, see
:mod:`newsgraph.ingest.sniff`) and hands the input to the reader registered for it. A reader is
a plain function ``RawInput -> Iterator[Document | Rejection]`` (see
:data:`newsgraph.ingest.source.Reader`); register another by adding it to :data:`READERS`
or passing ``readers=`` (e.g. a JSONL reader with a custom field map).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace

from newsgraph.errors import ConfigError, InputError
from newsgraph.ingest.decode import READABLE, binary_kind, gunzip, is_gzip
from newsgraph.ingest.feeds import read_feed
from newsgraph.ingest.html import read_html
from newsgraph.ingest.jsonl import read_jsonl
from newsgraph.ingest.sniff import sniff_bytes
from newsgraph.ingest.source import RawInput, Reader
from newsgraph.ingest.text import read_text
from newsgraph.ingest.warc import read_warc
from newsgraph.model import Document, Rejection

__all__ = ["READERS", "read"]

#: Format name -> reader. The names are those :func:`newsgraph.ingest.sniff.sniff` returns.
READERS: dict[str, Reader] = {
    "warc": read_warc,
    "feed": read_feed,
    "html": read_html,
    "jsonl": read_jsonl,
    "text": read_text,
}


def read(
    raw: RawInput, format: str | None = None, *, readers: Mapping[str, Reader] = READERS
) -> Iterator[Document | Rejection]:
    """The documents in one input, and a rejection for each part that could not be read.

    ``format`` forces a reader (one of ``readers``' names) instead of sniffing. Never raises on
    bad input; raises :class:`ConfigError` for an unknown ``format``.
    """
    if format is not None and format not in readers:
        raise ConfigError(f"unknown input format {format!r}; expected one of {', '.join(readers)}")
    if not raw.data:
        yield Rejection(origin=raw.origin, reason="empty_text", message="file is empty")
        return
    name = raw.origin if raw.url is None or raw.origin.startswith("<") else raw.url
    chosen = format or sniff_bytes(raw.data, name=name, content_type=raw.content_type)
    # warcio reads gzipped archives record by record, keeping what precedes a cut; other
    # formats are decompressed whole here.
    if chosen != "warc" and is_gzip(raw.data):
        try:
            raw = replace(raw, data=gunzip(raw.data, origin=raw.origin))
        except InputError as error:
            yield Rejection(origin=error.origin, reason=error.reason, message=error.detail)
            return
        if format is None:
            chosen = sniff_bytes(raw.data, name=name.removesuffix(".gz"), content_type=raw.content_type)
    if chosen != "warc":
        kind = binary_kind(raw.data)
        if kind is not None:
            message = f"binary data ({kind}), not text; {READABLE}"
            yield Rejection(origin=raw.origin, reason="binary", message=message)
            return
    try:
        yield from readers[chosen](raw)
    except InputError as error:  # a reader that raises instead of yielding: same outcome
        yield Rejection(origin=error.origin, reason=error.reason, message=error.detail)
    except Exception as error:
        yield Rejection(
            origin=raw.origin,
            reason="reader_error",
            message=(
                f"the {chosen} reader failed ({type(error).__name__}: {error}); this is a bug in "
                "newsgraph: please report it with the file"
            ),
        )
