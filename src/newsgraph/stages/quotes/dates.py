"""When a quotation was said: its own time expression, else the article's date as reported.

"On May 3, Zelensky stated, ..." dates the quotation 2025-05-03 (``time_source`` "expression").
Without such an expression the quotation is dated by the article's publication date, which only
says it was reported by then (``time_source`` "reported"). The expression must be a calendar
value (not ``PAST_REF``), in the cue's sentence, before the content or after a cue that follows
it, and never inside the quotation: dates inside it are what the speaker talks about
("... traveling to Russia on May 9"), not when they spoke.
"""

from __future__ import annotations

import re

from newsgraph.model import Analysis, TimeExpression

EXPRESSION, REPORTED = "expression", "reported"

_CALENDAR = re.compile(r"^\d{4}")
_DATED_TYPES = frozenset({"DATE", "TIME"})


def quote_time(
    analysis: Analysis, sentence: tuple[int, int], anchor: int, content: tuple[int, int]
) -> tuple[str | None, str | None]:
    """``(time, time_source)`` for a quotation whose content is ``content``, whose cue (or, with
    no cue, content) starts at ``anchor`` in the sentence ``sentence``."""
    candidates = [t for t in analysis.time_expressions if _dates(t, sentence, anchor, content)]
    if candidates:
        # The nearest expression, preferring one before the cue ("On May 3, he said").
        best = min(candidates, key=lambda t: (t.span.start > anchor, abs(t.span.start - anchor)))
        return best.value, EXPRESSION
    published = analysis.document.published
    if published:
        return published[:10], REPORTED
    return None, None


def _dates(timex: TimeExpression, sentence: tuple[int, int], anchor: int, content: tuple[int, int]) -> bool:
    span = timex.span
    if timex.type not in _DATED_TYPES or not _CALENDAR.match(timex.value):
        return False
    if not (sentence[0] <= span.start and span.end <= sentence[1]):
        return False
    # Before the content ("On May 3, X said that ..."), or after the cue when the content comes
    # first ("..., X said on Tuesday"); never inside the content or in a clause after it.
    return span.end <= content[0] or (content[1] <= anchor <= span.start)
