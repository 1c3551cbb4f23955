"""Dates as news pages write them, parsed into ISO 8601.

A deliberately small pattern parser (dateparser is not a dependency): ISO dates and date-times,
``8 May 2025``, ``May 8, 2025``, ``Friday, 9 May 2025``, ``May 8th 2025`` and RFC 2822 (feeds,
HTTP headers). Numeric ``08/05/2025`` forms are refused: day-month and month-day orders both
occur and a wrong guess is worse than no date.

Results are ``YYYY-MM-DD`` for dates and ``YYYY-MM-DDTHH:MM:SSZ`` for times with a known offset,
converted to UTC. A time without an offset keeps only its date: calling it UTC would be a guess.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

__all__ = ["YEARS", "DateMatch", "iso_utc", "parse_date", "search_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"
_ISO = (
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?"
)

# Dates with a year. Year-less forms (wire datelines such as "MOSCOW, May 8 (Reuters)") are
# kept apart: they are only read when nothing better is there, against the caller's reference.
_PATTERNS = [
    re.compile(r"\b" + _ISO + r"(?![\d:])", re.IGNORECASE),
    re.compile(r"\b(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b"),
    re.compile(r"\b" + _WEEKDAY + _DAY + r"\.?\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
    re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.IGNORECASE),
]
_YEARLESS = [
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"\b(?!\s*,?\s*\d)", re.IGNORECASE),
    re.compile(r"\b" + _DAY + r"\s+" + _MONTH + r"\b(?!\s*,?\s*\d)", re.IGNORECASE),
]

#: Years a news date can have. Outside this range a four-digit number is more likely a count
#: than a year, and a timestamp (feed, JSON) is damaged or a placeholder such as 0001-01-01.
YEARS = range(1900, 2101)


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMatch:
    """A date found in a string: its ISO form and the ``[start, end)`` range it was read from."""

    iso: str
    start: int
    end: int


def search_date(text: str, *, reference: date | None = None) -> DateMatch | None:
    """The first date written in ``text``, or None.

    With a ``reference`` date, year-less forms (``May 8``) are read as the latest such day on or
    before ``reference + 1 day``: a dateline is not written after the page that carries it.
    """
    found = [
        DateMatch(iso=iso, start=match.start(), end=match.end())
        for pattern in _PATTERNS
        for match in pattern.finditer(text)
        if (iso := _iso_of(match)) is not None
    ]
    if not found and reference is not None:
        found = [
            DateMatch(iso=day.isoformat(), start=match.start(), end=match.end())
            for pattern in _YEARLESS
            for match in pattern.finditer(text)
            if (day := _yearless(match, reference)) is not None
        ]
    # Earliest in the text; at one position, the longest reading ("Friday, 9 May 2025").
    return min(found, key=lambda m: (m.start, -m.end), default=None)


def parse_date(text: str) -> str | None:
    """``text`` read as one date or date-time (ISO, written-out or RFC 2822), or None."""
    text = text.strip()
    if not text:
        return None
    found = search_date(text)
    if found is not None and found.start == 0 and not text[found.end :].strip(" .,"):
        return found.iso
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return iso_utc(moment) if moment.year in YEARS else None


def iso_utc(moment: datetime) -> str:
    """A date-time as ``YYYY-MM-DDTHH:MM:SSZ`` when its offset is known, else its date."""
    if moment.tzinfo is None:
        return moment.date().isoformat()
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _iso_of(match: re.Match[str]) -> str | None:
    try:
        year = int(match["year"])
        month_text = match["month"]
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower().rstrip(".")]
        day = date(year, month, int(match["day"]))
    except (ValueError, KeyError):
        return None
    if year not in YEARS:
        return None
    groups = match.groupdict()
    if groups.get("hour") is None or groups.get("tz") is None:
        return day.isoformat()
    try:
        moment = datetime(
            day.year,
            day.month,
            day.day,
            int(groups["hour"]),
            int(groups["minute"]),
            int(groups["second"] or 0),
            tzinfo=_offset(groups["tz"]),
        )
    except ValueError:
        return day.isoformat()
    return iso_utc(moment)


def _offset(tz: str) -> timezone:
    if tz.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _yearless(match: re.Match[str], reference: date) -> date | None:
    month = _MONTHS[match["month"].lower().rstrip(".")]
    latest = reference + timedelta(days=1)
    for year in (latest.year, latest.year - 1):
        try:
            candidate = date(year, month, int(match["day"]))
        except ValueError:
            continue
        if candidate <= latest:
            return candidate
    return None
