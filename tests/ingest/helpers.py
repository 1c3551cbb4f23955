"""Helpers for the ingestion tests: fixture paths and one-call readers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsgraph.ingest.readers import read
from newsgraph.ingest.source import RawInput
from newsgraph.model import Document, Rejection

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def raw_of(name: str, data: bytes | str, **fields: str) -> RawInput:
    return RawInput(origin=name, data=data.encode("utf-8") if isinstance(data, str) else data, **fields)


def read_all_of(name: str, data: bytes | str, format: str | None = None, **fields: str) -> list[Document | Rejection]:
    return list(read(raw_of(name, data, **fields), format))


def fixture(name: str) -> RawInput:
    path = DATA / name
    return RawInput(origin=name, data=path.read_bytes())


def only(items: Iterator[Document | Rejection] | list[Document | Rejection]) -> Document | Rejection:
    items = list(items)
    assert len(items) == 1, items
    return items[0]


WIRE = Path(__file__).resolve().parents[1] / "data" / "wire"


def wire_documents() -> list[Document]:
    """The wire-style articles of tests/data/wire, read by the readers their format sniffs to,
    each with its origin relative to that folder (``text/x.txt``, ``jsonl/wire.jsonl:2``)."""
    documents: list[Document] = []
    for path in sorted(WIRE.glob("*/*")):
        for item in read(RawInput(origin=str(path.relative_to(WIRE)), data=path.read_bytes())):
            assert isinstance(item, Document), item
            documents.append(item)
    return documents
