"""Values of quarters and halves ("the third quarter", "the year-ago quarter", "the first
half"), the periods of company results, counted from the document date or from the quarter the
report is about."""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.stages.timex.anchor import Anchor
from newsgraph.stages.timex.resolve import Result
from newsgraph.stages.timex.values import Period


def focus(anchor: Anchor) -> Period | None:
    """The quarter (or half) a results report is about: the reference time, or the quarter that
    ends on the day it is on ("the quarter ended Sept. 30 ... The latest period"), else the last
    quarter the text named."""
    ref = anchor.reference
    if ref is None:
        return anchor.focus
    if ref.unit in ("quarter", "half"):
        return ref
    if ref.unit == "day" and ref.start == Period.of("quarter", ref.start).end:
        return Period.of("quarter", ref.start)
    return anchor.focus


def period(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    """ "the latest period", "that quarter": the quarter the report is about; "the 1988
    period": that quarter in 1988 (a comparison: it leaves the reference time where it is), or
    the year when no quarter is in focus; "the same period last year": the quarter in focus a
    year back."""
    quarter_ = focus(anchor)
    if g.get("year"):
        year = int(g["year"])
        if quarter_ is None:
            return Result("DATE", str(year))
        return Result("DATE", quarter_.shift(year - quarter_.start.year, "year").value, anaphoric=True)
    if quarter_ is not None and "ago" in g:
        return Result("DATE", quarter_.shift(-1, "year").value, anaphoric=True)
    return Result("DATE", quarter_.value) if quarter_ is not None else None


_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


def quarter(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    unit = g["unit"].lower()
    words = re.split(r"[\s-]+", text.lower())
    size = 3 if unit == "quarter" else 6
    n = next((_QUARTER_WORDS[w] for w in words if w in _QUARTER_WORDS), None)
    year_word = g.get("year") or g.get("year2")
    if n is None and year_word and "last" in words:
        n = 4  # "the last half of 1989": the final one of that year
    if n is not None and unit == "half":
        n = min(n, 2)
    current = Period.of(unit, anchor.dct)
    ref = anchor.reference if anchor.reference is not None and anchor.reference.unit == unit else None
    lowered = " ".join(words)
    if any(w in lowered for w in ("year earlier", "year ago", "last year's", "previous year's")):
        base = ref or current.shift(-1)
        if n is not None:
            base = Period(unit, dt.date(base.start.year, size * n - size + 1, 1))
        return Result("DATE", base.shift(-1, "year").value, anaphoric=True)
    if n is not None and not year_word and any(w in lowered for w in ("this year's", "next year's")):
        year = anchor.dct.year + (1 if "next" in lowered else 0)
        return Result("DATE", Period(unit, dt.date(year, size * n - size + 1, 1)).value)
    if n is None:
        if year_word:  # "the 1988 quarter": the quarter in focus (else the last one), in that year
            base = ref or focus(anchor) or current.shift(-1)
            return Result("DATE", base.shift(int(year_word) - base.start.year, "year").value, anaphoric=True)
        if "that" in words:
            return Result("DATE", ref.value) if ref else None
        if any(w in words for w in ("latest", "last", "past", "previous", "prior", "recent")):
            return Result("DATE", current.shift(-1).value)
        if any(w in words for w in ("next", "coming")):
            return Result("DATE", current.shift(1).value)
        if any(w in words for w in ("current", "this")):
            return Result("DATE", current.value)
        if words[0] in ("the", "its"):
            return Result("DATE", (ref or current.shift(-1)).value)
        return None
    if year_word:
        return Result("DATE", Period(unit, dt.date(int(year_word), size * n - size + 1, 1)).value)
    # Without a year, a quarter is this year's unless the tense points across the year's edge; the
    # quarter just ended is still to be reported on ("third-quarter earnings will be lower").
    period = Period(unit, dt.date(anchor.dct.year, size * n - size + 1, 1))
    if anchor.tense == "future" and period.end < current.shift(-1).start:
        period = period.shift(1, "year")
    elif anchor.tense == "past" and period.start > anchor.dct:
        period = period.shift(-1, "year")  # "profits fell in the fourth quarter", said in January
    return Result("DATE", period.value)
