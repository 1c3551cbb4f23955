"""JSON lines (JSONL/NDJSON) of articles, one object per line, read through a field mapping.

The default :class:`FieldMap` reads records shaped like ``{"source", "url", "title",
"published", "text"}`` (the shared Wikinews corpus). Other dumps are mapped on the command line
with ``--field text=body --field title=headline`` (see :meth:`FieldMap.parse`); a dotted name
reaches into nested objects (``--field byline=author.name``). A file holding one JSON array of
objects is read the same way.

Each bad line is rejected on its own, naming ``file:line``, and the rest of the file goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from typing import Any

from newsgraph.errors import ConfigError, InputError
from newsgraph.ingest.dates import iso_utc, parse_date
from newsgraph.ingest.decode import decode
from newsgraph.ingest.source import RawInput
from newsgraph.model import Document, Rejection

__all__ = ["FieldMap", "jsonl_reader", "read_jsonl"]

# Epoch numbers above this are milliseconds (1e11 seconds is the year 5138).
_MILLISECONDS = 10**11
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
    """One document per JSON line (or array item); a rejection for each line that is not one."""
    fieldmap = fieldmap or FieldMap()
    try:
        text = decode(raw.data, origin=raw.origin, content_type=raw.content_type)
    except InputError as error:
        yield Rejection(origin=error.origin, reason=error.reason, message=error.detail)
        return
    if text.lstrip().startswith("["):
        array = _read_array(raw, text, fieldmap)
        if array is not None:
            yield from array
            return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        origin = f"{raw.origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection(
                origin=origin,
                reason="malformed",
                message=f"line {number} is not valid JSON ({error.msg} at column {error.colno})",
            )
            continue
        yield _document(raw, record, fieldmap, origin=origin, where=f"line {number}")


def jsonl_reader(fieldmap: FieldMap) -> Callable[[RawInput], Iterator[Document | Rejection]]:
    """A reader with a custom field map, for the reader registry or ``read(..., reader=...)``."""

    def reader(raw: RawInput) -> Iterator[Document | Rejection]:
        return read_jsonl(raw, fieldmap)

    return reader


def _read_array(raw: RawInput, text: str, fieldmap: FieldMap) -> list[Document | Rejection] | None:
    """The items of a file holding one JSON array, or None when it is JSON lines after all
    (whose first line happens to be an array)."""
    try:
        records = json.loads(text)
    except json.JSONDecodeError as error:
        first_line = text.lstrip().split("\n", 1)[0]
        try:
            json.loads(first_line)
        except json.JSONDecodeError:
            message = f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
            return [Rejection(origin=raw.origin, reason="malformed", message=message)]
        return None
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
    return Document.create(
        text=body.replace("\r\n", "\n").strip(),
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
            return iso_utc(datetime.fromtimestamp(seconds, UTC)), None
        except (OverflowError, OSError, ValueError):
            return None, str(value)
    text = str(value).strip()
    parsed = parse_date(text)
    return (parsed, None) if parsed else (None, text or None)


def _likely_body(record: dict[str, Any], fieldmap: FieldMap) -> str:
    """The record's longest string field not already mapped: probably the article text."""
    mapped = {getattr(fieldmap, f.name) for f in fields(fieldmap)}
    strings = [(len(v), k) for k, v in record.items() if isinstance(v, str) and k not in mapped]
    return max(strings)[1] if strings and max(strings)[0] >= 100 else "body"
