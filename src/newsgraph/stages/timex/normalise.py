"""Normalisation: a recognised candidate and its anchor -> TIMEX3 type, value and mod.

One function per candidate kind, looked up in :data:`NORMALISERS`: named dates in
:mod:`~newsgraph.stages.timex.dates`, quarters in :mod:`~newsgraph.stages.timex.fiscal`,
relative expressions in :mod:`~newsgraph.stages.timex.relative`, durations and sets in
:mod:`~newsgraph.stages.timex.amounts`. A normaliser returns None when the words turn out not to
be a time expression (a 4-digit number that is no year, "May 40").
"""

from __future__ import annotations

from collections.abc import Callable

from newsgraph.stages.timex import amounts, dates, fiscal, relative
from newsgraph.stages.timex.anchor import Anchor
from newsgraph.stages.timex.lexicon import VAGUE, VAGUE_ADJECTIVES
from newsgraph.stages.timex.recognise import Candidate
from newsgraph.stages.timex.resolve import Result

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


def _vague(g: dict[str, str], anchor: Anchor, text: str) -> Result | None:
    words = " ".join(text.lower().split())
    if words == "soon" and anchor.tense != "future":
        return None  # "he was soon released": a step in a past narrative, not a time
    return Result("DATE", VAGUE[words])


def _vague_adjective(g: dict[str, str], anchor: Anchor, text: str) -> Result:
    return Result("DATE", VAGUE_ADJECTIVES[" ".join(text.lower().split())])


NORMALISERS: dict[str, Normaliser] = {
    "clock": dates.clock,
    "date": dates.calendar_date,
    "numeric": dates.numeric,
    "month": dates.month_name,
    "range_day": dates.range_day,
    "quarter": fiscal.quarter,
    "decade": dates.decade,
    "century": dates.century,
    "deictic": lambda g, a, t: relative.deictic(g, a),
    "weekday": lambda g, a, t: relative.weekday(g, a),
    "holiday": dates.holiday,
    "season": dates.season,
    "relative": relative.relative,
    "reference": lambda g, a, t: relative.reference(g, a),
    "year_ago": lambda g, a, t: relative.year_ago(g, a),
    "ago": lambda g, a, t: relative.ago(g, a),
    "duration": amounts.duration,
    "vague_duration": amounts.vague_duration,
    "set": amounts.frequency,
    "year": dates.year,
    "anniversary": dates.anniversary,
    "vague": _vague,
    "period": fiscal.period,
    "vague_adjective": _vague_adjective,
    "part_of_day": lambda g, a, t: relative.part_of_day(g, a),
    "the_unit": lambda g, a, t: relative.the_unit(g, a),
    "year_end": lambda g, a, t: relative.year_end(a, "since" in g),
}
