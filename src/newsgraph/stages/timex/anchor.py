"""What a time expression is anchored on: the document creation time, the narrative's reference
time, and the tense of the clause; plus :func:`time_for`, the helper later stages use to date a
clause.

Deictic expressions ("yesterday", "last week", "two days ago") count from the document creation
time. Anaphoric ones ("two days later", "the next day", "a year earlier") count from the
*reference time*: the last date the narrative mentioned, so "On May 3 ..., two days later" is
May 5. Under-specified ones ("Monday", "May 3", "the third quarter") take the tense of their
clause: "on Monday" in a past-tense clause is the previous Monday, in a future one the next.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.stages.timex.values import Period

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsgraph.model import Analysis

#: Words before a verb that put its clause in the future ("is set to", "plans to visit").
_FUTURE_BEFORE = re.compile(
    r"(?:\bwill|\bshall|'ll|’ll|\bwould|\bgoing\s+to|\b(?:is|are|was|were)\s+(?:set|due|scheduled|expected|slated|"
    r"planned|poised|to)\s+to|\bplans?\s+to|\bintends?\s+to|\baims?\s+to)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_FUTURE_TEXT = re.compile(
    r"\b(?:will|shall|'ll|going to|(?:is|are) (?:set|due|scheduled|expected|slated) to|plans? to)\b", re.I
)
_PAST_TEXT = re.compile(r"\b(?:said|was|were|had|did|told|announced|\w{3,}ed)\b", re.I)
_REPORTING = frozenset({"say", "tell", "announce", "report", "state", "add", "note", "claim"})


@dataclass(frozen=True, slots=True)
class Anchor:
    """What one expression is resolved against."""

    dct: dt.date
    reference: Period | None = None
    tense: str | None = None
    last_value: str | None = None

    @property
    def reference_day(self) -> dt.date:
        """The reference time as a day (its first day), or the document date."""
        return self.reference.start if self.reference is not None else self.dct


def tense_at(text: str, start: int, end: int, doc: Doc | None = None) -> str | None:
    """``past``, ``present`` or ``future`` for the clause of ``text[start:end]``: from the governing
    verb's morphology and auxiliaries when the parse is given, else from the sentence's words."""
    if doc is not None:
        found = _tense_from_parse(text, start, end, doc)
        if found is not None:
            return found
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    stop = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    sentence = text[sentence_start : min(stop) if stop else len(text)]
    if _FUTURE_TEXT.search(sentence):
        return "future"
    if _PAST_TEXT.search(sentence):
        return "past"
    return None


def _tense_from_parse(text: str, start: int, end: int, doc: Doc) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll", "’ll", "would", "wo") for a in auxes):
        return "future"
    if _FUTURE_BEFORE.search(text, max(0, token.idx - 40), token.idx):
        return "future"
    if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if token.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if token.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return "past" if token.lemma_ in _REPORTING else "present"
    return None


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
