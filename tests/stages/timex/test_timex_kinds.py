"""Issue 15: kinds the TimeBank/AQUAINT error list showed missing, each pinned with a dated
sentence of our own (no spaCy model)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.stages.timex import tag

DCT = dt.date(2025, 10, 30)


def values(text: str, dct: dt.date = DCT) -> list[tuple[str, str, str | None]]:
    """(words, value, mod) of every expression tagged in ``text``."""
    return [(text[t.start : t.end], t.value, t.mod) for t in tag(text, dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The sale should close by year-end.", ("year-end", "2025", "END")),
        ("Cuts of 600 jobs are due by year end, it said.", ("year end", "2025", "END")),
        ("Rules will be in place by year's end.", ("year's end", "2025", "END")),
        ("The index has fallen 4% since year-end.", ("year-end", "2024", "END")),  # the last one
    ],
)
def test_the_end_of_the_year_as_a_noun(text: str, expected: tuple[str, str, str]) -> None:
    assert values(text) == [expected]


def test_year_end_before_a_noun_is_no_time() -> None:
    assert values("Year-end bonuses were cut.") == []


def test_the_week_is_the_week_the_narrative_is_in() -> None:
    text = "The index fell 2% on Friday, Oct. 24. For the week, it lost 5%."
    assert values(text)[-1] == ("the week", "2025-W43", None)


def test_the_week_of_a_date_is_not_the_week_alone() -> None:
    assert [w for w, _, _ in values("A hearing is set for the week of Nov. 10.")] == ["Nov. 10"]


def test_the_day_something_takes_effect_is_ahead() -> None:
    assert values("The board named a new chief, effective Feb. 1.") == [("Feb. 1", "2026-02-01", None)]


def test_the_same_period_last_year_is_the_quarter_in_focus_a_year_back() -> None:
    text = "Profit rose in the third quarter from $2 million in the corresponding period last year."
    assert values(text)[-1] == ("the corresponding period last year", "2024-Q3", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The convoy left at 4 in the morning.", ("4 in the morning", "2025-10-30T04:00", None)),
        ("The vote ended at 10 at night.", ("10 at night", "2025-10-30T22:00", None)),
        ("In London at mid-afternoon yesterday, shares rose.", ("mid-afternoon yesterday", "2025-10-29TAF", None)),
    ],
)
def test_times_of_day_in_words(text: str, expected: tuple[str, str, None]) -> None:
    assert values(text) == [expected]


def test_a_bare_part_of_the_day_is_of_the_day_in_the_narrative() -> None:
    text = "Shelling resumed on Tuesday. By mid-afternoon, the town was cut off."
    assert values(text)[-1] == ("mid-afternoon", "2025-10-28TAF", None)
    assert values("They shared a mid-afternoon snack.") == []


def test_a_year_after_pre_or_post() -> None:
    assert values("The post-1959 politics split families.") == [("post-1959", "1959", "AFTER")]
    assert values("Pre-2008 rules still apply.") == [("Pre-2008", "2008", "BEFORE")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was shot last Oct. 23 at his home.", ("last Oct. 23", "2024-10-23", None)),
        ("Rallies are planned for next Oct. 31.", ("next Oct. 31", "2025-10-31", None)),
    ],
)
def test_last_or_next_before_a_date(text: str, expected: tuple[str, str, None]) -> None:
    assert values(text, dt.date(2025, 4, 19)) == [expected]


def test_a_rate_per_unit_is_no_set() -> None:
    assert values("The chip runs 15 million instructions per second.") == []
    assert values("Doses are given twice per day.") == [("twice per day", "P1D", None)]


def test_a_listed_programme_name_is_no_time_even_without_a_parse() -> None:
    assert values("He said on Fox News Sunday that the plan would work.") == []
    assert values("He said Sunday that the plan would work.") == [("Sunday", "2025-10-26", None)]
