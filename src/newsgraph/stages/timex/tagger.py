"""The tagger: text and document creation time in, normalised TIMEX3 expressions out.

It walks the recognised expressions in text order, resolving each against an
:class:`~newsgraph.stages.timex.anchor.Anchor` (document date, the narrative's reference time so
far, the clause's tense) and moving the reference time to every date it resolves. The stage and
the TimeML evaluation both call :func:`tag`, so the evaluation measures what the pipeline does.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.stages.timex.anchor import Anchor
from newsgraph.stages.timex.lexicon import BOUND_PREPOSITIONS
from newsgraph.stages.timex.names import NAMEABLE_KINDS, in_name, listed_names
from newsgraph.stages.timex.normalise import normalise
from newsgraph.stages.timex.recognise import recognise
from newsgraph.stages.timex.resolve import Result
from newsgraph.stages.timex.tense import modifies_verb, tense_at
from newsgraph.stages.timex.values import bounds, parse

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Two far-apart stand-in dates: an expression valued the same against both does not depend on
# the document date, so it can be kept when the document has none.
_PROBES = (dt.date(1901, 2, 3), dt.date(1957, 8, 9))
_PREPOSITION = re.compile(r"\b(" + "|".join(BOUND_PREPOSITIONS) + r")\s+(?:the\s+(?:end\s+of\s+)?)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Timex:
    """One tagged expression: ``[start, end)`` of the text, TIMEX3 type/value/mod and ISO bounds."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    earliest: str | None = None
    latest: str | None = None


def document_date(published: str | None) -> dt.date | None:
    """The calendar date of an ISO ``published`` date or date-time, or None."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def tag(text: str, dct: dt.date | None, doc: Doc | None = None) -> list[Timex]:
    """Every time expression in ``text``, normalised against the document date ``dct``.

    ``doc`` is the spaCy parse of ``text``: with it the tense comes from the governing verb,
    without it from the sentence's words. Without ``dct`` only expressions whose value does not
    depend on it (``2025-05-03``, ``P4D``, ``PAST_REF``) are kept.
    """
    found: list[Timex] = []
    reference = None
    last_value: str | None = None
    focus = None
    names = listed_names(text)
    for candidate in recognise(text):
        if candidate.kind in NAMEABLE_KINDS and in_name(candidate.start, candidate.end, doc, names):
            continue  # "Fox News Sunday", "the Sunday Times": a name, not a time
        words = text[candidate.start : candidate.end]
        tense = tense_at(text, candidate.start, candidate.end, doc)
        direct = modifies_verb(text, candidate.start, candidate.end, doc)
        if dct is None:
            results = {normalise(candidate, words, Anchor(p, None, tense, last_value, direct=direct)) for p in _PROBES}
            result: Result | None = results.pop() if len(results) == 1 else None
        else:
            result = normalise(candidate, words, Anchor(dct, reference, tense, last_value, focus, direct))
        if result is None:
            continue
        preposition = _PREPOSITION.search(text, max(0, candidate.start - 20), candidate.start)
        bound = BOUND_PREPOSITIONS[preposition.group(1).lower()] if preposition else None
        earliest, latest = bounds(result.value, bound, dct) if result.type in ("DATE", "TIME") else (None, None)
        found.append(Timex(candidate.start, candidate.end, result.type, result.value, result.mod, earliest, latest))
        if result.type in ("DATE", "TIME") and not result.anaphoric:
            period = parse(result.value)
            if period is not None and period.unit not in ("decade", "century"):
                reference = period
                last_value = result.value
                focus = period if period.unit in ("quarter", "half") else focus
    return found
