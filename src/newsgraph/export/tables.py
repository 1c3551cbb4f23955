"""Records as flat table rows, for CSV: one column per scalar field, nested objects spread out.

Columns come from the model class, not from the data, so every row of a kind has the same
header even when optional parts (a quote's cue) are missing. A span becomes ``NAME.start``,
``NAME.end``, ``NAME.text``; provenance its stage, version, model and confidence; a list of
plain values one cell joined by ``; ``; anything deeper (titles, merged event sources) a JSON cell.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import typing
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, TextIO

from newsgraph.model import (
    Document,
    Entity,
    Event,
    Mention,
    MergedEvent,
    NearDuplicate,
    Quote,
    StoryRecord,
    TimeExpression,
)

__all__ = ["RECORD_CLASSES", "columns", "flat_row", "write_csv"]

RECORD_CLASSES: dict[str, type] = {
    "documents": Document,
    "entities": Entity,
    "mentions": Mention,
    "time_expressions": TimeExpression,
    "quotes": Quote,
    "events": Event,
    "stories": StoryRecord,
    "merged_events": MergedEvent,
    "near_duplicates": NearDuplicate,
}

_SPREAD = {"Span": ("start", "end", "text"), "Provenance": ("stage", "stage_version", "model", "confidence")}
SEPARATOR = "; "


@cache
def columns(cls: type) -> tuple[str, ...]:
    """The CSV header of records of ``cls``."""
    names: list[str] = []
    hints = typing.get_type_hints(cls)
    for field in dataclasses.fields(cls):
        inner = [a for a in (hints[field.name], *typing.get_args(hints[field.name])) if isinstance(a, type)]
        spread = next((_SPREAD[a.__name__] for a in inner if a.__name__ in _SPREAD), None)
        names.extend(f"{field.name}.{part}" for part in spread) if spread else names.append(field.name)
    return tuple(names)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return SEPARATOR.join("" if v is None else str(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def flat_row(record: Mapping[str, Any], header: Iterable[str]) -> dict[str, Any]:
    """The cells of one ``to_dict`` record under ``header`` (dotted names read nested values)."""
    row: dict[str, Any] = {}
    for name in header:
        value: Any = record
        for part in name.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        row[name] = _cell(value)
    return row


def write_csv(out: TextIO, header: tuple[str, ...], rows: Iterable[Mapping[str, Any]]) -> int:
    """Write a header and one line per row (already flat); returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n
