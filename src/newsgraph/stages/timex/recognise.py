"""Finding time expressions: regular patterns built from the lexicon, run over the raw text.

Each pattern has a ``kind`` that :mod:`newsgraph.stages.timex.normalise` knows how to value.
Where patterns overlap the longest match wins (then the earlier pattern in :data:`PATTERNS`).
A span follows the TimeML conventions: determiners and modifiers ("the", "nearly", "early")
belong to it, prepositions ("on", "by", "since") do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsgraph.stages.timex.lexicon import (
    FREQUENCIES,
    HOLIDAYS,
    MODIFIERS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    UNITS,
    VAGUE,
    WEEKDAYS,
)


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _capitalised(words: Iterable[str]) -> str:
    return "(?-i:" + _alt(w[0].upper() + w[1:] for w in words) + ")"


_FULL_MONTHS = [m for m in MONTHS if (len(m) > 3 and m != "sept") or m == "may"]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
MONTH = r"(?:" + _capitalised(_FULL_MONTHS) + r"|(?-i:" + _alt(m.title() for m in _ABBR_MONTHS) + r")\.)"
MONTH_LOOSE = r"(?:" + _capitalised(_FULL_MONTHS) + r"|(?-i:" + _alt(m.title() for m in _ABBR_MONTHS) + r")\.?)"
WEEKDAY = (
    r"(?:"
    + _capitalised(w for w in WEEKDAYS if len(w) > 4)
    + r"|(?-i:"
    + _alt(w.title() for w in WEEKDAYS if len(w) <= 4)
    + r")\.)"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?!\d|[.,]\d)"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER = (
    r"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|(?:"
    + _TENS
    + r")[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b|"
    + _alt(NUMBERS)
    + r")"
)
UNIT = r"(?:" + _alt(UNITS) + r")"
PART = r"(?:" + _alt(PARTS_OF_DAY) + r")"
ORDINAL = r"(?:\d+(?:st|nd|rd|th)|" + _alt(ORDINALS) + r")"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
REL = r"(?:last|this|next|coming|past|previous|current|following|same|that|upcoming)"
MODIFIER = r"(?:" + _alt(MODIFIERS) + r")"
CLOCK = (
    r"(?:(?P<hour>\d{1,2})(?:[:.](?P<minute>\d\d))?\s*(?P<ampm>[ap]\.\s?m\b\.?|[ap]m\b)"
    r"|(?P<named>noon|midnight|midday))"
)
TIMEZONE = r"(?:\s+(?-i:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|BST|CET|MSK)|\s+local\s+time)?"
HOLIDAY = (
    r"(?-i:" + _alt(h.title().replace("'S", "'s") for h in HOLIDAYS) + r"|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?)"
)

#: (kind, pattern) in priority order: on equal length, the earlier kind wins.
PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "clock",
        CLOCK
        + TIMEZONE
        + r"(?:,?\s+(?:on\s+)?(?P<anchor>"
        + WEEKDAY
        + r"|"
        + MONTH_LOOSE
        + r"\s+"
        + DAY
        + r"|yesterday|today|tomorrow|tonight))?",
    ),
    (
        "date",
        r"(?:(?P<weekday>"
        + WEEKDAY
        + r"),?\s+)?(?:(?P<month>"
        + MONTH_LOOSE
        + r")\s+(?P<day>"
        + DAY
        + r")"
        + r"|(?P<day2>"
        + DAY
        + r")(?:\s+of)?\s+(?P<month2>"
        + MONTH_LOOSE
        + r"))(?:(?:\s*,\s*|\s+)(?P<year>"
        + YEAR
        + r"))?",
    ),
    (
        "numeric",
        r"(?<![\d/.-])(?:(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)|(?P<m2>1[0-2]|0?[1-9])/(?P<d2>[0-3]?\d)"
        r"/(?P<y2>(?:19|20)\d\d))(?![\d/])",
    ),
    (
        "month",
        r"(?:(?P<rel>last|this|next|coming|past|that)\s+)?(?:(?P<mod>mid|early|late)-)?(?P<month>"
        + MONTH
        + r")(?:\s*,?\s+(?:of\s+)?(?P<year>"
        + YEAR
        + r")|\s+(?P<yrel>last|this|next)\s+year)?",
    ),
    ("range_day", r"(?:(?<=[-–])|(?<=\band\s)|(?<=\bto\s)|(?<=\bthrough\s))(?P<day>" + DAY + r")\b"),
    (
        "quarter",
        r"(?:the\s+|(?:this|last|next|previous)\s+year['’]s\s+)?(?:(?P<year>"
        + YEAR
        + r")\s+|(?P<rel>year-earlier|year-ago|latest|last|past|"
        r"current|this|next|coming|previous|prior|recent|same|comparable|fiscal|final|first|second|third|fourth|\d(?:st|nd|rd|th)"
        r")[\s-]+)*(?:fiscal\s+)?(?P<unit>quarter|half)(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year2>" + YEAR + r"))?",
    ),
    (
        "decade",
        r"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<digits>1[6-9]\d|20\d)0'?s|['’](?P<short>\d)0s|"
        r"(?<=the\s)(?P<words>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
    ),
    ("century", r"(?:the\s+)?(?:(?P<ord>" + ORDINAL + r")|(?P<rel>this|last|next|past))\s+century"),
    (
        "deictic",
        r"(?:(?P<ref>yesterday|today|tomorrow|tonight)(?:\s+(?P<part>" + PART + r"))?"
        r"|(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part2>" + PART + r"))\b",
    ),
    (
        "weekday",
        r"(?:(?P<rel>last|this|next|coming|past|previous|following)\s+)?(?P<weekday>"
        + WEEKDAY
        + r")(?:,?\s+(?P<part>"
        + PART
        + r"))?",
    ),
    ("holiday", r"(?:(?P<rel>last|this|next)\s+)?(?P<holiday>" + HOLIDAY + r")(?:\s*,?\s+(?P<year>" + YEAR + r"))?"),
    (
        "season",
        r"(?:(?P<rel>last|this|next|past|coming|the)\s+)(?:(?P<mod>early|late|mid)[\s-]+)?(?P<season>"
        + SEASON
        + r")(?:\s+(?:of\s+)?(?P<year>"
        + YEAR
        + r"))?|(?P<season2>"
        + SEASON
        + r")\s+(?:of\s+)?(?P<year2>"
        + YEAR
        + r")",
    ),
    (
        "relative",
        r"(?:(?P<shift>earlier|later)\s+)?(?:the\s+)?(?P<rel>" + REL + r"|this\s+past)\s+(?P<unit>day|night|week"
        r"|weekend|month|year|decade|fortnight)\b(?!-)",
    ),
    (
        "reference",
        r"(?:the\s+)?(?P<unit>day|night|week|month|year)\s+(?P<dir>before|after|earlier|later)\b(?!\s+(?:the|a|an|"
        r"his|her|its|their)\b|\s+(?-i:[A-Z]))",
    ),
    ("year_ago", r"(?:the\s+(?:comparable\s+|same\s+)?)?year-(?P<dir>earlier|ago)(?:\s+period)?\b"),
    (
        "ago",
        r"(?:(?P<mod>"
        + MODIFIER
        + r")\s+)?(?P<n>"
        + NUMBER
        + r"|a\s+few|few|several|many|some)[\s-]+(?P<unit>"
        + UNIT
        + r")s?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence|back)\b"
        r"(?!\s+(?:the|a|an|his|her|its|their|this|that)\b|\s+(?-i:[A-Z0-9]))",
    ),
    (
        "duration",
        r"(?:(?P<mod>" + MODIFIER + r")\s+)?(?:(?P<det>the|a|an|each\s+of\s+the)\s+)?(?:(?P<rel>past|last|next|"
        r"first|final|coming|previous|following|latest|remaining|full|entire|whole|same|initial|ensuing|additional|"
        r"further|more)\s+)*(?P<n>"
        + NUMBER
        + r"|a\s+few|few|several|many|some)[\s-]+(?P<more>more\s+)?(?P<unit>"
        + UNIT
        + r")(?P<plural>s)?(?P<old>[\s-]+old)?(?:-long)?(?P<half>\s+and\s+a\s+half)?\b",
    ),
    (
        "vague_duration",
        r"(?:(?P<det>the)\s+)?(?:(?P<rel>recent|past|last|next|coming|ensuing|few|several|many)\s+)*"
        r"(?P<unit>second|minute|hour|day|week|month|quarter|year|decade|centurie)s\b(?:-long)?(?![\s-]+old)",
    ),
    (
        "set",
        r"(?:(?P<every>every|each|per)\s+(?:other\s+)?(?P<unit>" + UNIT + r"|" + WEEKDAY + r"|" + MONTH + r")"
        r"|(?P<freq>"
        + _alt(FREQUENCIES)
        + r")|(?P<times>once|twice|\w+\s+times)\s+(?:a|an|per|every)\s+(?P<unit2>"
        + UNIT
        + r"))\b",
    ),
    (
        "year",
        r"(?:(?P<fiscal>fiscal(?:\s+year)?|FY|the\s+year)\s*)?(?P<year>"
        + YEAR
        + r")(?P<period>\s+period)?(?!\s*(?:%|percent)|,\d|-\d)",
    ),
    ("anniversary", r"(?:the\s+)?(?P<ord>" + ORDINAL + r")\s+anniversary"),
    ("vague", r"\b(?:" + _alt(VAGUE) + r")\b"),
    ("the_unit", r"the\s+(?:(?:full|fiscal|entire|whole)\s+)?(?P<unit>year|weekend)\b"),
    ("part_of_day", r"(?:(?P<rel>this|that|the)\s+)(?P<part>" + PART + r")\b"),
)

# Not inside a word or a hyphenated compound; a possessive "'s" may follow (and is trimmed).
_COMPILED = tuple(
    (kind, re.compile(("" if kind == "range_day" else r"(?<![\w'’-])") + r"(?:" + rx + r")(?!\w|['’](?!s\b))", re.I))
    for kind, rx in PATTERNS
)

# Before a 4-digit number these make it a count, an amount or a name, not a year.
_NOT_YEAR_BEFORE = re.compile(r"(?:[$£€#]|No\.|\d[,.]?|[A-Z]-)\s*$|\b(?:flight|route|room|model|number|page)\s+$", re.I)
_NOT_YEAR_AFTER = re.compile(
    r"^\s*(?:[-–]\s*\d|(?:shares|people|points?|votes|jobs|units|cars|tons|barrels|miles|"
    r"feet|meters|acres|employees|troops|workers|soldiers|members|students)\b)",
    re.I,
)
_MODIFIER_BEFORE = re.compile(r"(?:^|(?<=\W))(?P<mod>" + MODIFIER + r")[\s-]+$", re.I)
_RANGE_BEFORE = re.compile(MONTH_LOOSE + r"\s+" + DAY + r"\s*(?:[-–]|and|to|through)\s*$")
# Modifiers that are also prepositions count only before an amount ("over an hour").
_AMOUNT_MODIFIERS = frozenset({"over", "under", "about", "around", "some"})
_AMOUNT = re.compile(
    r"(?:\d|a\b|an\b|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty"
    r"|sixty|several|few|half|dozen|hundred)",
    re.I,
)
_RATE_BEFORE = re.compile(r"(?:\d|million|billion|trillion|%|percent|cents?|dollars?|times|once|twice)\s*$", re.I)
_TRAILING_S = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A matched time expression before normalisation."""

    start: int
    end: int
    kind: str
    groups: dict[str, str]
    mod: str | None = None

    @property
    def length(self) -> int:
        return self.end - self.start


def recognise(text: str) -> list[Candidate]:
    """Time expressions in ``text``, in order, without overlaps."""
    found: list[tuple[int, int, Candidate]] = []
    for priority, (kind, pattern) in enumerate(_COMPILED):
        for m in pattern.finditer(text):
            candidate = _candidate(text, kind, m)
            if candidate is not None:
                found.append((priority, m.start(), candidate))
    found.sort(key=lambda item: (-item[2].length, item[0], item[1]))
    taken: list[Candidate] = []
    for _, _, cand in found:
        if all(cand.end <= other.start or cand.start >= other.end for other in taken):
            taken.append(cand)
    return sorted((_with_modifier(text, c) for c in taken), key=lambda c: c.start)


def _candidate(text: str, kind: str, m: re.Match[str]) -> Candidate | None:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    start, end = m.start(), m.end()
    if kind == "year" and (_NOT_YEAR_BEFORE.search(text, max(0, start - 20), start) or _NOT_YEAR_AFTER.match(text, end)):
        return None
    if kind == "range_day" and not _RANGE_BEFORE.search(text[max(0, start - 25) : start]):
        return None
    # A bare plural ("years") is a time expression after "for", "in", "over" or "within".
    if (
        kind == "vague_duration"
        and not groups.get("det")
        and not groups.get("rel")
        and not re.search(r"\b(?:for|in|over|within|after|of)\s+$", text[max(0, start - 8) : start], re.I)
    ):
        return None
    if kind == "relative" and groups.get("rel", "").lower() in ("last", "past") and groups.get("unit") == "day":
        return None  # "the last day of ..." is a day counted in something else
    if (
        kind == "duration"
        and (groups.get("det") or groups["n"]).lower() in ("a", "an", "per")
        and _RATE_BEFORE.search(text, max(0, start - 12), start)
    ):
        return Candidate(start, end, "set", {"unit": groups["unit"]})  # "$33 million a year" is a rate
    if groups.get("mod", "").lower() in _AMOUNT_MODIFIERS and not _AMOUNT.match(text, m.end("mod") + 1):
        start = m.end("mod") + 1  # "over the past two months": "over" is a preposition here
        del groups["mod"]
    if kind == "duration" and groups.get("old") and groups["unit"].lower() == "year":
        return None  # an age ("the 6-year-old"), not a time
    if kind == "duration" and groups["unit"].lower() == "quarter" and re.match(r"s?\s+of\b", text[end : end + 5]):
        return None  # "three-quarters of": a fraction
    if kind == "duration" and groups.get("det", "").lower() == "the" and not groups.get("rel"):
        start = m.start("n")  # "the 14-day [strike]": the article belongs to the noun phrase
    if groups.get("det", "").lower() in ("a", "an") and groups.get("n", "").lower() not in ("a", "an", "few"):
        start = m.start("n")  # "a four-day visit": the article belongs to the noun phrase, not the time
    while end > start and _TRAILING_S.search(text, start, end):
        end -= 2
    return Candidate(start, end, kind, groups)


def _with_modifier(text: str, cand: Candidate) -> Candidate:
    """Extend a candidate over a modifier right before it ("nearly", "early", "mid-")."""
    if cand.kind in ("vague", "numeric", "range_day") or "mod" in cand.groups:
        return Candidate(cand.start, cand.end, cand.kind, cand.groups, _mod(cand.groups.get("mod")))
    m = _MODIFIER_BEFORE.search(text, max(0, cand.start - 20), cand.start)
    if m is None:
        return cand
    if m.group("mod").lower() in _AMOUNT_MODIFIERS and not _AMOUNT.match(text, cand.start):
        return cand  # "over the past decade": here "over" is a preposition, not "more than"
    return Candidate(m.start(), cand.end, cand.kind, cand.groups, _mod(m.group("mod")))


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    return MODIFIERS.get(" ".join(word.lower().split()))
