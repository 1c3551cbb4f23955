"""Issue 15: time that points the right way on wire news. A bare month, season or weekday goes
the way its clause's tense points; named days get their date in the year the text or the tense
gives; a weekday or month inside a programme or publication name is no time. Sentences and
dates are our own."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.errors import ConfigError
from newsgraph.stages.timex import tag
from newsgraph.stages.timex.holidays import easter_sunday, named_days, parse_days

pytestmark = pytest.mark.model


def values(nlp, text: str, dct: dt.date) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(words, value) of every expression tagged in ``text``, with the parse."""
    return [(text[t.start : t.end], t.value) for t in tag(text, dct, nlp(text))]


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # a past-tense verb dated by the month: the one behind, even when the next is nearer
        ("She said in January that she would run.", dt.date(2020, 10, 15), ("January", "2020-01")),
        ("She said in January that she would run.", dt.date(2020, 11, 25), ("January", "2020-01")),
        ("The strike began in December.", dt.date(2021, 3, 2), ("December", "2020-12")),
        # the future, a modal or an expectation: the coming one
        ("A second wave could come in the fall.", dt.date(2020, 6, 10), ("the fall", "2020-FA")),
        ("Experts warn a second wave will hit in the fall.", dt.date(2020, 6, 10), ("the fall", "2020-FA")),
        ("Officials expect the vote in March.", dt.date(2020, 10, 15), ("March", "2021-03")),
        ("The summit will be held in January.", dt.date(2020, 3, 4), ("January", "2021-01")),
        # the past still lets a date set for later go ahead: a deadline after "until"
        ("The offer was extended until December.", dt.date(2020, 11, 20), ("December", "2020-12")),
    ],
)
def test_a_bare_month_or_season_follows_its_clause(nlp, text: str, dct: dt.date, expected: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert values(nlp, text, dct) == [expected]


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        ("Sanders won Nevada before Super Tuesday.", dt.date(2020, 2, 25), ("Super Tuesday", "2020-03-03")),
        ("Biden swept the South on Super Tuesday.", dt.date(2020, 3, 5), ("Super Tuesday", "2020-03-03")),
        ("Families gathered for Thanksgiving.", dt.date(2019, 11, 30), ("Thanksgiving", "2019-11-28")),
        ("Turnout on Election Day was high.", dt.date(2020, 11, 5), ("Election Day", "2020-11-03")),
        ("Voters will go to the polls on Election Day.", dt.date(2022, 10, 1), ("Election Day", "2022-11-08")),
        ("The store opened on Labor Day.", dt.date(2021, 9, 10), ("Labor Day", "2021-09-06")),
        ("Parades are planned for Memorial Day.", dt.date(2021, 5, 2), ("Memorial Day", "2021-05-31")),
        ("Crowds filled the church on Good Friday.", dt.date(2024, 4, 2), ("Good Friday", "2024-03-29")),
        ("Stores will open early on Black Friday.", dt.date(2023, 11, 1), ("Black Friday", "2023-11-24")),
        ("Fireworks lit the sky on the Fourth of July.", dt.date(2021, 7, 6), ("Fourth of July", "2021-07-04")),
        ("The talks stalled before Christmas.", dt.date(2021, 1, 8), ("Christmas", "2020-12-25")),
        ("Talks resume after New Year’s Day.", dt.date(2021, 12, 20), ("New Year’s Day", "2022-01-01")),
        ("The law takes effect on Thanksgiving 2030.", dt.date(2021, 1, 8), ("Thanksgiving 2030", "2030-11-28")),
    ],
)
def test_named_days_get_their_date(nlp, text: str, dct: dt.date, expected: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert values(nlp, text, dct) == [expected]


def test_another_countrys_named_day_is_left_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    assert values(nlp, "Canada's Thanksgiving fell early.", dt.date(2021, 10, 20)) == []
    assert values(nlp, "Kyiv marked Ukrainian Independence Day.", dt.date(2021, 8, 25)) == []
    text = "Markets close for the U.S. Thanksgiving holiday."
    assert values(nlp, text, dt.date(2021, 11, 20)) == [("Thanksgiving", "2021-11-25")]


@pytest.mark.parametrize(
    "text",
    [
        "He said on Fox News Sunday that the plan would work.",
        "She told Fox News Sunday the vote was fair.",
        "He wrote in the Sunday Times that prices rose.",
        "The game aired on Monday Night Football.",
        "Tourists flew to Easter Island.",
    ],
)
def test_names_with_a_time_word_are_no_time(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert values(nlp, text, dct=dt.date(2020, 6, 10)) == []


def test_a_weekday_after_a_name_is_still_a_date(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "He told Reuters Sunday that talks failed."
    assert values(nlp, text, dt.date(2020, 6, 10)) == [("Sunday", "2020-06-07")]


def test_named_day_rules() -> None:
    days = named_days()
    assert easter_sunday(2024) == dt.date(2024, 3, 31) and easter_sunday(2019) == dt.date(2019, 4, 21)
    assert days["memorial day"].on(2020) == dt.date(2020, 5, 25)  # the last Monday of May
    assert days["election day"].on(2016) == dt.date(2016, 11, 8)
    assert days["election day"].on(2022) == dt.date(2022, 11, 8)  # Nov. 1 is a Tuesday: not that one
    assert days["cyber monday"].on(2019) == dt.date(2019, 12, 2)


@pytest.mark.parametrize(
    "table",
    [
        {"names": ["Some Day"], "month": 3},  # no rule
        {"names": ["Some Day"], "month": 3, "day": 1, "easter": 2},  # two rules
        {"names": ["Some Day"], "month": 3, "weekday": "Caturday"},
        {"month": 3, "day": 1},  # no names
        {"names": ["Some Day"], "month": 3, "day": 1, "dat": 2},  # a typo
    ],
)
def test_bad_named_day_rules_are_refused(table: dict[str, object]) -> None:
    with pytest.raises(ConfigError, match="day 1"):
        parse_days({"day": [table]})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pilgrims arrived as Easter week began.", ("Easter week", "2024-W13")),
        ("Traffic was heavy over the Memorial Day weekend.", ("Memorial Day weekend", "2023-W21-WE")),
    ],
)
def test_the_week_of_a_named_day(nlp, text: str, expected: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert values(nlp, text, dt.date(2024, 4, 2))[-1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials postponed until Tuesday any action on the case.", ("Tuesday", "2024-04-09")),
        ("The agency has given the family until 9 a.m. Tuesday to sign.", ("9 a.m. Tuesday", "2024-04-09T09:00")),
        ("Until Tuesday, the police had not named him.", ("Tuesday", "2024-04-02")),  # a past span
        ("The family had until Tuesday to sign.", ("Tuesday", "2024-04-02")),
    ],
)
def test_a_deadline_put_off_until_a_weekday_is_ahead(nlp, text: str, expected: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert values(nlp, text, dt.date(2024, 4, 3)) == [expected]
