"""The words of time: months, weekdays, numbers, units, seasons, parts of the day and vague
references, as plain data. Extend a table here to teach the tagger a new word; the
patterns in :mod:`newsgraph.stages.timex.recognise` are built from these tables. Named days
("Thanksgiving", "Super Tuesday") are rules in ``holidays.toml``
(:mod:`~newsgraph.stages.timex.holidays`); names that hold a time word but name no time ("Fox
News Sunday") are in ``names.toml`` (:mod:`~newsgraph.stages.timex.names`).
"""

from __future__ import annotations

#: Month names and their abbreviations (with or without the period) -> month number.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

#: Weekday names and abbreviations -> ISO weekday (Monday = 1).
WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tues": 2, "tue": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thurs": 4, "thu": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}  # fmt: skip

#: Cardinal number words -> value ("a"/"an" count as one before a unit).
NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5,
    "half": 0.5, "a couple of": 2, "couple of": 2, "a couple": 2, "both": 2,
}  # fmt: skip

#: Words for an unknown number: "several years" -> PXY.
VAGUE_NUMBERS: frozenset[str] = frozenset(
    {"a few", "few", "several", "many", "some", "a number of", "numerous", "the", "recent", "coming", "past"}
)

#: Ordinal words -> value.
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "final": 4, "last": 4,
}  # fmt: skip

#: Time units -> TIMEX3 duration letter. Units below a day go after "T" (PT2H).
UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "Y", "century": "Y",
    "centurie": "Y", "weekend": "D", "summer": "Y", "winter": "Y", "spring": "Y", "fall": "Y",
}  # fmt: skip

#: How many of the letter's unit one word stands for ("decade" = 10 Y, "fortnight" = 2 W).
UNIT_FACTORS: dict[str, int] = {"decade": 10, "century": 100, "centurie": 100, "fortnight": 2, "weekend": 2}

#: Units measured in time-of-day (PT...).
CLOCK_UNITS: frozenset[str] = frozenset({"second", "minute", "hour"})

#: Seasons -> TIMEX3 season code.
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

#: The first month of each season (winter starts in December of the year named).
SEASON_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

#: Parts of the day -> TIMEX3 code.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "mid-afternoon": "AF", "mid afternoon": "AF", "midafternoon": "AF", "mid-morning": "MO",
    "mid morning": "MO", "midmorning": "MO",
}  # fmt: skip

#: Adverbs of frequency -> SET value.
FREQUENCIES: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "fortnightly": "P2W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "biannually": "P6M", "semiannually": "P6M",
}  # fmt: skip

#: Vague references: the whole phrase -> (TIMEX3 type, value).
VAGUE: dict[str, str] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF", "currently": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF", "these days": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "the present": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF", "more recently": "PAST_REF", "until recently": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "the longer term": "FUTURE_REF", "the coming days": "FUTURE_REF", "the days ahead": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF", "a later date": "FUTURE_REF",
    "soon": "FUTURE_REF",  # only in a future clause, and not "as soon as" (see recognise)
}  # fmt: skip

#: Adjectives of vague reference, tagged before a noun: "current market conditions".
VAGUE_ADJECTIVES: dict[str, str] = {"current": "PRESENT_REF", "then current": "PAST_REF", "then-current": "PAST_REF"}

#: Modifiers before an expression -> TIMEX3 ``mod``.
MODIFIERS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "EQUAL_OR_LESS", "almost": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "less than": "LESS_THAN",
    "under": "LESS_THAN", "fewer than": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "well over": "MORE_THAN",
    "early": "START", "the beginning of": "START", "the start of": "START", "late": "END",
    "the end of": "END", "mid": "MID", "the middle of": "MID", "the latter part of": "END",
}  # fmt: skip

#: Prepositions before an expression -> how they bound it (for earliest/latest).
BOUND_PREPOSITIONS: dict[str, str] = {
    "by": "by", "before": "before", "until": "until", "till": "until", "through": "until",
    "since": "since", "after": "after", "from": "since",
}  # fmt: skip
