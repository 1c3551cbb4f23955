"""Values of named calendar dates: days ("May 3"), months, years, decades, centuries, seasons,
holidays, anniversaries and clock times, each placed in the year the tense and the document date
point to when the text leaves the year out."""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.stages.timex import relative
from newsgraph.stages.timex.anchor import Anchor
from newsgraph.stages.timex.holidays import key, named_days
from newsgraph.stages.timex.lexicon import MONTHS, SEASONS
from newsgraph.stages.timex.resolve import Result, in_year_near, ordinal, pick
from newsgraph.stages.timex.values import Period


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def calendar_date(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    month = _month(g.get("month") or g["month2"])
    day = int(re.sub(r"\D", "", g.get("day") or g["day2"]))
    if g.get("year"):
        return Result("DATE", dt.date(int(g["year"]), month, day).isoformat())
    rel = (g.get("rel") or "").lower()
    if rel:  # "last Oct. 23": the latest before the document date; "next May 1": the first after
        years = range(anchor.dct.year - 1, anchor.dct.year + 2)
        days = [dt.date(y, month, day) for y in years if not (month == 2 and day == 29 and y % 4)]
        before = [d for d in days if d < anchor.dct]
        after = [d for d in days if d > anchor.dct]
        chosen = before[-1] if rel == "last" else after[0]
        return Result("DATE", chosen.isoformat())
    period = in_year_near(anchor, lambda y: Period("day", dt.date(y, month, day)))
    return Result("DATE", period.value)


def numeric(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    if g.get("y"):
        return Result("DATE", dt.date(int(g["y"]), int(g["m"]), int(g["d"])).isoformat())
    return Result("DATE", dt.date(int(g["y2"]), int(g["m2"]), int(g["d2"])).isoformat())


def month_name(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    month = _month(g["month"])
    rel = (g.get("rel") or "").lower()
    if g.get("year"):
        return Result("DATE", f"{int(g['year']):04d}-{month:02d}")
    this = Period("month", dt.date(anchor.dct.year, month, 1))
    year_rel = (g.get("yrel") or "").lower()
    if year_rel:  # "June last year"
        return Result("DATE", this.shift({"last": -1, "this": 0, "next": 1}[year_rel], "year").value)
    if rel == "this":
        period = this
    elif rel in ("last", "past"):
        period = this if this.end < anchor.dct else this.shift(-1, "year")
    elif rel in ("next", "coming"):
        period = this if this.start > anchor.dct else this.shift(1, "year")
    elif rel == "that" and anchor.reference is not None:
        period = Period("month", dt.date(anchor.reference.start.year, month, 1))
    else:
        period = in_year_near(anchor, lambda y: Period("month", dt.date(y, month, 1)), name=True)
    return Result("DATE", period.value)


def range_day(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    previous = anchor.last_value or ""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", previous):
        return None
    day = int(re.sub(r"\D", "", g["day"]))
    return Result("DATE", f"{previous[:8]}{day:02d}")


_DECADE_WORDS = ("", "", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")


def decade(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    mod = {"early": "START", "late": "END", "mid": "MID"}.get((g.get("mod") or "").lower())
    if g.get("digits"):
        return Result("DATE", g["digits"], mod)
    tens = int(g["short"]) if g.get("short") else _DECADE_WORDS.index(g["words"].lower())
    century = anchor.dct.year // 100
    if century * 100 + tens * 10 > anchor.dct.year:
        century -= 1
    return Result("DATE", f"{century}{tens}", mod)


def century(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    if g.get("ord"):
        n = ordinal(g["ord"])
        return Result("DATE", f"{n - 1:02d}") if n else None
    step = {"this": 0, "last": -1, "past": -1, "next": 1}[g["rel"].lower()]
    return Result("DATE", f"{anchor.dct.year // 100 + step:02d}")


def holiday(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    """A named day ("Thanksgiving", "Super Tuesday") in the year written, else in the year the
    tense points to from the document date, like a month ("last Christmas": the one before);
    "Easter week", "the Thanksgiving weekend": the week or weekend it is in."""
    named = named_days()[key(g["holiday"])]
    unit = (g.get("unit") or "day").lower()

    def period(year: int) -> Period:
        day = named.on(year)
        if unit == "weekend" and day.isoweekday() == 1:
            day -= dt.timedelta(days=1)  # "Memorial Day weekend" ends on the Monday
        return Period.of(unit, day)  # "Easter week": the week the day is in

    if g.get("year"):
        return Result("DATE", period(int(g["year"])).value)
    options = [period(y) for y in (anchor.dct.year - 1, anchor.dct.year, anchor.dct.year + 1)]
    rel = (g.get("rel") or "").lower()
    if rel == "last":
        options = [p for p in options if p.end < anchor.dct]
    elif rel == "next":
        options = [p for p in options if p.start > anchor.dct]
    return Result("DATE", pick(options, anchor, name=True).value)


def season(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    code = SEASONS[(g.get("season") or g["season2"]).lower()]
    year = g.get("year") or g.get("year2")
    mod = {"early": "START", "late": "END", "mid": "MID"}.get((g.get("mod") or "").lower())
    if year:
        return Result("DATE", f"{year}-{code}", mod)
    rel = (g.get("rel") or "").lower()
    this = Period.of("season", dt.date(anchor.dct.year, 1, 1), code)
    if rel in ("last", "past"):
        period = this if this.end < anchor.dct else this.shift(-1)
    elif rel in ("next", "coming"):
        period = this if this.start > anchor.dct else this.shift(1)
    elif rel == "this":
        period = this
    else:
        period = pick([this.shift(-1), this, this.shift(1)], anchor, name=True)
    return Result("DATE", period.value, mod)


def year(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    side = {"pre": "BEFORE", "post": "AFTER"}.get((g.get("side") or "").lower())
    return Result("DATE", g["year"], side)


def anniversary(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    """ "the 80th anniversary of [the 1945 victory]" falls in 1945 + 80; without a year in sight,
    news speaks of anniversaries being marked now, in the document's year."""
    n = ordinal(g["ord"])
    if n is None:
        return None
    if g.get("since"):
        return Result("DATE", str(int(g["since"]) + n))
    return Result("DATE", str(anchor.dct.year))


def clock(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    named = (g.get("named") or "").lower()
    if named:
        hour, minute = (24, 0) if named == "midnight" else (12, 0)
    else:
        hour, minute = int(g.get("hour") or g["hour2"]), int(g.get("minute") or 0)
        if hour > 12 or minute > 59:
            return None
        if "hour2" in g:  # "4 in the morning", "10 at night" (but "2 at night" is 2 a.m.)
            pm = g.get("half", "").lower() in ("afternoon", "evening") or ("night" in g and hour >= 6)
        else:
            pm = g["ampm"].lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    # A bare clock time belongs to the day the narrative is on ("Friday ... at 10:35 a.m.").
    day = anchor.reference.start if anchor.reference is not None and anchor.reference.unit == "day" else anchor.dct
    anchor_words = g.get("anchor")
    if anchor_words:
        first = anchor_words.split()[0].lower()
        found: Result | None
        if first in ("yesterday", "today", "tomorrow", "tonight"):
            found = relative.deictic({"ref": first}, anchor)
        elif re.search(r"\d", anchor_words):
            month, daynum = anchor_words.split()[0], anchor_words.split()[-1]
            found = calendar_date({"month": month, "day": daynum}, anchor, anchor_words)
        else:
            found = relative.weekday({"weekday": anchor_words}, anchor)
        if found is not None:
            day = dt.date.fromisoformat(found.value[:10])
    return Result("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}")
