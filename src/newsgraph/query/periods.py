"""Periods for counts over time: ``day``, ISO ``week`` or ``month`` labels, their first and last
days, and the zero-filled range of labels a series covers.

Facts are filed under a date of their own precision (``2019-05`` for "in May 2019"): a fact dated
less precisely than the period has no label here (``period_label`` gives None), and the counts
in ``aggregate.py`` report it as ``imprecise`` rather than guess a bucket for it.

The range of a series is the filters' ``since``/``until`` when given. An open end is the data's
first or last period, **clipped to the span of the stored articles** (``clip``): an event dated
1941 in a 2019 article is history the article recalls, and stretching a monthly axis back to it
would zero-fill 80 years nobody asked for. What is left outside is counted, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from newsgraph.query.errors import QueryError
from newsgraph.query.filters import Filters

__all__ = ["MAX_PERIODS", "Clip", "Period", "day_of", "period_bounds", "period_label", "period_labels", "series_range"]

#: Most periods one series may hold: 100 years of days. A longer range is a typo (since=0001).
MAX_PERIODS = 36_600

#: The first and last day an open range may reach (None: unbounded).
Clip = tuple[date | None, date | None]


class Period(StrEnum):
    """A bucket of time: ``day`` (2025-05-07), ``week`` (ISO week, 2025-W19), ``month`` (2025-05)."""

    day = "day"
    week = "week"
    month = "month"


def period_label(value: str | None, period: Period) -> str | None:
    """The period a fact date falls in; None when the date is missing or less precise than it."""
    if not value:
        return None
    day = day_of(value)
    if period is Period.month:
        return value[:7] if len(value) >= 7 and _is_month(value[:7]) else None
    if day is None:
        return None
    if period is Period.day:
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def period_bounds(label: str, period: Period) -> tuple[date, date]:
    """The first and last day of a period label."""
    if period is Period.day:
        day = date.fromisoformat(label)
        return day, day
    if period is Period.week:
        monday = date.fromisocalendar(int(label[:4]), int(label[6:8]), 1)
        return monday, monday + timedelta(days=6)
    first = date(int(label[:4]), int(label[5:7]), 1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def period_labels(start: date, end: date, period: Period) -> list[str]:
    """Every period from the one holding ``start`` to the one holding ``end``, in order."""
    if (end - start).days > MAX_PERIODS:
        raise QueryError(
            f"the range {start} to {end} spans more than {MAX_PERIODS} days; narrow since/until or use a longer period"
        )
    labels: list[str] = []
    label = period_label(start.isoformat(), period)
    assert label is not None
    last = period_label(end.isoformat(), period)
    while True:
        labels.append(label)
        if label == last:
            return labels
        label = period_label((period_bounds(label, period)[1] + timedelta(days=1)).isoformat(), period) or ""


def day_of(value: str | None) -> date | None:
    """The calendar day at the start of ``value`` (``2019-05-03T10:00Z`` -> 2019-05-03), if any."""
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _is_month(value: str) -> bool:
    return len(value) == 7 and value[:4].isdigit() and value[4] == "-" and value[5:7].isdigit()


def _first_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _last_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return period_bounds(f"{parts[0]:04d}-{parts[1]:02d}", Period.month)[1]
    return date(parts[0], 12, 31)


def series_range(filters: Filters, labels: Iterable[str], period: Period, clip: Clip = (None, None)) -> list[str]:
    """The zero-filled labels: the filters' range; an open end is the first or last of the labels
    seen, clipped to ``clip`` (see the module docstring). Empty when nothing is seen in it."""
    since = _first_day(filters.since) if filters.since else None
    until = _last_day(filters.until) if filters.until else None
    seen = sorted(set(labels))
    low, high = clip
    if since is None and seen:
        since = period_bounds(seen[0], period)[0]
        since = max(since, low) if low else since
    if until is None and seen:
        until = period_bounds(seen[-1], period)[1]
        until = min(until, high) if high else until
    since = since or until
    until = until or since
    if since is None or until is None or since > until:
        return []  # nothing seen, or all of it outside the clip
    return period_labels(since, until, period)
