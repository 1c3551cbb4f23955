"""Named days ("Thanksgiving", "Super Tuesday", "Good Friday"): the rules of ``holidays.toml``
and the date each gives in a year. Teach the tagger a new day by adding a ``[[day]]`` there."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from newsgraph.errors import ConfigError
from newsgraph.stages.timex.lexicon import WEEKDAYS

_FILE = "newsgraph/stages/timex/holidays.toml"


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedDay:
    """One named day: the names it goes by and the rule for its date (see ``holidays.toml``)."""

    names: tuple[str, ...]
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # ISO: Monday = 1
    nth: int | None = None  # -1: the last one of the month
    easter: int | None = None  # days from Easter Sunday
    after: int = 0  # days added to the rule's date
    where: str | None = None  # the country whose day it is

    def on(self, year: int) -> dt.date:
        """The day's date in ``year``."""
        if self.easter is not None:
            base = easter_sunday(year) + dt.timedelta(days=self.easter)
        elif self.weekday is not None and self.month is not None and self.nth is not None:
            base = _nth_weekday(year, self.month, self.weekday, self.nth)
        elif self.month is not None and self.day is not None:
            base = dt.date(year, self.month, self.day)
        else:  # parse_days refuses such a day
            raise ValueError(f"{self.names[0]}: no rule")
        return base + dt.timedelta(days=self.after)


def key(name: str) -> str:
    """The lookup form of a name as written: lower case, one space, straight apostrophe."""
    return " ".join(name.replace("’", "'").lower().split())


def easter_sunday(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7 + 7 * (-nth - 1))


def parse_days(data: dict[str, Any], source: str = _FILE) -> tuple[NamedDay, ...]:
    """The ``[[day]]`` tables of a parsed ``holidays.toml``; ConfigError naming the day that has
    no names, an unknown key, or not exactly one rule."""
    days = []
    allowed = {"names", "month", "day", "weekday", "nth", "easter", "after", "where"}
    for number, table in enumerate(data.get("day", []), 1):
        label = f"{source}: day {number} ({', '.join(table.get('names', [])) or 'no names'})"
        unknown = set(table) - allowed
        if unknown or not table.get("names"):
            raise ConfigError(f"{label}: needs names; unknown key(s) {', '.join(sorted(unknown)) or 'none'}")
        rules = [("easter" in table), ("weekday" in table), ("day" in table)]
        if sum(rules) != 1 or (("weekday" in table or "day" in table) and "month" not in table):
            raise ConfigError(f"{label}: give exactly one rule: month+day, month+weekday+nth, or easter")
        weekday = table.get("weekday")
        if weekday is not None and weekday.lower() not in WEEKDAYS:
            raise ConfigError(f"{label}: weekday {weekday!r} is not a day of the week")
        days.append(
            NamedDay(
                names=tuple(table["names"]),
                month=table.get("month"),
                day=table.get("day"),
                weekday=WEEKDAYS[weekday.lower()] if weekday else None,
                nth=table.get("nth", 1) if weekday else None,
                easter=table.get("easter"),
                after=table.get("after", 0),
                where=table.get("where"),
            )
        )
    return tuple(days)


@cache
def _data() -> dict[str, Any]:
    text = resources.files("newsgraph.stages.timex").joinpath("holidays.toml").read_text("utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{_FILE}: {error}") from error


@cache
def named_days() -> dict[str, NamedDay]:
    """Every shipped named day by the :func:`key` of each of its names (read once)."""
    return {key(name): day for day in parse_days(_data()) for name in day.names}


def own_word(day: NamedDay, word: str) -> bool:
    """True when ``word`` (a possessive "'s" aside) names the day's own country: "U.S." before
    "Thanksgiving" (see ``[owners]`` in ``holidays.toml``)."""
    owners: list[str] = _data().get("owners", {}).get(day.where or "", [])
    word = re.sub(r"['’]s$", "", word)
    return key(word) in {key(w) for w in owners}
