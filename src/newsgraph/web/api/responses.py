"""How a list leaves the API: one JSON page with a ``next`` cursor, or the whole result streamed.

Every list route hands this module a lazy iterator of query rows (each with a ``cursor``) and the
:class:`~newsgraph.web.params.Page` asked for:

- ``format=json`` reads ``limit + 1`` rows: ``limit`` are returned and the extra one only says
  there is more, so ``next`` is the cursor of the last row returned (null on the last page) and
  ``next_url`` the same URL with that cursor. No page cap: follow ``next`` to the end.
- ``format=csv`` / ``format=jsonl`` stream every row (no limit) while the query pages through
  the store, so memory stays flat however large the result. CSV columns come from the row
  class's fields: nested records become dotted columns (``document.title``) and lists of
  entities are joined with ``"; "``.

A row is JSON through :func:`newsgraph.model.to_dict`; JSON escaping is the only encoding any
text gets, so article text containing ``<script>`` reaches a client as data, never as markup.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from itertools import chain, islice
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, StreamingResponse

from newsgraph.model import to_dict
from newsgraph.web.params import OutputFormat, Page

__all__ = ["csv_columns", "list_response", "ok", "primed", "stream_rows", "table_response"]

# Rows per chunk written to the socket when streaming: large enough to amortise the write.
CHUNK_ROWS = 200
# Joins the values of a list field (several actors) in one CSV cell.
LIST_JOIN = "; "

MEDIA_TYPES = {OutputFormat.csv: "text/csv; charset=utf-8", OutputFormat.jsonl: "application/x-ndjson"}


def ok(**body: Any) -> JSONResponse:
    """A successful JSON response: ``{"ok": true, ...}`` (model objects made JSON-ready)."""
    return JSONResponse({"ok": True, **{key: jsonable(value) for key, value in body.items()}})


def jsonable(value: Any) -> Any:
    """``to_dict`` that also goes into dicts (a route's ``{"mentions": (Mention, ...)}``)."""
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return to_dict(value)


def list_response(
    request: Request, rows: Iterable[Any], page: Page, row_type: type, *, name: str, **extra: Any
) -> JSONResponse | StreamingResponse:
    """One page of ``rows`` as JSON (with ``next``), or all of them streamed as CSV/JSONL.

    ``row_type`` (a dataclass) fixes the CSV columns even when there are no rows; ``name``
    names the download (``events.csv``); ``extra`` adds keys to the JSON body.
    """
    if page.streaming:
        return stream_rows(primed(rows), page.format, row_type, name=name)
    window = list(islice(iter(rows), page.limit + 1))
    items, more = window[: page.limit], len(window) > page.limit
    cursor = items[-1].cursor if more and items else None
    next_url = str(request.url.include_query_params(cursor=cursor)) if cursor else None
    return ok(**extra, count=len(items), items=items, next=cursor, next_url=next_url)


def primed(rows: Iterable[Any]) -> Iterator[Any]:
    """``rows`` with its first row already read: a bad filter or cursor raises here, while the
    route can still answer with a 400 envelope, not halfway through a 200 stream."""
    iterator = iter(rows)
    first = next(iterator, _END)
    if first is _END:
        return iter(())
    return chain((first,), iterator)


_END = object()


def stream_rows(rows: Iterable[Any], fmt: OutputFormat, row_type: type, *, name: str) -> StreamingResponse:
    """Every row of ``rows`` as CSV (header first) or JSON lines, streamed."""
    if fmt is OutputFormat.csv:
        columns = csv_columns(row_type)
        body = _csv_chunks(rows, columns)
    else:
        body = _jsonl_chunks(rows)
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt.value}"'}
    return StreamingResponse(body, media_type=MEDIA_TYPES[fmt], headers=headers)


def table_response(
    records: Iterable[dict[str, Any]], columns: list[str], fmt: OutputFormat, *, name: str
) -> StreamingResponse:
    """Plain records (dicts) with fixed ``columns``, streamed as CSV or JSON lines."""
    getters = [(column, _getter(column)) for column in columns]
    body = _csv_chunks(records, getters) if fmt is OutputFormat.csv else _jsonl_chunks(records)
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt.value}"'}
    return StreamingResponse(body, media_type=MEDIA_TYPES[fmt], headers=headers)


def _getter(key: str) -> Callable[[Any], Any]:
    return lambda record: record.get(key)


Column = tuple[str, Callable[[Any], Any]]


@cache
def csv_columns(row_type: type, prefix: str = "") -> list[Column]:
    """The CSV columns of a row class: one per scalar field, dotted for nested records; a list of
    records becomes one column per scalar field of the record, its values joined."""
    columns: list[Column] = []
    hints = typing.get_type_hints(row_type)
    for field in dataclasses.fields(row_type):
        hint = _strip_optional(hints[field.name])
        name = prefix + field.name
        getter = _attr(field.name)
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            for sub_name, sub_get in csv_columns(hint, name + "."):
                columns.append((sub_name, _nested(getter, sub_get)))
        elif typing.get_origin(hint) is tuple and _record_type(hint) is not None:
            record = _record_type(hint)
            assert record is not None
            for sub_field in dataclasses.fields(record):
                if _is_scalar(typing.get_type_hints(record)[sub_field.name]):
                    columns.append((f"{name}.{sub_field.name}", _joined(getter, _attr(sub_field.name))))
        else:
            columns.append((name, getter))
    return columns


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) == 1:
            return options[0]
    return hint


def _record_type(hint: Any) -> type | None:
    args = typing.get_args(hint)
    if len(args) == 2 and args[1] is Ellipsis and isinstance(args[0], type) and dataclasses.is_dataclass(args[0]):
        return args[0]
    return None


def _is_scalar(hint: Any) -> bool:
    return _strip_optional(hint) in (str, int, float, bool)


def _attr(name: str) -> Callable[[Any], Any]:
    return lambda obj: getattr(obj, name)


def _nested(outer: Callable[[Any], Any], inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def get(obj: Any) -> Any:
        value = outer(obj)
        return None if value is None else inner(value)

    return get


def _joined(outer: Callable[[Any], Any], inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda obj: LIST_JOIN.join("" if (v := inner(item)) is None else str(v) for item in outer(obj))


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dict | list | tuple):
        return json.dumps(to_dict(value), ensure_ascii=False, sort_keys=True)
    return value


def _csv_chunks(rows: Iterable[Any], columns: list[Column]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([name for name, _ in columns])
    for n, row in enumerate(rows, start=1):
        writer.writerow([_cell(get(row)) for _, get in columns])
        if n % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _jsonl_chunks(rows: Iterable[Any]) -> Iterator[str]:
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps(to_dict(row), ensure_ascii=False))
        if len(lines) >= CHUNK_ROWS:
            yield "\n".join(lines) + "\n"
            lines = []
    if lines:
        yield "\n".join(lines) + "\n"
