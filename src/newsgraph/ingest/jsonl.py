"""JSON lines (JSONL/NDJSON) of articles, one object per line, read through a field mapping.

Captions, credits, datelines and other page furniture in the text field are taken out of the
text into ``Document.furniture`` (see :mod:`newsgraph.ingest.furniture`).

The default :class:`FieldMap` reads records shaped like ``{"source", "url", "title",
"published", "text"}`` (the shared Wikinews corpus). Other dumps are mapped on the command line
with ``--field text=body --field title=headline`` (see :meth:`FieldMap.parse`); a dotted name
reaches into nested objects (``--field byline=author.name``). A file holding one JSON array of
objects is read the same way.

Each bad line is rejected on its own, naming ``file:line``, and the rest of the file goes on.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from functools import partial
from itertools import chain
from typing import Any, BinaryIO

import charset_normalizer

from newsgraph.errors import ConfigError, DecodeError, InputError
from newsgraph.ingest.dates import YEARS, iso_utc, parse_date
from newsgraph.ingest.decode import READABLE, ChunkStream, binary_kind, decode, is_gzip, iter_gunzip
from newsgraph.ingest.furniture import strip_furniture
from newsgraph.ingest.source import RawInput, too_large
from newsgraph.model import Document, Rejection

__all__ = ["FieldMap", "jsonl_reader", "read_jsonl"]

# Epoch numbers above this are milliseconds (1e11 seconds is the year 5138).
_MILLISECONDS = 10**11
_CHUNK = 64 * 1024
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_JSON_KINDS = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean"}


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldMap:
    """Which record field fills which document field; ``None`` leaves a document field empty.
    Only ``text`` is required in every record."""

    text: str = "text"
    title: str | None = "title"
    url: str | None = "url"
    published: str | None = "published"
    source: str | None = "source"
    byline: str | None = "byline"
    section: str | None = "section"
    standfirst: str | None = "standfirst"
    language: str | None = "language"

    @classmethod
    def parse(cls, assignments: Iterable[str]) -> FieldMap:
        """A map from ``target=field`` strings (``text=body``); ``target=`` unmaps a target."""
        targets = [f.name for f in fields(cls)]
        changes: dict[str, str | None] = {}
        for assignment in assignments:
            target, sep, name = (part.strip() for part in assignment.partition("="))
            if not sep or target not in targets:
                raise ConfigError(
                    f"--field {assignment!r}: expected TARGET=FIELD with TARGET one of {', '.join(targets)}"
                )
            if target == "text" and not name:
                raise ConfigError("--field text=: the text field cannot be unmapped; name the field with the body")
            changes[target] = name or None
        return replace(cls(), **changes)  # type: ignore[arg-type]  # text is never None: checked above


def read_jsonl(raw: RawInput, fieldmap: FieldMap | None = None) -> Iterator[Document | Rejection]:
    """One document per JSON line (or array item); a rejection for each line that is not one.

    Lines are read one at a time from the file (gzip undone on the way), so memory does not grow
    with the file; a line longer than ``raw.max_document_bytes`` is rejected on its own. A file
    that is one JSON array is parsed whole, so it must fit within that limit.
    """
    fieldmap = fieldmap or FieldMap()
    try:
        with raw.open() as source:
            yield from _read(raw, source, fieldmap)
    except InputError as error:  # a cut-off or corrupt gzip: after the lines read before it
        yield Rejection(origin=error.origin, reason=error.reason, message=error.detail)


def jsonl_reader(fieldmap: FieldMap) -> Callable[[RawInput], Iterator[Document | Rejection]]:
    """A reader with a custom field map, for the reader registry or ``read(..., reader=...)``."""

    def reader(raw: RawInput) -> Iterator[Document | Rejection]:
        return read_jsonl(raw, fieldmap)

    return reader


def _read(raw: RawInput, source: BinaryIO, fieldmap: FieldMap) -> Iterator[Document | Rejection]:
    chunks: Iterator[bytes] = iter(partial(source.read, _CHUNK), b"")
    if is_gzip(raw.data[:2]):
        chunks = iter_gunzip(source, origin=raw.origin)
    first = next(chunks, b"")
    kind = binary_kind(first)
    if kind is not None:
        raise DecodeError(raw.origin, f"binary data ({kind}), not text; {READABLE}", reason="binary")
    first, chunks = _as_utf8(first, chunks, origin=raw.origin)
    if first.lstrip().startswith(b"["):
        yield from _read_whole(raw, first, chunks, fieldmap)
        return
    decoder = _LineDecoder(raw)
    blank = True
    for number, line in _numbered_lines(io.BufferedReader(ChunkStream(chain([first], chunks))), raw):
        text = line if isinstance(line, Rejection) else decoder.decode(line, number)
        if isinstance(text, str) and not text.strip():
            continue
        blank = False
        yield _line_item(raw, number, text, fieldmap) if isinstance(text, str) else text
    if blank:
        message = "file holds only whitespace" if first else "file is empty"
        yield Rejection(origin=raw.origin, reason="empty_text", message=message)


def _as_utf8(first: bytes, chunks: Iterator[bytes], *, origin: str) -> tuple[bytes, Iterator[bytes]]:
    """The stream as UTF-8 bytes: a UTF-8 byte-order mark dropped, UTF-16/32 transcoded as it is
    read (those cannot be split into lines byte-wise)."""
    if first.startswith(codecs.BOM_UTF8):
        return first[len(codecs.BOM_UTF8) :], chunks
    for bom, encoding in _WIDE_BOMS:
        if first.startswith(bom):
            wide = _transcoded(chain([first[len(bom) :]], chunks), encoding, origin=origin)
            return next(wide, b""), wide
    return first, chunks


def _transcoded(chunks: Iterator[bytes], encoding: str, *, origin: str) -> Iterator[bytes]:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for chunk in chunks:
            yield decoder.decode(chunk).encode("utf-8", "surrogatepass")
        yield decoder.decode(b"", final=True).encode("utf-8", "surrogatepass")
    except UnicodeDecodeError as error:
        raise DecodeError(
            origin,
            f"text starts with a {encoding} byte-order mark but is not valid {encoding} "
            f"({error.reason}); convert the file to UTF-8",
        ) from error


def _numbered_lines(stream: io.BufferedReader, raw: RawInput) -> Iterator[tuple[int, bytes | Rejection]]:
    """Each line (``\\n``, ``\\r\\n`` or ``\\r`` ended) with its number, or a ``too_large``
    rejection for a line past the limit, which is skipped without being kept."""
    limit = raw.max_document_bytes
    number = 0
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            number += 1
            size = len(line) + _skip_line(stream)
            message = too_large(f"line {number} is {size:,} bytes, which", limit, "one JSON line")
            yield number, Rejection(origin=f"{raw.origin}:{number}", reason="too_large", message=message)
            continue
        line = line.removesuffix(b"\n")
        # What decode() does to a whole file: "\r\n" and a lone "\r" end a line too.
        for part in line.removesuffix(b"\r").split(b"\r"):
            number += 1
            yield number, part


def _skip_line(stream: io.BufferedReader) -> int:
    skipped = 0
    while chunk := stream.readline(_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


class _LineDecoder:
    """Bytes of one line to text: UTF-8, else the declared charset, else the encoding
    charset-normalizer detects (remembered for the next line, as one file has one encoding)."""

    def __init__(self, raw: RawInput) -> None:
        self._raw = raw
        declared = _CHARSET.search(raw.content_type or "")
        self._fallback: list[str] = [declared.group(1)] if declared else []

    def decode(self, line: bytes, number: int) -> str | Rejection:
        try:
            return line.decode("utf-8")
        except UnicodeDecodeError:
            pass
        for encoding in self._fallback:
            try:
                return line.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
        best = charset_normalizer.from_bytes(line).best()
        if best is not None:
            self._fallback.append(best.encoding)
            return str(best)
        return Rejection(
            origin=f"{self._raw.origin}:{number}",
            reason="decode_error",
            message=(
                f"line {number} is not UTF-8 and its encoding cannot be detected; convert the file "
                "to UTF-8, e.g. with `iconv -f <encoding> -t UTF-8`"
            ),
        )


def _line_item(raw: RawInput, number: int, line: str, fieldmap: FieldMap) -> Document | Rejection:
    origin = f"{raw.origin}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        message = f"line {number} is not valid JSON ({error.msg} at column {error.colno})"
        return Rejection(origin=origin, reason="malformed", message=message)
    except (ValueError, RecursionError) as error:  # a 5,000-digit number, arrays nested 1,000 deep
        return Rejection(origin=origin, reason="malformed", message=f"line {number} is not usable JSON ({error})")
    return _document(raw, record, fieldmap, origin=origin, where=f"line {number}")


def _read_whole(
    raw: RawInput, first: bytes, chunks: Iterator[bytes], fieldmap: FieldMap
) -> Iterator[Document | Rejection]:
    """A file that starts with ``[``: one JSON array (parsed whole, within the size limit), or
    JSON lines whose first line is an array."""
    limit = raw.max_document_bytes
    parts: list[bytes] = []
    size = 0
    for chunk in chain([first], chunks):
        size += len(chunk)
        if size > limit:
            # Unlike JSON lines, an array is parsed whole: converting it lifts the limit.
            what = "a file holding one JSON array (JSON lines have none: jq -c '.[]' in.json > out.jsonl)"
            message = too_large("the file", limit, what)
            yield Rejection(origin=raw.origin, reason="too_large", message=message)
            return
        parts.append(chunk)
    text = decode(b"".join(parts), origin=raw.origin, content_type=raw.content_type)
    array = _read_array(raw, text, fieldmap)
    if array is not None:
        yield from array
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _line_item(raw, number, line, fieldmap)


def _read_array(raw: RawInput, text: str, fieldmap: FieldMap) -> list[Document | Rejection] | None:
    """The items of a file holding one JSON array, or None when it is JSON lines after all
    (whose first line happens to be an array)."""
    try:
        records = json.loads(text)
    except json.JSONDecodeError as error:
        first_line = text.lstrip().split("\n", 1)[0]
        try:
            json.loads(first_line)
        except (ValueError, RecursionError):
            message = f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
            return [Rejection(origin=raw.origin, reason="malformed", message=message)]
        return None
    except (ValueError, RecursionError) as error:
        return [Rejection(origin=raw.origin, reason="malformed", message=f"not usable JSON ({error})")]
    if not isinstance(records, list):
        return None
    return [
        _document(raw, record, fieldmap, origin=f"{raw.origin}#item-{number}", where=f"item {number}")
        for number, record in enumerate(records, start=1)
    ]


def _document(raw: RawInput, record: Any, fieldmap: FieldMap, *, origin: str, where: str) -> Document | Rejection:
    if not isinstance(record, dict):
        kind = "null" if record is None else _JSON_KINDS.get(type(record), type(record).__name__)
        return Rejection(origin=origin, reason="malformed", message=f"{where} is {kind}, not a JSON object")
    body = _lookup(record, fieldmap.text)
    if body is None:
        return Rejection(
            origin=origin,
            reason="missing_field",
            message=(
                f"{where} has no {fieldmap.text!r} field; "
                f"map another field with --field text={_likely_body(record, fieldmap)}"
            ),
        )
    if not isinstance(body, str):
        kind = _JSON_KINDS.get(type(body), type(body).__name__)
        return Rejection(
            origin=origin,
            reason="malformed",
            message=f"{where} has a {fieldmap.text!r} field that is {kind}, not text",
        )
    if not body.strip():
        return Rejection(origin=origin, reason="empty_text", message=f"{where} has an empty {fieldmap.text!r} field")
    values = {
        target: _text(_lookup(record, getattr(fieldmap, target)))
        for target in ("title", "url", "source", "byline", "section", "standfirst", "language")
    }
    published, raw_published = _published(_lookup(record, fieldmap.published))
    text = body.replace("\r\n", "\n")
    stripped = text.strip()
    cleaned = strip_furniture(stripped, first_line=text[: text.find(stripped)].count("\n") + 1)
    if not cleaned.text:
        return Rejection(
            origin=origin, reason="empty_text", message=f"{where} has only page furniture in {fieldmap.text!r}"
        )
    values["source"] = values["source"] or cleaned.dateline_agency
    return Document.create(
        text=cleaned.text,
        furniture=cleaned.furniture,
        dateline_place=cleaned.dateline_place,
        published=published,
        published_source="jsonl" if published else None,
        retrieved=raw.retrieved,
        origin=origin,
        # A date we could not read is kept, not dropped: the user may want to map it differently.
        extra=(("published_raw", raw_published),) if raw_published else (),
        **values,
    )


def _lookup(record: dict[str, Any], name: str | None) -> Any:
    """``record[name]``, following dots into nested objects; None when absent."""
    if name is None:
        return None
    if name in record:
        return record[name]
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")  # {"author": {"name": ...}} is the usual nesting
    if isinstance(value, list):
        parts = [_text(item) for item in value]
        value = ", ".join(part for part in parts if part)
    if isinstance(value, bool) or value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _published(value: Any) -> tuple[str | None, str | None]:
    """The ISO date of a record's date field, and the raw value when it could not be read."""
    if value is None or isinstance(value, bool):
        return None, None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > _MILLISECONDS else value
        try:
            moment = datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None, str(value)
        return (iso_utc(moment), None) if moment.year in YEARS else (None, str(value))
    text = str(value).strip()
    parsed = parse_date(text)
    return (parsed, None) if parsed else (None, text or None)


def _likely_body(record: dict[str, Any], fieldmap: FieldMap) -> str:
    """The record's longest string field not already mapped: probably the article text."""
    mapped = {getattr(fieldmap, f.name) for f in fields(fieldmap)}
    strings = [(len(v), k) for k, v in record.items() if isinstance(v, str) and k not in mapped]
    return max(strings)[1] if strings and max(strings)[0] >= 100 else "body"
