"""Normalisation: a recognised candidate and its anchor -> TIMEX3 type, value and mod.

One function per candidate kind, looked up in :data:`NORMALISERS`; the relative kinds live in
:mod:`newsgraph.stages.timex.relative`. A normaliser returns None when the words turn out not to
be a time expression (a 4-digit number that is no year, "May 40").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from newsgraph.stages.timex import relative
from newsgraph.stages.timex.anchor import Anchor
from newsgraph.stages.timex.lexicon import (
    CLOCK_UNITS,
    FREQUENCIES,
    HOLIDAYS,
    MONTHS,
    SEASONS,
    UNIT_FACTORS,
    UNITS,
    VAGUE,
    WEEKDAYS,
)
from newsgraph.stages.timex.recognise import Candidate
from newsgraph.stages.timex.resolve import Result, in_year_near, number, ordinal, pick
from newsgraph.stages.timex.values import Period

Normaliser = Callable[[dict[str, str], Anchor, str], Result | None]


def normalise(candidate: Candidate, text: str, anchor: Anchor) -> Result | None:
    """The TIMEX3 type/value/mod of ``candidate`` (whose words are ``text``), or None."""
    try:
        result = NORMALISERS[candidate.kind](candidate.groups, anchor, text)
    except (ValueError, KeyError, OverflowError):
        return None  # an impossible date ("Feb. 30") or a word the lexicon lacks: not a time
    if result is None or candidate.mod is None or result.mod is not None:
        return result
    return Result(result.type, result.value, candidate.mod)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _date(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    month = _month(g.get("month") or g["month2"])
    day = int(re.sub(r"\D", "", g.get("day") or g["day2"]))
    if g.get("year"):
        return Result("DATE", dt.date(int(g["year"]), month, day).isoformat())
    period = in_year_near(anchor, lambda y: Period("day", dt.date(y, month, day)))
    return Result("DATE", period.value)


def _numeric(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    if g.get("y"):
        return Result("DATE", dt.date(int(g["y"]), int(g["m"]), int(g["d"])).isoformat())
    return Result("DATE", dt.date(int(g["y2"]), int(g["m2"]), int(g["d2"])).isoformat())


def _month_name(g: dict[str, str], anchor: Anchor, text: str) -> Result:
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
        period = in_year_near(anchor, lambda y: Period("month", dt.date(y, month, 1)))
    return Result("DATE", period.value)


def _range_day(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    previous = anchor.last_value or ""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", previous):
        return None
    day = int(re.sub(r"\D", "", g["day"]))
    return Result("DATE", f"{previous[:8]}{day:02d}")


_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


def _quarter(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    unit = g["unit"].lower()
    words = re.split(r"[\s-]+", text.lower())
    size = 3 if unit == "quarter" else 6
    n = next((_QUARTER_WORDS[w] for w in words if w in _QUARTER_WORDS), None)
    if n is not None and unit == "half":
        n = min(n, 2)
    year_word = g.get("year") or g.get("year2")
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
        if year_word:
            return None
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
    # Without a year, a quarter is this year's unless the tense points across the year's edge.
    period = Period(unit, dt.date(anchor.dct.year, size * n - size + 1, 1))
    if anchor.tense == "future" and period.end < current.start:
        period = period.shift(1, "year")
    return Result("DATE", period.value)


_DECADE_WORDS = ("", "", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")


def _decade(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    mod = {"early": "START", "late": "END", "mid": "MID"}.get((g.get("mod") or "").lower())
    if g.get("digits"):
        return Result("DATE", g["digits"], mod)
    tens = int(g["short"]) if g.get("short") else _DECADE_WORDS.index(g["words"].lower())
    century = anchor.dct.year // 100
    if century * 100 + tens * 10 > anchor.dct.year:
        century -= 1
    return Result("DATE", f"{century}{tens}", mod)


def _century(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    if g.get("ord"):
        n = ordinal(g["ord"])
        return Result("DATE", f"{n - 1:02d}") if n else None
    step = {"this": 0, "last": -1, "past": -1, "next": 1}[g["rel"].lower()]
    return Result("DATE", f"{anchor.dct.year // 100 + step:02d}")


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m + 114) // 31
    return dt.date(year, n, (a + 11 * h + 22 * m + 114) % 31 + 1)


def _holiday_on(name: str, year: int) -> dt.date:
    if name.startswith("thanksgiving"):
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name.startswith("easter"):
        return _easter(year)
    month, day = HOLIDAYS[name]
    return dt.date(year, month, day)


def _holiday(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    name = " ".join(g["holiday"].lower().split()).replace("’", "'")
    if g.get("year"):
        return Result("DATE", _holiday_on(name, int(g["year"])).isoformat())
    options = [Period("day", _holiday_on(name, y)) for y in (anchor.dct.year - 1, anchor.dct.year, anchor.dct.year + 1)]
    rel = (g.get("rel") or "").lower()
    if rel == "last":
        options = [p for p in options if p.end < anchor.dct]
    elif rel == "next":
        options = [p for p in options if p.start > anchor.dct]
    return Result("DATE", pick(options, anchor).value)


def _season(g: dict[str, str], anchor: Anchor, text: str) -> Result:
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
        period = pick([this.shift(-1), this, this.shift(1)], anchor)
    return Result("DATE", period.value, mod)


def _year(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    ref = anchor.reference
    if g.get("period") and ref is not None and ref.unit in ("quarter", "half"):
        # "the 1988 period" in results news: the quarter being compared, in that year
        return Result("DATE", ref.shift(int(g["year"]) - ref.start.year, "year").value, anaphoric=True)
    return Result("DATE", g["year"])


def _anniversary(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    """ "the 80th anniversary of [the 1945 victory]" falls in 1945 + 80; without a year in sight,
    news speaks of anniversaries being marked now, in the document's year."""
    n = ordinal(g["ord"])
    if n is None:
        return None
    return Result("DATE", str(anchor.dct.year))


def _vague(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    return Result("DATE", VAGUE[" ".join(text.lower().split())])


#: How a fraction of a unit is written in the next smaller one: 2 1/2 years = P2Y6M.
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24)}
_SMALLER_CLOCK = {"H": ("M", 60), "M": ("S", 60)}


def _duration_value(amount: float | None, unit_word: str) -> str:
    unit = unit_word.lower()
    letter = UNITS[unit]
    clock = unit in CLOCK_UNITS
    if amount is None:
        vague = "E" if unit == "decade" else "C" if unit.startswith("centur") else letter
        return f"PTX{vague}" if clock else f"PX{vague}"
    amount *= UNIT_FACTORS.get(unit, 1)
    whole = int(amount)
    parts = [(whole, letter, clock)] if whole else []
    if amount != whole:
        smaller, factor = (_SMALLER_CLOCK if clock else _SMALLER).get(letter, (letter, 1))
        parts.append((round((amount - whole) * factor), smaller, clock or smaller == "H"))
    date = "".join(f"{n}{u}" for n, u, c in parts if not c)
    time = "".join(f"{n}{u}" for n, u, c in parts if c)
    return "P" + date + (f"T{time}" if time else "")


def _duration(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    amount = number(g["n"])
    if g.get("half") and amount is not None:
        amount += 0.5
    return Result("DURATION", _duration_value(amount, g["unit"]))


def _vague_duration(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    return Result("DURATION", _duration_value(None, g["unit"]))


def _set(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    if g.get("freq"):
        return Result("SET", FREQUENCIES[g["freq"].lower()])
    word = (g.get("unit") or g.get("unit2") or "").lower().rstrip(".")
    if word in WEEKDAYS:
        return Result("SET", f"XXXX-WXX-{WEEKDAYS[word]}")
    if word in MONTHS and len(word) > 3:
        return Result("SET", f"XXXX-{MONTHS[word]:02d}")
    return Result("SET", _duration_value(1, word))


NORMALISERS: dict[str, Normaliser] = {
    "clock": lambda g, a, t: _clock(g, a),
    "date": _date,
    "numeric": _numeric,
    "month": _month_name,
    "range_day": _range_day,
    "quarter": _quarter,
    "decade": _decade,
    "century": _century,
    "deictic": lambda g, a, t: relative.deictic(g, a),
    "weekday": lambda g, a, t: relative.weekday(g, a),
    "holiday": _holiday,
    "season": _season,
    "relative": relative.relative,
    "reference": lambda g, a, t: relative.reference(g, a),
    "year_ago": lambda g, a, t: relative.year_ago(g, a),
    "ago": lambda g, a, t: relative.ago(g, a),
    "duration": _duration,
    "vague_duration": _vague_duration,
    "set": _set,
    "year": _year,
    "anniversary": _anniversary,
    "vague": _vague,
    "part_of_day": lambda g, a, t: relative.part_of_day(g, a),
    "the_unit": lambda g, a, t: relative.the_unit(g, a),
}


def _clock(g: dict[str, str], anchor: Anchor) -> Result | None:
    named = (g.get("named") or "").lower()
    if named:
        hour, minute = (24, 0) if named == "midnight" else (12, 0)
    else:
        hour, minute = int(g["hour"]), int(g.get("minute") or 0)
        if hour > 12 or minute > 59:
            return None
        pm = g["ampm"].lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    # A bare clock time belongs to the day the narrative is on ("Friday ... at 10:35 a.m.").
    day = anchor.reference.start if anchor.reference is not None and anchor.reference.unit == "day" else anchor.dct
    anchor_words = g.get("anchor")
    if anchor_words:
        inner = NORMALISERS["date" if re.search(r"\d", anchor_words) else "weekday"]
        first = anchor_words.split()[0].lower()
        found: Result | None
        if first in ("yesterday", "today", "tomorrow", "tonight"):
            found = relative.deictic({"ref": first}, anchor)
        elif re.search(r"\d", anchor_words):
            month, daynum = anchor_words.split()[0], anchor_words.split()[-1]
            found = inner({"month": month, "day": daynum}, anchor, anchor_words)
        else:
            found = inner({"weekday": anchor_words}, anchor, anchor_words)
        if found is not None:
            day = dt.date.fromisoformat(found.value[:10])
    return Result("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}")
