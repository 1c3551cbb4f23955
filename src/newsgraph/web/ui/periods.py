"""Zero-filled counts over time, shaped for the chart tables (``_macros.html: timeseries``).

The counting itself is the query layer's (``timeline_counts``, ``aggregate_counts``): the same
functions behind ``/api/v1/timeline`` and ``/api/v1/aggregate``. Here the period is chosen from
the span (days up to ~4 months, ISO weeks up to ~3 years, months beyond) so a chart has tens to
a few hundred points, and each period keeps its first and last day: dragging a range on a chart
filters on exactly those days, so the list under it shows what the bars counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from newsgraph.query.aggregate import Period, TimelineCounts

__all__ = ["Row", "Series", "choose_period", "combine", "from_timeline"]

# Longest span (in days) drawn by day, then by ISO week; longer is drawn by month.
DAYS_MAX = 120
WEEKS_MAX = 1100


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    """One period: its label (2019-05-03, 2019-W18, 2019-05), first and last day, counts."""

    label: str
    first: date
    last: date
    counts: tuple[int, ...]

    @property
    def timestamp(self) -> int:
        """Seconds since the epoch at the period's first day, 00:00 UTC (the chart's x)."""
        return int(datetime(self.first.year, self.first.month, self.first.day, tzinfo=UTC).timestamp())


@dataclass(frozen=True, slots=True, kw_only=True)
class Series:
    """Zero-filled periods with one count column per name; ``imprecise``/``undated`` count what
    the periods cannot hold (dated less precisely than the period, or not at all)."""

    unit: str
    names: tuple[str, ...]
    periods: tuple[Row, ...]
    imprecise: int = 0
    undated: int = 0

    @property
    def total(self) -> int:
        return sum(sum(row.counts) for row in self.periods) + self.imprecise + self.undated


def _first_day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def choose_period(dates: Iterable[str | None], since: str | None = None, until: str | None = None) -> Period:
    """The period for a chart of ``dates`` (or of the ``since``..``until`` range when given)."""
    days = [d for d in map(_first_day, dates) if d is not None]
    first = _first_day(since) or (min(days) if days else None)
    last = _first_day(until) or (max(days) if days else None)
    if first is None or last is None:
        return Period.month
    span = (last - first).days
    return Period.day if span <= DAYS_MAX else Period.week if span <= WEEKS_MAX else Period.month


def from_timeline(counts: TimelineCounts, name: str) -> Series:
    rows = tuple(
        Row(label=b.period, first=date.fromisoformat(b.start), last=date.fromisoformat(b.end), counts=(b.count,))
        for b in counts.buckets
    )
    return Series(unit=counts.period, names=(name,), periods=rows, imprecise=counts.imprecise, undated=counts.undated)


def combine(parts: Sequence[Series]) -> Series:
    """Side-by-side columns from series counted over the same periods (same range and unit)."""
    first = parts[0]
    rows = tuple(
        Row(label=row.label, first=row.first, last=row.last, counts=tuple(p.periods[i].counts[0] for p in parts))
        for i, row in enumerate(first.periods)
    )
    return Series(
        unit=first.unit,
        names=tuple(name for p in parts for name in p.names),
        periods=rows,
        imprecise=sum(p.imprecise for p in parts),
        undated=sum(p.undated for p in parts),
    )
