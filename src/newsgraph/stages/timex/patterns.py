"""The patterns of time expressions: regular expressions built from the lexicon's tables.

Each pattern has a ``kind`` that :mod:`newsgraph.stages.timex.normalise` knows how to value;
:mod:`newsgraph.stages.timex.recognise` runs them over the raw text. On equal length the earlier
pattern in :data:`PATTERNS` wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsgraph.stages.timex.holidays import named_days
from newsgraph.stages.timex.lexicon import (
    FREQUENCIES,
    MODIFIERS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    UNITS,
    VAGUE,
    VAGUE_ADJECTIVES,
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
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
#: A year read out, as in broadcast transcripts: "nineteen ninety-six", "two thousand and one".
SPOKEN_YEAR = (
    rf"(?:(?:nineteen|twenty)[\s-]+(?:{_TEENS}|(?:{_TENS})(?:[\s-](?:{_DIGIT_WORDS}))?|oh[\s-](?:{_DIGIT_WORDS})|hundred)"
    rf"|two\s+thousand(?:(?:\s+and)?\s+(?:{_TEENS}|{_DIGIT_WORDS}))?)\b"
)
YEAR = r"(?:(?:1[6-9]\d\d|20\d\d)(?!\d|[.,]\d)|" + SPOKEN_YEAR + ")"
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
REL = r"(?:last|this|next|coming|past|previous|current|following|same|that|upcoming|latest)"
MODIFIER = r"(?:" + _alt(MODIFIERS) + r")"
CLOCK = (
    r"(?:(?P<hour>\d{1,2})(?:[:.](?P<minute>\d\d))?\s*(?P<ampm>[ap]\.\s?m\b\.?|[ap]m\b)"
    # "at 4 in the morning", "10 o'clock at night"
    r"|(?P<hour2>\d{1,2})(?:\s+o['’]clock)?\s+(?:in\s+the\s+(?P<half>morning|afternoon|evening)|at\s+(?P<night>night))\b"
    r"|(?P<named>noon|midnight|midday))"
)
TIMEZONE = r"(?:\s+(?-i:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|BST|CET|MSK)|\s+local\s+time)?"
#: The names of ``holidays.toml``, as written (capitalised; either apostrophe).
HOLIDAY = r"(?-i:" + _alt(n for d in named_days().values() for n in d.names).replace("'", "['’]") + r")"

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
        # "last Oct. 23": the one before the document date, not "last Oct." and a stray "23"
        r"(?:(?P<rel>last|next|this\s+coming)\s+)?(?:(?P<weekday>"
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
        r")[\s-]+)*(?:fiscal\s+)?(?P<unit>quarter|half)(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year2>" + YEAR + r"))?"
        r"(?:\s+a\s+year\s+(?:ago|earlier))?",  # "the quarter a year ago"
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
        r"|(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part2>" + PART + r")"
        r"|(?P<part3>" + PART + r")\s+(?P<ref3>yesterday|today|tomorrow))\b",  # "mid-afternoon yesterday"
    ),
    (
        "weekday",
        r"(?:(?P<rel>last|this|next|coming|past|previous|following)\s+)?(?P<weekday>"
        + WEEKDAY
        + r")(?:,?\s+(?P<part>"
        + PART
        + r"))?",
    ),
    (
        "holiday",
        r"(?:(?P<rel>last|this|next)\s+)?(?P<holiday>" + HOLIDAY + r")(?:\s*,?\s+(?P<year>" + YEAR + r"))?"
        r"(?:\s+(?P<unit>week|weekend)\b)?",  # "Easter week", "the Thanksgiving weekend"
    ),
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
        r"(?:(?P<shift>earlier|later)\s+)?(?:the\s+)?(?P<rel>"
        + REL
        + r"|this\s+past)\s+(?:fiscal\s+)?(?P<unit>day|night|week"
        r"|weekend|month|year|decade|fortnight)\b(?!-)",
    ),
    (
        "reference",
        # "the day before," (but "the day before the vote" relates two events: no date of its own)
        r"(?:the\s+)?(?P<unit>day|night|week|month|year)\s+(?P<dir>earlier|later|(?:before|after)(?=\s*(?:[,.;:!?)'\"”]|$)))"
        r"\b(?!\s+(?:the|a|an|his|her|its|their)\b|\s+(?-i:[A-Z]))",
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
        + r")s?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|back"
        # "ten days before the vote" is an amount of time; only "ten days before," dates
        r"|(?:before|after)(?=\s*(?:[,.;:!?)'\"”]|$)))\b"
        r"(?!\s+(?:the|a|an|his|her|its|their|this|that)\b|\s+\d)",
    ),
    (
        "duration",
        r"(?:(?P<mod>" + MODIFIER + r")\s+)?(?:(?P<det>the|a|an|each\s+of\s+the)\s+)?(?:(?P<rel>past|last|next|"
        r"first|final|coming|previous|following|latest|remaining|full|entire|whole|same|initial|ensuing|additional|"
        r"further|more)\s+)*(?P<n>"
        + NUMBER
        + r"|a\s+few|few|several|many|some)[\s-]+(?P<more>more\s+)?(?:(?:trading|business|working)\s+)?(?P<unit>"
        + UNIT
        + r")(?P<plural>s)?(?P<old>[\s-]+old)?(?:-long)?(?P<half>\s+and\s+a\s+half)?\b",
    ),
    (
        "vague_duration",
        r"(?:(?P<det>the)\s+)?(?:(?P<rel>recent|past|last|next|coming|upcoming|ensuing|few|several|many)\s+)*"
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
        # "post-1959 politics", "pre-1990 rules": the year, with what comes after or before it
        r"(?:(?P<fiscal>fiscal(?:\s+year)?|FY|the\s+year)\s*|(?P<mod>mid|early|late)-|(?P<side>pre|post)-)?(?P<year>"
        + YEAR
        + r")(?:\s+period)?(?!\s*(?:%|percent)|,\d|-\d)",
    ),
    (
        "anniversary",
        # the year of the event, when the phrase names it: "the 80th anniversary of the 1945 victory"
        r"(?:the\s+)?(?P<ord>" + ORDINAL + r")\s+anniversary"
        r"(?=\s+of\s+[^.;:!?]{0,40}?\b(?P<since>1[6-9]\d\d|20\d\d)\b(?!\s*(?:%|percent)))?",
    ),
    # results news: "the latest period", "that quarter" are the quarter being reported
    # "the 1988 period": the quarter in focus, in that year
    (
        "period",
        r"(?:the\s+(?:latest|current|same|comparable|corresponding)\s+period"
        # "the corresponding period last year": the period in focus, a year back
        r"(?P<ago>\s+(?:last\s+year|a\s+year\s+(?:ago|earlier)|of\s+the\s+(?:previous|prior)\s+year))?|the\s+(?P<year>"
        + YEAR
        + r")\s+period|that\s+(?:quarter|half))\b",
    ),
    ("vague", r"\b(?:" + _alt(VAGUE) + r")\b"),
    # "current" before a noun ("current market conditions"), not the noun ("a strong current")
    ("vague_adjective", r"(?:" + _alt(VAGUE_ADJECTIVES) + r")(?=\s+[a-z])(?!\s+accounts?\b)"),
    (
        "the_unit",
        # "the year ended March 31": a year of accounts, an amount of time (P1Y)
        r"the\s+(?:(?:full|fiscal|entire|whole)\s+)?(?P<unit>year|weekend|week(?!\s+(?:of|before|after|ahead|earlier|later)\b))\b"
        r"(?P<ended>(?=\s+(?:that\s+|which\s+)?end(?:ed|ing|s)\b))?",
    ),
    (
        "part_of_day",
        # "by mid-afternoon": a part of the day named by itself is of the day in the narrative
        r"(?:(?:(?P<rel>this|that|the\s+next|the\s+following)\s+)(?P<part>" + PART + r")"
        r"|(?P<part2>mid[-\s]?(?:afternoon|morning)))\b",
    ),
    # "by year-end", "since year end", "by year's end": the end of a year, as a noun (not
    # "year-end results")
    ("year_end", r"(?:(?<=\bsince\s)(?P<since>))?year(?:[-\s]|['’]s\s+)end\b(?=\s*(?:[.,;:!?)'\"”]|$))"),
)
