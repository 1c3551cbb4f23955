"""The query parameters every route shares, parsed once: filters, paging and output format.

Every list, chart and page takes the same filters (``get_filters``), so a chart and the table
under it count the same rows, and a URL copied from the UI works on the API:

    text (or q)   words that must all occur in the article (title or text)
    since, until  a date range, inclusive: 2025-05-03, 2025-05, 2025 or 2025-W19 (an ISO week)
    entity        an entity (id, name or alias) the article names
    actor         an entity acting in the event; recipient: an entity on the receiving end
    place         a place entity where the event happened
    type          PLOVER event types, comma-separated or repeated (ASSAULT,CONSULT)
    country       an ISO 3166 alpha-3 code of an actor or recipient (of the speaker, for quotes)
    source        an outlet, as stored with the article
    story         a story id
    kind          quote kinds (direct, partial, indirect); modality: event modalities
    min_confidence  events: the lowest classifier confidence shown, 0 to 1 (default: the
                  shipped threshold; 0 shows every event)
    background    events: true also shows the events articles tell as background

They become the query layer's :class:`newsgraph.query.filters.Filters` (re-exported here), so
routes pass them straight to the query functions. A bad value is a 400 whose message names the
parameter and the form expected (:func:`newsgraph.web.errors.bad_parameter`); nothing here can
raise a 500.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Query
from pydantic import BeforeValidator, Field

from newsgraph.ontology.plover import MODALITIES, load_ontology
from newsgraph.query.aggregate import Period
from newsgraph.query.errors import QueryError
from newsgraph.query.filters import QUOTE_KINDS, Filters
from newsgraph.web.errors import ApiError, ErrorDetail, bad_parameter

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "Filters",
    "OutputFormat",
    "Page",
    "Period",
    "date_bounds",
    "get_filters",
    "get_page",
    "get_profile_filters",
    "parse_date",
]

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
# Longest free text or name we accept: longer is a mistake (or an attack), not a query.
MAX_TEXT = 500

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
DATE_FORMS = "a date such as 2025-05-03, 2025-05, 2025 or 2025-W19"


class OutputFormat(StrEnum):
    """How a list comes back: one JSON page, or the whole result streamed as CSV or JSON lines."""

    json = "json"
    csv = "csv"
    jsonl = "jsonl"


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """One page request: at most ``limit`` rows after the opaque ``cursor``, in ``format``."""

    limit: int = DEFAULT_LIMIT
    cursor: str | None = None
    format: OutputFormat = OutputFormat.json

    @property
    def streaming(self) -> bool:
        """CSV and JSON lines stream the whole result, with no page cap."""
        return self.format is not OutputFormat.json


def parse_date(parameter: str, value: str, *, end: bool = False) -> date:
    """The first day (or, with ``end``, the last day) of the day, month, year or ISO week
    ``value`` names; a 400 naming ``parameter`` if it names none."""
    value = value.strip()
    try:
        if match := _DAY.match(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _MONTH.match(value):
            year, month = int(match[1]), int(match[2])
            return date(year, month, monthrange(year, month)[1] if end else 1)
        if match := _YEAR.match(value):
            year = int(match[1])
            return date(year, 12, 31) if end else date(year, 1, 1)
        if match := _WEEK.match(value):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return monday + timedelta(days=6) if end else monday
    except ValueError as exc:  # 2025-02-30, month 13, week 54, year 0
        raise bad_parameter(parameter, f"{value!r} is not a real date ({exc}); expected {DATE_FORMS}") from None
    raise bad_parameter(parameter, f"expected {DATE_FORMS}, got {value[:40]!r}")


def _text(parameter: str, value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > MAX_TEXT:
        raise bad_parameter(parameter, f"at most {MAX_TEXT} characters, got {len(value)}")
    if "\x00" in value:
        raise bad_parameter(parameter, "must not contain NUL characters")
    return value


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _types(values: list[str] | None) -> tuple[str, ...]:
    known = load_ontology().types
    types = []
    for value in _split(values):
        name = value.upper()
        if name not in known:
            raise bad_parameter("type", f"unknown PLOVER event type {value[:40]!r}; known: {', '.join(known)}")
        types.append(name)
    return tuple(dict.fromkeys(types))


def _country(value: str | None) -> str | None:
    value = _text("country", value)
    if value is None:
        return None
    code = value.upper()
    if not _COUNTRY.match(code):
        raise bad_parameter("country", f"expected an ISO 3166 alpha-3 code such as UKR, RUS or USA, got {value[:40]!r}")
    return code


def _date_param(parameter: str, value: str | None, *, end: bool) -> str | None:
    """The date filter as the query layer takes it (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
    text, at the precision given); an ISO week becomes its Monday (or, with ``end``, Sunday)."""
    value = _text(parameter, value)
    if value is None:
        return None
    day = parse_date(parameter, value, end=end)  # validates every accepted form
    return day.isoformat() if _WEEK.match(value) else value


def _choices(parameter: str, values: list[str] | None, known: tuple[str, ...], what: str) -> tuple[str, ...]:
    chosen = []
    for value in _split(values):
        name = value.lower()
        if name not in known:
            raise bad_parameter(parameter, f"unknown {what} {value[:40]!r}; use some of {', '.join(known)}")
        chosen.append(name)
    return tuple(dict.fromkeys(chosen))


def _blank_is(default: object) -> BeforeValidator:
    """An empty parameter (``min_confidence=`` from a form field left empty) means its default."""

    def blank(value: Any) -> Any:
        return default if isinstance(value, str) and not value.strip() else value

    return BeforeValidator(blank)


#: ``min_confidence``: a number from 0 to 1 (FastAPI's validation names it in the 400 otherwise).
MinConfidence = Annotated[
    Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] | None,
    _blank_is(None),
    Query(
        description="Events: only those the classifier is at least this sure of, 0 to 1 (default: the shipped "
        "threshold; 0 shows every event). An event stored before the classifier (no confidence) is always shown."
    ),
]
#: ``background``: true, false (the default), 1, 0, yes, no, on, off.
Background = Annotated[
    bool,
    _blank_is(False),
    Query(description="Events: true also shows the events articles tell as background (history, earlier events)."),
]


def get_filters(
    text: Annotated[str | None, Query(description="Words that must all occur in the article.")] = None,
    q: Annotated[str | None, Query(description="Same as `text`.")] = None,
    since: Annotated[str | None, Query(description=f"First day, inclusive: {DATE_FORMS}.")] = None,
    until: Annotated[str | None, Query(description=f"Last day, inclusive: {DATE_FORMS}.")] = None,
    entity: Annotated[str | None, Query(description="An entity the article names (id, name or alias).")] = None,
    actor: Annotated[str | None, Query(description="An entity acting in the event (id, name or alias).")] = None,
    recipient: Annotated[str | None, Query(description="An entity the event is done to (id, name or alias).")] = None,
    place: Annotated[str | None, Query(description="A place entity where the event happened.")] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER event types, comma-separated or repeated.")] = None,
    country: Annotated[
        str | None, Query(description="ISO 3166 alpha-3 code of an actor or recipient (of the speaker, for quotes).")
    ] = None,
    source: Annotated[str | None, Query(description="An outlet, as stored with the article.")] = None,
    story: Annotated[str | None, Query(description="A story id.")] = None,
    kind: Annotated[
        list[str] | None, Query(description="Quote kinds (direct, partial, indirect); quotes only.")
    ] = None,
    modality: Annotated[
        list[str] | None, Query(description=f"Event modalities ({', '.join(MODALITIES)}); events only.")
    ] = None,
    min_confidence: MinConfidence = None,
    background: Background = False,
) -> Filters:
    """The shared filters from the query string (a FastAPI dependency: ``Depends(get_filters)``)."""
    if text is not None and q is not None and text.strip() != q.strip():
        raise bad_parameter("q", "give the words as `text` or as `q`, not both with different values")
    start = _date_param("since", since, end=False)
    end = _date_param("until", until, end=True)
    if start is not None and end is not None and parse_date("since", start) > parse_date("until", end, end=True):
        raise bad_parameter("until", f"the range ends ({end}) before it starts ({start}); swap since and until")
    try:
        return Filters(
            text=_text("text" if text is not None else "q", text if text is not None else q),
            since=start,
            until=end,
            entity=_text("entity", entity),
            actor=_text("actor", actor),
            recipient=_text("recipient", recipient),
            place=_text("place", place),
            types=_types(type),
            country=_country(country),
            source=_text("source", source),
            story=_text("story", story),
            quote_kinds=_choices("kind", kind, QUOTE_KINDS, "quote kind"),
            modalities=_choices("modality", modality, MODALITIES, "modality"),
            min_confidence=min_confidence,
            background=background,
        )
    except QueryError as exc:  # a check we do not repeat here: still a 400, never a 500
        raise ApiError(400, "bad_parameter", str(exc), (ErrorDetail(str(exc)),)) from None


def get_profile_filters(min_confidence: MinConfidence = None, background: Background = False) -> Filters:
    """Only the event filters an entity profile's counts take (``Depends(get_profile_filters)``)."""
    return Filters(min_confidence=min_confidence, background=background)


def date_bounds(filters: Filters) -> tuple[date | None, date | None]:
    """The first and last day the filters' range covers (None for an open end)."""
    start = parse_date("since", filters.since) if filters.since else None
    end = parse_date("until", filters.until, end=True) if filters.until else None
    return start, end


def get_page(
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page (1 to {MAX_LIMIT}); ignored by csv/jsonl.")
    ] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(description="The `next` cursor of the previous page.")] = None,
    format: Annotated[
        OutputFormat, Query(description="json: one page; csv or jsonl: the whole result, streamed.")
    ] = OutputFormat.json,
) -> Page:
    """The paging parameters (a FastAPI dependency: ``Depends(get_page)``)."""
    cursor = cursor.strip() if cursor else None
    if cursor is not None and len(cursor) > MAX_TEXT:
        raise bad_parameter("cursor", "not a cursor this API returned; pass the `next` value of the previous page")
    return Page(limit=limit, cursor=cursor or None, format=format)
