"""Finding time expressions: the patterns of :mod:`newsgraph.stages.timex.patterns`, run over the
raw text, then filtered by their context.

Where patterns overlap the longest match wins (then the earlier pattern in
:data:`~newsgraph.stages.timex.patterns.PATTERNS`). A span follows the TimeML conventions:
determiners and modifiers ("the", "nearly", "early") belong to it, prepositions ("on", "by",
"since") do not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsgraph.stages.timex import holidays
from newsgraph.stages.timex.lexicon import MODIFIERS
from newsgraph.stages.timex.patterns import DAY, MODIFIER, MONTH_LOOSE, PATTERNS
from newsgraph.stages.timex.resolve import spoken_year

# Not inside a word or a hyphenated compound ("quarter-to-quarter", "day-to-day"); a possessive
# "'s" may follow (and is trimmed).
_COMPILED = tuple(
    (
        kind,
        re.compile(("" if kind == "range_day" else r"(?<![\w'’-])") + r"(?:" + rx + r")(?!\w|['’](?!s\b)|-to-)", re.I),
    )
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
# An amount, then up to two words ("four flights", "700 seats"), right before "a week", "annually".
_RATE_BEFORE = re.compile(
    r"(?:\d|\b(?:million|billion|trillion|percent|cents?|dollars?|times|once|twice|two|three|four|five|six|seven"
    r"|eight|nine|ten|twelve|dozens|hundreds|thousands))%?(?:[\s-]+[a-z]+){0,2}\s+$",
    re.I,
)
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several))[\s-]+$", re.I
)
_GENERIC_AFTER = re.compile(r"['’]s\s+(?:world|youth|society|generation|standards)\b", re.I)
_TRAILING_S = re.compile(r"['’]s$")
_YEAR_PREPOSITION = re.compile(r"\b(?:in|by|since|until|of|year)\s+$", re.I)
_SENTENCE_START = re.compile(r"(?:\A|[.!?][\"'”’]*\s+|\n\s*|[\"“`]\s*)\Z")


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
    if not _spoken_years(text, kind, m, groups):
        return None
    check = _CHECKS.get(kind)
    if check is not None and not check(text, m, groups):
        return None
    start, end = m.start(), m.end()
    if groups.get("mod", "").lower() in _AMOUNT_MODIFIERS and not _AMOUNT.match(text, m.end("mod") + 1):
        start = m.end("mod") + 1  # "over the past two months": "over" is a preposition here
        del groups["mod"]
    if kind == "duration" and groups.get("det", "").lower() == "the" and not groups.get("rel"):
        start = m.start("n")  # "the 14-day [strike]": the article belongs to the noun phrase
    if groups.get("det", "").lower() in ("a", "an") and groups.get("n", "").lower() not in ("a", "an", "few"):
        start = m.start("n")  # "a four-day visit": the article belongs to the noun phrase, not the time
    while end > start and _TRAILING_S.search(text, start, end):
        end -= 2
    return Candidate(start, end, kind, groups)


def _spoken_years(text: str, kind: str, m: re.Match[str], groups: dict[str, str]) -> bool:
    """Write a year read out ("nineteen ninety-six") in digits in ``groups``; False when it is a
    number, not a year: a bare "two thousand" is a year only as "the year two thousand" or after
    a preposition of time ("by two thousand")."""
    for key in ("year", "year2"):
        words = groups.get(key)
        if words is None or words[:1].isdigit():
            continue
        year = spoken_year(words)
        if year is None:
            return False
        if (
            kind == "year"
            and words.lower().startswith("two")
            and not groups.get("fiscal")
            and not _YEAR_PREPOSITION.search(text, max(0, m.start() - 8), m.start())
        ):
            return False
        groups[key] = str(year)
    return True


def _year_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    start, end = m.start(), m.end()
    return not (_NOT_YEAR_BEFORE.search(text, max(0, start - 20), start) or _NOT_YEAR_AFTER.match(text, end))


def _range_day_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    return bool(_RANGE_BEFORE.search(text[max(0, m.start() - 25) : m.start()]))


def _vague_duration_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    # A bare plural ("years") is a time expression after "for", "in", "over" or "within".
    start = m.start()
    if g.get("det") and not g.get("rel") and re.match(r"\s+(?:before|after|leading|following)\b", text[m.end() :]):
        return False  # "in the days before the vote": a time relative to an event, valued by none
    return bool(
        m.group().endswith("-long")  # "a decades-long feud"
        or g.get("det")
        or g.get("rel")
        or re.search(r"\b(?:for|in|over|within|after)\s+$", text[max(0, start - 8) : start], re.I)
    )


def _relative_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    if g["unit"][:1].isupper():
        return False  # a title ("ABC's This Week"), not a time
    # "the last day of ...": a day counted in something else
    return not (g.get("rel", "").lower() in ("last", "past") and g.get("unit") == "day")


def _duration_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    start, end = m.start(), m.end()
    det = (g.get("det") or g["n"]).lower()
    if det == "per" or (det in ("a", "an") and _RATE_BEFORE.search(text, max(0, start - 30), start)):
        return False  # "$33 million a year", "four flights a week": a rate, which TimeML leaves untagged
    if g.get("old") and g["unit"].lower() == "year":
        return False  # an age ("the 6-year-old"), not a time
    if g["n"].lower() in ("a", "an") and g["unit"].lower() == "second" and re.match(r"\s+[a-z]", text[end : end + 3]):
        return False  # "a second group": an ordinal
    # "three-quarters of": a fraction
    return not (g["unit"].lower() == "quarter" and re.match(r"s?\s+of\b", text[end : end + 5]))


def _vague_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    words = m.group().lower()
    if words == "now":
        # "Now, ..." opening a sentence turns the argument, it does not date anything
        return not (
            re.match(r"\s*,", text[m.end() : m.end() + 2])
            and _SENTENCE_START.search(text, max(0, m.start() - 6), m.start())
        )
    if words == "the future" and re.match(r"\s+of\b", text[m.end() : m.end() + 4]):
        return False  # "the future of our peoples": a fate, not a time
    if words == "soon":
        # "as soon as", "soon after": a relation to another event, not a time of its own
        return not (
            re.search(r"\bas\s+$", text[max(0, m.start() - 4) : m.start()], re.I)
            or re.match(r"\s+(?:as|after|afterwards?|thereafter|before)\b", text[m.end() : m.end() + 14], re.I)
        )
    return True


def _month_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    # "the annual March for Life", "a March on the capital": the noun, not the month
    if g.get("year") or g.get("rel") or g.get("yrel"):
        return True
    before = re.search(r"\b(?:the|a|annual)\s+$", text[max(0, m.start() - 8) : m.start()], re.I)
    return not (before and re.match(r"\s+(?:for|of|on|to)\b", text[m.end() : m.end() + 5]))


def _deictic_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    # "today's youth", "today's world": the present age in general, no date
    if g.get("ref", "").lower() == "today" and _GENERIC_AFTER.match(text, m.end()):
        return False
    # "USA Today", "This is VOA Today": a capitalised word inside a sentence is part of a name
    return not (m.group()[:1].isupper() and re.search(r"\w\s+$", text[max(0, m.start() - 3) : m.start()]))


def _clock_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    return not re.search(r"\bhigh\s+$", text[max(0, m.start() - 5) : m.start()], re.I)  # "high noon"


def _set_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    # "sales rise 8% annually": a growth rate, not a recurring time
    # "15 million instructions per second": a rate too, like "$33 million a year"
    freq = g.get("freq", "").lower()
    rate = freq in ("annually", "yearly") or g.get("every", "").lower() == "per"
    return not (rate and _RATE_BEFORE.search(text, max(0, m.start() - 30), m.start()))


def _reference_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    # "one year after he was killed": an amount of time before "after", valued as a duration
    return not _AMOUNT_BEFORE.search(text, max(0, m.start() - 12), m.start())


# A name right before a country's named day: "Canada's Thanksgiving", "Ukrainian Independence Day".
_OWNER_BEFORE = re.compile(r"(?-i:[A-Z][\w.-]*)(?P<possessive>['’]s)?\s+$")


def _holiday_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    # another country's day than the one the rule dates; but a capitalised word opening the
    # sentence is no owner ("On Labor Day"), unless it is a possessive ("Canada's Thanksgiving")
    day = holidays.named_days()[holidays.key(g["holiday"])]
    if day.where is None or g.get("rel"):
        return True
    owner = _OWNER_BEFORE.search(text, max(0, m.start() - 30), m.start())
    if owner is not None and holidays.own_word(day, owner.group().strip()):
        return True  # "the U.S. Thanksgiving holiday", "America's Independence Day"
    if owner is None or owner.group("possessive"):
        return owner is None
    return bool(_SENTENCE_START.search(text, max(0, owner.start() - 6), owner.start()))


def _part_of_day_ok(text: str, m: re.Match[str], g: dict[str, str]) -> bool:
    # a bare "mid-afternoon" dates something after a preposition ("by mid-afternoon"), not
    # before a noun ("a mid-afternoon snack")
    return "part2" not in g or bool(
        re.search(r"\b(?:at|by|until|before|after|around|in)\s+$", text[max(0, m.start() - 8) : m.start()], re.I)
    )


_CHECKS: dict[str, Callable[[str, re.Match[str], dict[str, str]], bool]] = {
    "year": _year_ok,
    "range_day": _range_day_ok,
    "vague_duration": _vague_duration_ok,
    "relative": _relative_ok,
    "duration": _duration_ok,
    "vague": _vague_ok,
    "reference": _reference_ok,
    "month": _month_ok,
    "deictic": _deictic_ok,
    "clock": _clock_ok,
    "set": _set_ok,
    "holiday": _holiday_ok,
    "part_of_day": _part_of_day_ok,
}


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
