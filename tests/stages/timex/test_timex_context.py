"""Issue 4: rules that read the context of an expression (results reports, tense cues, names),
each pinned with a dated sentence of our own (no spaCy model: the tense comes from the words)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.stages.timex import tag

DCT = dt.date(2025, 10, 30)  # a Thursday, early in the fourth quarter


def values(text: str, dct: dt.date = DCT) -> list[tuple[str, str]]:
    """(words, value) of every expression tagged in ``text``."""
    return [(text[t.start : t.end], t.value) for t in tag(text, dct)]


def test_the_previous_weekday_of_a_weekday_is_a_week_earlier() -> None:
    text = "Stocks closed on Friday, Oct. 24, down 4% from the previous Friday."
    assert values(text)[-1] == ("previous Friday", "2025-10-17")


def test_the_quarter_a_year_ago_is_one_expression() -> None:
    text = "Profit rose in the third quarter. For the quarter a year ago, it earned $2 million."
    assert values(text)[-1] == ("the quarter a year ago", "2024-Q3")


@pytest.mark.parametrize("noun", ["quarter", "period"])
def test_a_year_before_the_quarter_in_focus(noun: str) -> None:
    text = f"Net income fell in the third quarter. In the 2024 {noun}, the company earned $3 million."
    assert values(text)[-1] == (f"the 2024 {noun}", "2024-Q3")


def test_the_last_half_of_a_year_is_its_second_half() -> None:
    assert values("Earnings will be lower for the last half of 2025.") == [("the last half of 2025", "2025-H2")]


def test_a_past_tense_quarter_still_to_come_is_last_years() -> None:
    text = "The carrier reported a drop in profits for the fourth quarter."
    assert values(text, dt.date(2025, 1, 20)) == [("the fourth quarter", "2024-Q4")]


def test_year_ago_results_after_a_year_are_last_years() -> None:
    text = "It lost $195 million in 2024. The year-ago results included a charge."
    assert values(text) == [("2024", "2024"), ("The year-ago", "2024")]


def test_a_year_ago_in_a_results_report_is_the_quarter_reported() -> None:
    text = "Sales rose in the third quarter. Interest costs were lower than a year ago."
    assert values(text)[-1] == ("a year ago", "2024-Q3")


def test_compounds_with_to_are_not_times() -> None:
    assert values("The quarter-to-quarter comparison was flattered by charges.") == []


def test_a_plan_in_the_pluperfect_is_past() -> None:
    text = "The offer was extended to Nov. 16. It had been due to expire Friday evening."
    assert values(text)[-1] == ("Friday evening", "2025-10-24TEV")


def test_ahead_of_points_forward() -> None:
    assert values("Traders squared positions ahead of the weekend.") == [("the weekend", "2025-W44-WE")]


def test_the_future_of_something_is_no_time() -> None:
    assert values("The talks matter to the future of both peoples.") == []


def test_a_capitalised_deictic_inside_a_sentence_is_a_name() -> None:
    assert values("He told USA Today that he would stay.") == []


def test_a_past_tense_month_far_ahead_is_this_years() -> None:
    # said on Oct. 20: January ten weeks ahead loses to January nine months back
    assert values("In January, the company hired a new chief.", dt.date(2025, 10, 20)) == [("January", "2025-01")]
