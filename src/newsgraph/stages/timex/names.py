"""Names that contain a time word but name no time: "Fox News Sunday", "the Sunday Times",
"Monday Night Football", "Easter Island". A weekday, month, season or named day inside one is not
a time expression.

Three signs, from the most to the least certain: the name is listed in ``names.toml``; spaCy
marks a name (organisation, work, event, place ...) that runs past the time word; the time word
is compounded into a capitalised noun that is no time word ("Sunday Times", "March Madness").
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from newsgraph.errors import ConfigError
from newsgraph.stages.timex.lexicon import MONTHS, PARTS_OF_DAY, SEASONS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: The candidate kinds a name can hold: a bare word of the calendar.
NAMEABLE_KINDS = frozenset({"weekday", "month", "season", "holiday"})
#: spaCy labels of names; DATE, TIME and the number labels are not.
_NAME_LABELS = frozenset(
    {"ORG", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "PERSON", "NORP", "GPE", "LOC", "LAW", "LANGUAGE"}
)
_TIME_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(SEASONS) | frozenset(PARTS_OF_DAY)


@cache
def _listed() -> re.Pattern[str]:
    text = resources.files("newsgraph.stages.timex").joinpath("names.toml").read_text("utf-8")
    try:
        names = tomllib.loads(text).get("names", [])
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"newsgraph/stages/timex/names.toml: {error}") from error
    if not names:
        return re.compile(r"(?!)")  # matches nothing
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)")


def listed_names(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every name of ``names.toml`` in ``text``."""
    return [m.span() for m in _listed().finditer(text)]


def in_name(start: int, end: int, doc: Doc | None, listed: list[tuple[int, int]]) -> bool:
    """True when ``[start, end)`` lies in a listed name, or (with a parse) in a name spaCy marks
    that runs past it, or is compounded into a capitalised noun that is no time word."""
    if any(a <= start and end <= b for a, b in listed):
        return True
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    return _in_entity(span) or _compounded(span)


def _in_entity(span: Span) -> bool:
    for token in span:
        if token.ent_type_ in _NAME_LABELS:
            entity = next((e for e in span.doc.ents if e.start <= token.i < e.end), None)
            # a name that runs on over other capitalised words ("Monday Night Football"; not
            # "the" that spaCy takes into "the Fourth of July")
            outside = [t for t in (entity or ()) if not span.start <= t.i < span.end]
            if any(t.is_title or t.is_upper for t in outside if t.is_alpha):
                return True
    return False


def _compounded(span: Span) -> bool:
    """ "the Sunday Times", "Monday Night Football": the last word is a compound of a capitalised
    noun to its right, and the chain of compounds ends on a word that is no time word."""
    token = span[-1]
    while token.dep_ == "compound" and token.head.i > token.i:
        token = token.head
        if not token.is_title:
            return False
        if token.lower_ not in _TIME_WORDS:
            return True
    return False
