"""Shared resolution rules: what a normaliser returns, how numbers are read, and which year an
under-specified date ("May 3", "December", "the third quarter") falls in given the tense."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsgraph.stages.timex.anchor import Anchor
from newsgraph.stages.timex.lexicon import NUMBERS, ORDINALS
from newsgraph.stages.timex.values import Period

#: How far (in days) a date in the "wrong" direction for the tense must be nearer than the
#: alternative to win anyway: "said ... Oct. 31" five days after the document date is still
#: this year's, not last year's.
TENSE_PENALTY_DAYS = 60
#: A marked future ("will be held in December", "expect the vote in March") points ahead: the
#: coming one, even when the last one is nearer (measured on TimeBank: 180 days lost one, no loss
#: on AQUAINT).
FUTURE_PENALTY_DAYS = 1000
#: A past-tense clause ("In March, the company sold ...") rarely points ahead, but a date a few
#: weeks on still does ("said the offer expires Dec. 15"), while "In January, ..." said in late
#: October is this year's: tuned on TimeBank/AQUAINT (flat between 180 and 240).
PAST_PENALTY_DAYS = 200
#: When the expression dates the past-tense verb's own event ("said in January", "began last
#: spring") it is behind the document date: "said in January" in a November article is that
#: year's January, not the one eight weeks ahead.
#: That rule holds for the bare names of the calendar (months, seasons, named days: see
#: :func:`pick`); a day is as often a date set in the past for the future ("has set Nov. 10 as
#: the deadline", "declared a dividend payable Dec. 7"): applied to days, the rule lost dates on
#: both TimeBank and AQUAINT.
DIRECT_PAST_PENALTY_DAYS = 1000


@dataclass(frozen=True, slots=True)
class Result:
    """A normalised expression: TIMEX3 type, value and mod."""

    type: str
    value: str
    mod: str | None = None
    #: True for a comparison counted back from the reference time ("a year earlier"): it does
    #: not move the reference time, so a second "a year earlier" compares with the same period.
    anaphoric: bool = False


def number(words: str) -> float | None:
    """The value of a number written in digits or words ("12", "twenty-four", "a couple of");
    None for vague amounts ("several")."""
    w = " ".join(words.lower().replace("-", " ").split())
    if w in NUMBERS:
        return NUMBERS[w]
    half = re.fullmatch(r"(\d+)\s+1/2", w)
    if half:
        return int(half.group(1)) + 0.5
    try:
        return float(w.replace(",", ""))
    except ValueError:
        pass
    parts = w.split()
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def spoken_year(words: str) -> int | None:
    """The year read out in ``words`` ("nineteen ninety-six" -> 1996, "two thousand and one" ->
    2001, "nineteen oh five" -> 1905); None when they are not one."""
    parts = words.lower().replace("-", " ").split()
    if parts[:2] == ["two", "thousand"]:
        rest = [p for p in parts[2:] if p != "and"]
        return 2000 + int(sum(NUMBERS[p] for p in rest)) if all(p in NUMBERS for p in rest) else None
    if len(parts) < 2 or parts[0] not in ("nineteen", "twenty"):
        return None
    century = 100 * int(NUMBERS[parts[0]])
    rest = [p for p in parts[1:] if p != "oh"]
    if rest == ["hundred"]:
        return century
    if not rest or not all(p in NUMBERS for p in rest):
        return None
    return century + int(sum(NUMBERS[p] for p in rest))


def ordinal(word: str) -> int | None:
    """The value of "3rd", "third"; None otherwise."""
    w = word.lower()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", w)
    if m:
        return int(m.group(1))
    return ORDINALS.get(w)


def pick(candidates: list[Period], anchor: Anchor, *, name: bool = False) -> Period:
    """The candidate nearest the document date, with the clause's tense as a bias: a past-tense
    clause takes a period that has begun, a future one prefers periods that have not ended.
    ``name``: the candidates are a bare name of the calendar ("January", "the fall",
    "Thanksgiving"), which a past-tense verb it dates puts behind the document date."""

    def cost(period: Period) -> int:
        if period.contains(anchor.dct):
            return 0
        if period.end < anchor.dct:
            distance = (anchor.dct - period.end).days
            return distance + (FUTURE_PENALTY_DAYS if anchor.tense == "future" else 0)
        distance = (period.start - anchor.dct).days
        if anchor.tense == "past":
            strict = anchor.direct and name
            return distance + (DIRECT_PAST_PENALTY_DAYS if strict else PAST_PENALTY_DAYS)
        return distance + (TENSE_PENALTY_DAYS if anchor.tense != "future" else 0)

    return min(candidates, key=cost)


def in_year_near(anchor: Anchor, make: object, *, name: bool = False) -> Period:
    """``make(year)`` for the year before, of and after the document date, whichever
    :func:`pick` prefers (``name`` as there); ``make`` returns a Period or raises ValueError
    (Feb 29)."""
    options: list[Period] = []
    for year in (anchor.dct.year - 1, anchor.dct.year, anchor.dct.year + 1):
        try:
            options.append(make(year))  # type: ignore[operator]
        except ValueError:
            continue
    return pick(options, anchor, name=name)


def weekday_near(anchor: Anchor, weekday: int, direction: str | None) -> dt.date:
    """The day with ISO ``weekday`` nearest the document date in ``direction`` (``previous``,
    ``next``, strictly; else the tense decides, the document date itself included)."""
    dct = anchor.dct
    back = (dct.isoweekday() - weekday) % 7
    ahead = (weekday - dct.isoweekday()) % 7
    if direction == "previous":
        return dct - dt.timedelta(days=back or 7)
    if direction == "next":
        return dct + dt.timedelta(days=ahead or 7)
    if anchor.tense == "future":  # news reports what happened: only a marked future looks ahead
        return dct + dt.timedelta(days=ahead)
    return dct - dt.timedelta(days=back)
