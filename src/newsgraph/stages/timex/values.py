"""TIMEX3 values as calendar periods: parse, format, shift, and turn into earliest/latest bounds.

A :class:`Period` is a calendar unit (day, week, month, quarter, half, season, year, decade,
century, weekend) identified by its first day, so arithmetic is plain date arithmetic followed by
flooring to the unit again. Values that are not periods (``P3D``, ``PAST_REF``, ``XXXX-07``) have
no bounds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsgraph.stages.timex.lexicon import SEASON_START

#: Granularities from finest to coarsest.
GRANULARITIES = ("day", "weekend", "week", "month", "quarter", "half", "season", "year", "decade", "century")
_MONTHS_PER = {"month": 1, "quarter": 3, "half": 6, "season": 12, "year": 12, "decade": 120, "century": 1200}


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar period: ``unit`` and its first day ``start`` (seasons keep their code)."""

    unit: str
    start: dt.date
    season: str = ""

    @classmethod
    def of(cls, unit: str, day: dt.date, season: str = "") -> Period:
        """The period of ``unit`` that contains ``day``."""
        return cls(unit, floor(day, unit, season), season)

    @property
    def value(self) -> str:
        s = self.start
        if self.unit == "day":
            return s.isoformat()
        if self.unit in ("week", "weekend"):
            year, week, _ = s.isocalendar()
            return f"{year}-W{week:02d}" + ("-WE" if self.unit == "weekend" else "")
        if self.unit == "month":
            return f"{s.year}-{s.month:02d}"
        if self.unit == "quarter":
            return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
        if self.unit == "half":
            return f"{s.year}-H{(s.month - 1) // 6 + 1}"
        if self.unit == "season":
            return f"{s.year}-{self.season}"
        if self.unit == "year":
            return str(s.year)
        if self.unit == "decade":
            return str(s.year // 10)
        return str(s.year // 100)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        if self.unit == "day":
            return self.start
        if self.unit == "week":
            return self.start + dt.timedelta(days=6)
        if self.unit == "weekend":
            return self.start + dt.timedelta(days=1)
        months = 3 if self.unit == "season" else _MONTHS_PER[self.unit]
        return add_months(self.start, months) - dt.timedelta(days=1)

    def shift(self, amount: int, unit: str | None = None) -> Period:
        """This period moved by ``amount`` of ``unit`` (default: its own unit)."""
        unit = unit or self.unit
        if unit == "day":
            day = self.start + dt.timedelta(days=amount)
        elif unit in ("week", "weekend"):
            day = self.start + dt.timedelta(weeks=amount)
        elif unit == "season" and self.unit == "season":
            day = add_months(self.start, 12 * amount)
        else:
            day = add_months(self.start, _MONTHS_PER.get(unit, 12) * amount)
        return Period(self.unit, floor(day, self.unit, self.season), self.season)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def floor(day: dt.date, unit: str, season: str = "") -> dt.date:
    """The first day of the ``unit`` containing ``day``."""
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.isoweekday() - 1)
    if unit == "weekend":
        return day - dt.timedelta(days=day.isoweekday() - 1) + dt.timedelta(days=5)
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if unit == "half":
        return dt.date(day.year, (day.month - 1) // 6 * 6 + 1, 1)
    if unit == "season":
        return dt.date(day.year, SEASON_START.get(season, 1), 1)
    if unit == "year":
        return dt.date(day.year, 1, 1)
    if unit == "decade":
        return dt.date(max(1, day.year // 10 * 10), 1, 1)
    return dt.date(max(1, day.year // 100 * 100), 1, 1)


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day", re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")),
    ("weekend", re.compile(r"(\d{4})-W(\d{1,2})-WE")),
    ("week", re.compile(r"(\d{4})-W(\d{1,2})")),
    ("quarter", re.compile(r"(\d{4})-Q([1-4])")),
    ("half", re.compile(r"(\d{4})-H([12])")),
    ("season", re.compile(r"(\d{4})-(SP|SU|FA|WI)")),
    ("month", re.compile(r"(\d{4})-(\d{2})")),
    ("year", re.compile(r"(\d{4})")),
    ("decade", re.compile(r"(\d{3})")),
    ("century", re.compile(r"(\d{2})")),
)


def parse(value: str) -> Period | None:
    """The period a TIMEX3 date/time value names, or None (durations, references, X digits)."""
    for unit, pattern in _PATTERNS:
        m = pattern.fullmatch(value)
        if not m:
            continue
        try:
            return _period(unit, m.groups())
        except ValueError:
            return None
    return None


def _period(unit: str, groups: tuple[str, ...]) -> Period:
    year = int(groups[0])
    if unit == "day":
        return Period(unit, dt.date(year, int(groups[1]), int(groups[2])))
    if unit in ("week", "weekend"):
        return Period.of(unit, dt.date.fromisocalendar(year, int(groups[1]), 1))
    if unit == "quarter":
        return Period(unit, dt.date(year, 3 * int(groups[1]) - 2, 1))
    if unit == "half":
        return Period(unit, dt.date(year, 6 * int(groups[1]) - 5, 1))
    if unit == "season":
        return Period(unit, dt.date(year, SEASON_START[groups[1]], 1), groups[1])
    if unit == "month":
        return Period(unit, dt.date(year, int(groups[1]), 1))
    if unit == "year":
        return Period(unit, dt.date(year, 1, 1))
    if unit == "decade":
        return Period(unit, dt.date(max(1, year * 10), 1, 1))
    return Period(unit, dt.date(max(1, year * 100), 1, 1))


def bounds(value: str, bound: str | None = None, dct: dt.date | None = None) -> tuple[str | None, str | None]:
    """ISO earliest/latest days of a value; ``bound`` (``by``, ``since``, ``before``, ``after``,
    ``until``, from the preposition before the expression) opens one side: "by 2030" has no
    earliest day and latest 2030-12-31; "since 2014" runs from 2014-01-01 to the document date."""
    period = parse(value)
    if period is None:
        return None, None
    earliest: dt.date | None = period.start
    latest: dt.date | None = period.end
    if bound in ("by", "until"):
        earliest = None
    elif bound == "before":
        earliest, latest = None, period.start - dt.timedelta(days=1)
    elif bound == "since":
        latest = dct if dct is not None and dct >= period.start else None
    elif bound == "after":
        earliest, latest = period.end + dt.timedelta(days=1), None
    return (earliest.isoformat() if earliest else None, latest.isoformat() if latest else None)
