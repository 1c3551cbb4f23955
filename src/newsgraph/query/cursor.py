"""Opaque cursors for keyset pagination, and the loop that pages through a query.

Every list the query layer returns is ordered by a unique key (for events ``(date, id)``), and
every row carries ``cursor``: that key, encoded. Passing a row's cursor as ``after=`` resumes
the list just after that row, whatever was added or removed since: no offsets, so no rows are
skipped or repeated when the store grows between pages, and deep pages cost what the first does.

A cursor is ``base64url(JSON [list-name, key...])``. The list name makes a cursor from
``events`` passed to ``quotes`` an error rather than a silent wrong page.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from newsgraph.query.errors import QueryError

__all__ = ["PAGE_SIZE", "Key", "decode_cursor", "encode_cursor", "paged"]

#: Rows fetched per round trip: short read transactions and bounded memory, never a result cap.
PAGE_SIZE = 500
#: The first round trip fetches this many, doubling up to PAGE_SIZE: someone reading one page of
#: a long list (the REST API, ``--limit``) should not pay for decoding 500 rows.
FIRST_PAGE = 50

Key = tuple[str | int | float, ...]
R = TypeVar("R")


def encode_cursor(name: str, key: Key) -> str:
    """The cursor of the row with ``key`` in the list ``name``."""
    raw = json.dumps([name, *key], separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, name: str, size: int) -> Key:
    """The key in ``cursor``, which must come from the list ``name`` and hold ``size`` values."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        value = None
    if not isinstance(value, list) or len(value) != size + 1 or value[0] != name:
        raise QueryError(
            f"cursor {cursor[:40]!r} is not a cursor of the {name} list; pass the `cursor` of a row "
            f"that {name} returned, or leave it out to start from the beginning"
        )
    key = tuple(value[1:])
    if not all(isinstance(v, str | int | float) for v in key):
        raise QueryError(f"cursor {cursor[:40]!r} is damaged; leave it out to start from the beginning")
    return key


def paged(
    fetch: Callable[[Key | None, int], Sequence[R]], key_of: Callable[[R], Key], start: Key | None
) -> Iterator[R]:
    """Every row of a keyset query, a page at a time: ``fetch(after, limit)`` returns up to
    ``limit`` rows ordered by key, all after ``after`` (from the start when None)."""
    after = start
    size = min(FIRST_PAGE, PAGE_SIZE)
    while True:
        page = fetch(after, size)
        yield from page
        if len(page) < size:
            return
        after = key_of(page[-1])
        size = min(size * 2, PAGE_SIZE)
