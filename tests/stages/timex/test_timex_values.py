"""Issue 4: every kind of time expression, with a dated example (no spaCy model needed: the tense
comes from the sentence's words)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.stages.timex import tag
from newsgraph.stages.timex.values import bounds

DCT = dt.date(2025, 5, 8)  # a Thursday


def one(text: str, dct: dt.date | None = DCT) -> tuple[str, str, str]:
    """(words, type, value) of the single expression tagged in ``text``."""
    found = tag(text, dct)
    assert len(found) == 1, [(text[t.start : t.end], t.value) for t in found]
    t = found[0]
    return text[t.start : t.end], t.type, t.value


@pytest.mark.parametrize(
    ("text", "words", "kind", "value"),
    [
        # absolute dates, times and their parts
        ("On May 3, Zelensky spoke.", "May 3", "DATE", "2025-05-03"),
        ("The Kremlin said so on May 4, 2025.", "May 4, 2025", "DATE", "2025-05-04"),
        ("It was published 08 May 2025.", "08 May 2025", "DATE", "2025-05-08"),
        ("It began in January 1998.", "January 1998", "DATE", "1998-01"),
        ("Sales fell in 1990.", "1990", "DATE", "1990"),
        ("The file is dated 2024-11-05.", "2024-11-05", "DATE", "2024-11-05"),
        ("Profit rose in the third quarter.", "the third quarter", "DATE", "2025-Q3"),
        ("Output fell in the second quarter of 2024.", "the second quarter of 2024", "DATE", "2024-Q2"),
        ("The plan covers fiscal 2026.", "fiscal 2026", "DATE", "2026"),
        ("Prices soared in the 1990s.", "the 1990s", "DATE", "199"),
        ("It dates from the 19th century.", "the 19th century", "DATE", "18"),
        ("They met last summer.", "last summer", "DATE", "2024-SU"),
        ("The talks start at 3 p.m. on Friday.", "3 p.m. on Friday", "TIME", "2025-05-02T15:00"),
        ("They met at noon.", "noon", "TIME", "2025-05-08T12:00"),
        ("He spoke this morning.", "this morning", "TIME", "2025-05-08TMO"),
        ("Fighting resumed last night.", "last night", "TIME", "2025-05-07TNI"),
        ("Shops close on Christmas Day 2024.", "Christmas Day 2024", "DATE", "2024-12-25"),
        # deictic
        ("He arrived yesterday.", "yesterday", "DATE", "2025-05-07"),
        ("He leaves tomorrow.", "tomorrow", "DATE", "2025-05-09"),
        ("Officials said last week the talks failed.", "last week", "DATE", "2025-W18"),
        ("Trade grew this year.", "this year", "DATE", "2025"),
        ("Prices fell last month.", "last month", "DATE", "2025-04"),
        ("The vote is next year.", "next year", "DATE", "2026"),
        ("It was agreed earlier this month.", "earlier this month", "DATE", "2025-05"),
        ("It happened two days ago.", "two days ago", "DATE", "2025-05-06"),
        ("The deal came three years ago.", "three years ago", "DATE", "2022"),
        # durations and sets
        ("A four-day state visit began.", "four-day", "DURATION", "P4D"),
        ("A three-day ceasefire was declared.", "three-day", "DURATION", "P3D"),
        ("The war has lasted three years.", "three years", "DURATION", "P3Y"),
        ("The flight took 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M"),
        ("Prices rose over the past two months.", "the past two months", "DURATION", "P2M"),
        ("Trade hit records in recent years.", "recent years", "DURATION", "PXY"),
        ("The parade is held every year.", "every year", "SET", "P1Y"),
        ("The paper is published weekly.", "weekly", "SET", "P1W"),
        ("The ferry sails twice a week.", "twice a week", "SET", "P1W"),
        # vague references
        ("The city is now calm.", "now", "DATE", "PRESENT_REF"),
        ("He currently lives abroad.", "currently", "DATE", "PRESENT_REF"),
        ("Plans for the future were set out.", "the future", "DATE", "FUTURE_REF"),
        ("Prices have risen recently.", "recently", "DATE", "PAST_REF"),
        # anniversaries: the year of the anniversary itself
        ("It marks the 80th anniversary of the victory.", "the 80th anniversary", "DATE", "2025"),
    ],
)
def test_expression_kinds(text: str, words: str, kind: str, value: str) -> None:
    assert one(text) == (words, kind, value)


def test_modifiers_belong_to_the_span_and_set_mod() -> None:
    (t,) = tag("The siege lasted nearly two years.", DCT)
    assert (t.value, t.mod) == ("P2Y", "EQUAL_OR_LESS")
    (t,) = tag("Talks resume in early 2026.", DCT)
    assert ("early 2026", t.value, t.mod) == ("early 2026", "2026", "START")


def test_prepositions_stay_outside_the_span() -> None:
    assert one("They will invest more by 2030.")[0] == "2030"
    assert one("He met Putin on Monday.")[0] == "Monday"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Putin met Xi on Monday.", "2025-05-05"),  # past: the previous Monday
        ("Putin will meet Xi on Monday.", "2025-05-12"),  # future: the next Monday
        ("Putin is set to meet Xi on Monday.", "2025-05-12"),
        ("The talks ended Thursday.", "2025-05-08"),  # the document's own day
        ("He said Saturday that talks failed.", "2025-05-03"),
    ],
)
def test_weekdays_follow_the_tense(text: str, value: str) -> None:
    assert one(text)[2] == value


def test_month_without_year_follows_the_tense() -> None:
    assert one("The summit was held in December.")[2] == "2024-12"
    assert one("The summit will be held in December.")[2] == "2025-12"


def test_narrative_reference_time_shift() -> None:
    text = "On May 3, the ceasefire began. Two days later, it collapsed. The next day, talks resumed."
    values = [t.value for t in tag(text, DCT)]
    assert values == ["2025-05-03", "2025-05-05", "2025-05-06"]


def test_year_earlier_compares_with_the_quarter_in_focus() -> None:
    text = "Profit rose in the third quarter, up from $5 million a year earlier."
    assert [t.value for t in tag(text, dt.date(1989, 10, 26))] == ["1989-Q3", "1988-Q3"]


def test_ranges_give_both_ends() -> None:
    text = "The festival runs May 7-10."
    assert [t.value for t in tag(text, DCT)] == ["2025-05-07", "2025-05-10"]


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("Trade will double by 2030.", None, "2030-12-31"),
        ("Crimea has been occupied since 2014.", "2014-01-01", "2025-05-08"),
        ("It happened in 2025-Q2.", None, None),
        ("Talks were held last week.", "2025-04-28", "2025-05-04"),
        ("It happened in March.", "2025-03-01", "2025-03-31"),
    ],
)
def test_bounds(text: str, earliest: str | None, latest: str | None) -> None:
    found = tag(text, DCT)
    if earliest is None and latest is None:
        assert all(t.earliest is None for t in found if t.type == "DURATION")
        return
    (t,) = found
    assert (t.earliest, t.latest) == (earliest, latest)


@pytest.mark.parametrize(
    ("value", "earliest", "latest"),
    [
        ("2025-Q2", "2025-04-01", "2025-06-30"),
        ("2025-W19", "2025-05-05", "2025-05-11"),
        ("2025-SU", "2025-06-01", "2025-08-31"),
        ("199", "1990-01-01", "1999-12-31"),
        ("19", "1900-01-01", "1999-12-31"),
        ("2025-05-03TMO", "2025-05-03", "2025-05-03"),
        ("P4D", None, None),
        ("PAST_REF", None, None),
    ],
)
def test_bounds_of_values(value: str, earliest: str | None, latest: str | None) -> None:
    assert bounds(value) == (earliest, latest)


def test_without_a_document_date_only_absolute_values_are_kept() -> None:
    text = "On May 4, 2025 he left; yesterday he spoke for three hours."
    assert [(t.value) for t in tag(text, None)] == ["2025-05-04", "PT3H"]


def test_numbers_that_are_not_years_are_ignored() -> None:
    assert tag("The index closed at 2082.1 after 1,990 shares and $2000 changed hands.", DCT) == []


# Rules learned from the TimeML conventions (issue 4, second round). Each example is dated
# 2025-05-08, a Thursday, unless it says otherwise.


def test_rates_are_not_sets() -> None:
    assert tag("They pay $5 million a year.", DCT) == []
    assert tag("The line runs four flights a week.", DCT) == []
    assert tag("Revenue should grow 8% annually.", DCT) == []


@pytest.mark.parametrize(
    ("text", "words", "kind", "value"),
    [
        # a clause that looks ahead points ahead (the parse finds more: see test_timex_stage)
        ("The court could rule as early as Monday.", "Monday", "DATE", "2025-05-12"),
        ("They are due to vote Tuesday.", "Tuesday", "DATE", "2025-05-13"),
        # "Friday night" and "Friday morning" are valued as the day; "Friday evening" keeps its part
        ("The rally was held Friday night.", "Friday night", "DATE", "2025-05-02"),
        ("The rally was held Friday evening.", "Friday evening", "DATE", "2025-05-02TEV"),
    ],
)
def test_weekday_direction_and_parts(text: str, words: str, kind: str, value: str) -> None:
    assert one(text) == (words, kind, value)


def test_a_past_tense_month_is_the_last_one() -> None:
    # four months back beats eight months ahead once the clause is in the past tense
    assert one("The chief executive resigned in January.", dt.date(2025, 5, 8))[2] == "2025-01"
    assert one("The chief executive resigned in March.", dt.date(2025, 10, 27))[2] == "2025-03"


@pytest.mark.parametrize(
    ("text", "words", "kind", "value"),
    [
        # "N units before/after <event>" is an amount of time; "N units before," a date
        ("The car was seen ten days before the fire.", "ten days", "DURATION", "P10D"),
        ("He resigned one year after he was elected.", "one year", "DURATION", "P1Y"),
        # the year of accounts
        # "the past year" without a number is the period before this one
        ("Prices doubled over the past year.", "the past year", "DATE", "2024"),
        ("Sales rose in the current fiscal year.", "the current fiscal year", "DATE", "2025"),
        ("Sales fell in the latest fiscal year.", "the latest fiscal year", "DATE", "2024"),
    ],
)
def test_dates_and_durations(text: str, words: str, kind: str, value: str) -> None:
    assert one(text) == (words, kind, value)


def test_the_year_ended_is_a_year_of_accounts() -> None:
    text = "Sales for the year ended March 31 rose."
    assert [(text[t.start : t.end], t.value) for t in tag(text, DCT)] == [
        ("the year", "P1Y"),
        ("March 31", "2025-03-31"),
    ]


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("The levy rose with current market conditions.", "current", "PRESENT_REF"),
        ("Holders may buy at the then current price.", "then current", "PAST_REF"),
        ("The agency will soon publish its report.", "soon", "FUTURE_REF"),
        ("Growth should pick up in coming months.", "coming months", "FUTURE_REF"),
        ("Similar sales happened in past years.", "past years", "PAST_REF"),
    ],
)
def test_vague_references(text: str, words: str, value: str) -> None:
    assert one(text) == (words, "DATE", value)


@pytest.mark.parametrize(
    "text",
    [
        "He was soon released on bail.",  # "soon" in a past narrative
        "They will leave as soon as the road opens.",  # "as soon as": relative to an event
        "Now, the council says, the plan is dead.",  # "Now," turning the argument
        "Swimmers fought the current.",  # the noun "current"
        "Thousands joined the annual March for Peace.",  # the noun "march"
        "The film High Noon was shown.",
        "A second group of trucks left.",  # an ordinal
        "Investigators searched the area in the days before the fire.",
        "The show is called This Week.",  # a title
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert tag(text, DCT) == [], text


def test_todays_generic_sense_is_not_a_date() -> None:
    assert tag("Advertising shapes today's youth.", DCT) == []


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("The tapes from nineteen ninety-six were lost.", "nineteen ninety-six", "1996"),
        ("The plan is to halve it by the year two thousand.", "the year two thousand", "2000"),
        ("It began in January nineteen ninety-seven.", "January nineteen ninety-seven", "1997-01"),
        ("Unrest grew in mid-1996.", "mid-1996", "1996"),
    ],
)
def test_spoken_and_modified_years(text: str, words: str, value: str) -> None:
    assert one(text)[0::2] == (words, value)


def test_two_thousand_alone_is_a_number() -> None:
    assert tag("About two thousand people marched.", DCT) == []


def test_anniversary_of_a_named_year_adds_up() -> None:
    found = tag("Veterans marked the 80th anniversary of the 1945 victory.", DCT)
    assert (found[0].value, found[0].type) == ("2025", "DATE")
    (t,) = tag("Veterans marked the 30th anniversary of the treaty.", dt.date(2021, 3, 1))
    assert t.value == "2021"  # no year named: the year it is marked in
    t = tag("Fans will mark the 25th anniversary of the 1999 final.", DCT)[0]
    assert t.value == "2024"


def test_results_periods_follow_the_quarter_in_focus() -> None:
    text = "Profit rose in the quarter ended Sept. 30. The latest period included a gain."
    values = [t.value for t in tag(text, dt.date(2025, 10, 27))]
    assert values == ["2025-Q3", "2025-09-30", "2025-Q3"]
    text = "Profit rose in the third quarter. Results for that quarter included a charge."
    assert [t.value for t in tag(text, dt.date(2025, 10, 27))] == ["2025-Q3", "2025-Q3"]


def test_the_quarter_just_ended_is_still_to_be_reported() -> None:
    (t,) = tag("The firm said its third-quarter profit will fall.", dt.date(2025, 10, 27))
    assert t.value == "2025-Q3"


def test_that_day_needs_a_day_before_it() -> None:
    assert tag("Traders made losses that day.", DCT) == []
    values = [t.value for t in tag("On May 3 the vote failed. That day, crowds gathered.", DCT)]
    assert values == ["2025-05-03", "2025-05-03"]


def test_mod_comes_from_the_words() -> None:
    (t,) = tag("The talks lasted about five hours.", DCT)
    assert (t.value, t.mod) == ("PT5H", "APPROX")
