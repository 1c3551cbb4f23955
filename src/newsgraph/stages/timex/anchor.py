"""What a time expression is anchored on: the document creation time, the narrative's reference
time, and the tense of the clause; plus :func:`time_for`, the helper later stages use to date a
clause.

Deictic expressions ("yesterday", "last week", "two days ago") count from the document creation
time. Anaphoric ones ("two days later", "the next day", "a year earlier") count from the
*reference time*: the last date the narrative mentioned, so "On May 3 ..., two days later" is
May 5. Under-specified ones ("Monday", "May 3", "the third quarter") take the tense of their
clause: "on Monday" in a past-tense clause is the previous Monday, in a future one the next.
The tense comes from :mod:`newsgraph.stages.timex.tense`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.stages.timex.values import Period

if TYPE_CHECKING:
    from newsgraph.model import Analysis


@dataclass(frozen=True, slots=True)
class Anchor:
    """What one expression is resolved against."""

    dct: dt.date
    reference: Period | None = None
    tense: str | None = None
    last_value: str | None = None
    #: The last quarter (or half) the text named: the period a results report is about.
    focus: Period | None = None
    #: True when the expression dates the governing verb's own event ("said in January"):
    #: then its tense fixes the direction (see :func:`newsgraph.stages.timex.tense.modifies_verb`).
    direct: bool = False

    @property
    def reference_day(self) -> dt.date:
        """The reference time as a day (its first day), or the document date."""
        return self.reference.start if self.reference is not None else self.dct


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``[start, end)``: from after the last sentence end (a ".", "!" or "?",
    closing quotes, then space; or a line break) before ``start`` to the first one after ``end``."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    after = _SENTENCE_END.search(text, end)
    return begin, after.start() if after else len(text)


def time_for(analysis: Analysis, start: int, end: int) -> str | None:
    """The TIMEX3 value of the time expression that governs the clause ``[start, end)``.

    That is the nearest DATE or TIME expression before the span in the same sentence ("On May 3,
    Zelensky stated, ..."), else the first one inside the span, else the nearest one after it in
    the same sentence (see :func:`sentence_bounds`). None when the sentence has
    none: callers then use the document date and mark it as the date the fact was reported on.
    Durations, sets and vague references (PAST_REF, ...) never date a clause.
    """
    text = analysis.document.text
    sentence_start, sentence_end = sentence_bounds(text, start, end)
    dated = [
        t
        for t in analysis.time_expressions
        if t.type in ("DATE", "TIME") and t.value[:1].isdigit() and sentence_start <= t.span.start < sentence_end
    ]
    inside = [t for t in dated if start <= t.span.start and t.span.end <= end]
    before = [t for t in dated if t.span.end <= start]
    after = [t for t in dated if t.span.start >= end]
    if before:
        return max(before, key=lambda t: t.span.end).value
    if inside:
        return inside[0].value
    if after:
        return min(after, key=lambda t: t.span.start).value
    return None
