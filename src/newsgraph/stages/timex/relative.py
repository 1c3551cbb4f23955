"""Values of relative expressions: deictic ones count from the document date ("yesterday",
"last week", "two days ago", "Friday"), anaphoric ones from the reference time ("the next day",
"two days later", "a year earlier")."""

from __future__ import annotations

import datetime as dt

from newsgraph.stages.timex.anchor import Anchor
from newsgraph.stages.timex.lexicon import PARTS_OF_DAY, WEEKDAYS
from newsgraph.stages.timex.resolve import Result, number, weekday_near
from newsgraph.stages.timex.values import Period

_DAY_OFFSETS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "this": 0, "last": -1}
_BACK = frozenset({"last", "past", "previous", "this past", "latest"})
_AHEAD = frozenset({"next", "coming", "upcoming"})
_ANAPHORIC = frozenset({"following", "same", "that"})
_UNIT_OF = {
    "day": "day", "night": "day", "week": "week", "weekend": "weekend", "month": "month", "quarter": "quarter",
    "year": "year", "decade": "decade", "fortnight": "week", "century": "century",
}  # fmt: skip


def _part(word: str | None) -> str | None:
    return PARTS_OF_DAY.get(" ".join(word.lower().split())) if word else None


def _day_value(day: dt.date, part: str | None, kind: str = "TIME") -> Result:
    if part:
        return Result(kind, f"{day.isoformat()}T{part}")
    return Result("DATE", day.isoformat())


def deictic(g: dict[str, str], anchor: Anchor) -> Result:
    ref = (g.get("ref") or g.get("rel") or g.get("ref3") or "today").lower()
    part = _part(g.get("part") or g.get("part2") or g.get("part3"))
    if ref == "tonight":
        part = "NI"
    if ref == "last" and part == "NI":
        return _day_value(anchor.dct - dt.timedelta(days=1), part)
    return _day_value(anchor.dct + dt.timedelta(days=_DAY_OFFSETS.get(ref, 0)), part)


def part_of_day(g: dict[str, str], anchor: Anchor) -> Result:
    rel = " ".join((g.get("rel") or "").lower().split())
    day = anchor.reference_day if rel in ("that", "the") or "part2" in g else anchor.dct
    if rel in ("the next", "the following"):  # "the next morning": the day after the narrative's
        day = anchor.reference_day + dt.timedelta(days=1)
    return _day_value(day, _part(g.get("part") or g.get("part2")))


def weekday(g: dict[str, str], anchor: Anchor) -> Result:
    rel = (g.get("rel") or "").lower()
    wd = WEEKDAYS[g["weekday"].lower().rstrip(".")]
    if rel in ("following", "previous"):
        base = anchor.reference_day  # strictly after or before it: "the previous Friday" of a Friday
        ahead = (wd - base.isoweekday()) % 7 or 7
        back = (base.isoweekday() - wd) % 7 or 7
        day = base + dt.timedelta(days=ahead if rel == "following" else -back)
    else:
        direction = "previous" if rel in ("last", "past") else "next" if rel in ("next", "coming") else None
        day = weekday_near(anchor, wd, direction)
    # TimeBank types "Friday evening" as a DATE with the part of day in the value, but mostly
    # values "Friday morning" and "Friday night" as the day alone.
    part = _part(g.get("part"))
    return _day_value(day, None if part in ("MO", "NI") else part, "DATE")


def the_unit(g: dict[str, str], anchor: Anchor) -> Result:
    """ "the year" (the reference year; TimeBank mostly reads "for the year" so too), "the week"
    (the reference week: "On Friday ... For the week, the index fell"), "the weekend" (the
    nearest one, the tense deciding); "the year ended June 30" is a year of
    accounts, an amount of time."""
    unit = g["unit"].lower()
    if "ended" in g:
        return Result("DURATION", "P1Y")
    if unit == "week":  # "For the week, the index fell": the week the narrative is in
        return Result("DATE", Period.of("week", anchor.reference_day).value)
    if unit == "weekend":
        this = Period.of("weekend", anchor.dct)
        past = this if this.end <= anchor.dct else this.shift(-1)
        return Result("DATE", (this if anchor.tense == "future" else past).value)
    return Result("DATE", Period.of("year", anchor.reference_day).value)


def year_end(anchor: Anchor, since: bool) -> Result:
    """ "by year-end": the end of the document's year; "since year-end": of the last one."""
    return Result("DATE", str(anchor.dct.year - (1 if since else 0)), "END")


def relative(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    rel = " ".join(g["rel"].lower().split())
    unit = _UNIT_OF[g["unit"].lower()]
    if rel in ("that", "same") and unit == "day" and (anchor.reference is None or anchor.reference.unit != "day"):
        return None  # "trades made that day": no day named before it to refer to
    if rel in _ANAPHORIC or (rel == "previous" and unit == "day"):
        base = Period.of(unit, anchor.reference_day)
        step = 1 if rel == "following" else -1 if rel == "previous" else 0
    else:
        base = Period.of(unit, anchor.dct)
        step = -1 if rel in _BACK else 1 if rel in _AHEAD else 0
        if rel == "next" and text.lower().startswith("the") and anchor.reference is not None:
            base = Period.of(unit, anchor.reference_day)  # "the next day" follows the narrative
    period = base.shift(step)
    if g["unit"].lower() == "night":
        return Result("TIME", f"{period.value}TNI")
    return Result("DATE", period.value)


def reference(g: dict[str, str], anchor: Anchor) -> Result:
    unit = _UNIT_OF[g["unit"].lower()]
    step = -1 if g["dir"].lower() in ("before", "earlier") else 1
    ref = anchor.reference
    # "the day before" counts from a day the narrative named, else from the document date
    day = ref.start if ref is not None and (unit != "day" or ref.unit == "day") else anchor.dct
    return Result("DATE", Period.of(unit, day).shift(step).value)


def year_ago(g: dict[str, str], anchor: Anchor) -> Result:
    """ "the year-ago quarter": the period in focus a year back; a whole year in focus is
    already the comparison ("in the 1988 period. The year-ago results"): the year before the
    document's."""
    ref = anchor.reference
    if ref is not None and ref.unit in ("quarter", "half", "month"):
        return Result("DATE", ref.shift(-1, "year").value, anaphoric=True)
    return Result("DATE", str(anchor.dct.year - 1), anaphoric=True)


def ago(g: dict[str, str], anchor: Anchor) -> Result | None:
    """ "two days ago" (from the document date), "a year earlier" (from the reference time)."""
    direction = " ".join(g["dir"].lower().split())
    amount = number(g["n"])
    step = -1 if direction in ("ago", "earlier", "before", "back") else 1
    if amount is None or amount != int(amount):
        return Result("DATE", "PAST_REF" if step < 0 else "FUTURE_REF")
    word = g["unit"].lower()
    unit = _UNIT_OF.get(word, "day")
    count = int(amount) * (10 if word == "decade" else 100 if word.startswith("centur") else 1)
    if word == "decade" or word.startswith("centur"):
        unit = "year"
    deictic_dir = direction in ("ago", "from now", "hence", "back")
    ref = anchor.reference
    if ref is not None and unit == "year" and ref.unit in ("quarter", "half") and count == 1:
        return Result("DATE", ref.shift(step * count, "year").value, anaphoric=True)
    if unit == "year" and count == 1 and step < 0 and anchor.focus is not None and (ref is None or ref.unit == "year"):
        # "profit rose ... from $3 million a year ago": the quarter being reported, a year back
        return Result("DATE", anchor.focus.shift(-1, "year").value, anaphoric=True)
    if word in ("hour", "minute", "second"):
        unit = "day"
        count = 0
    base_day = anchor.dct if deictic_dir else anchor.reference_day
    if not deictic_dir and ref is not None and unit == "year" and ref.unit == "day":
        return Result("DATE", ref.shift(step * count, "year").value, anaphoric=step < 0)
    return Result("DATE", Period.of(unit, base_day).shift(step * count).value)
