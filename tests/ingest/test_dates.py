from __future__ import annotations

from datetime import date

import pytest

from newsgraph.ingest.dates import parse_date, search_date


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2025-05-08", "2025-05-08"),
        ("2025/05/08", "2025-05-08"),
        ("08 May 2025", "2025-05-08"),
        ("8 May, 2025", "2025-05-08"),
        ("May 8, 2025", "2025-05-08"),
        ("May 09, 2025", "2025-05-09"),
        ("Sept. 3rd 2024", "2024-09-03"),
        ("Friday, 9 May 2025", "2025-05-09"),
        ("Thursday, May 8, 2025", "2025-05-08"),
        ("Wed 7 May 2025", "2025-05-07"),
        ("the 8th of May 2025", None),  # prose, not a date line
        ("2025-05-08T10:00:00Z", "2025-05-08T10:00:00Z"),
        ("2025-05-08T10:00:00+02:00", "2025-05-08T08:00:00Z"),
        ("2025-05-08 23:30:00-0130", "2025-05-09T01:00:00Z"),
        # No offset: the time cannot be called UTC, so only the date is kept.
        ("2025-05-08T10:00:00", "2025-05-08"),
        ("Thu, 08 May 2025 09:30:00 +0200", "2025-05-08T07:30:00Z"),
        ("2025-02-30", None),
        ("May 8", None),
        ("08/05/2025", None),  # day-month or month-day: refused, not guessed
        ("World News", None),
        ("", None),
    ],
)
def test_parse_date(written: str, iso: str | None) -> None:
    assert parse_date(written) == iso


def test_search_date_finds_the_first_date_and_where_it_is() -> None:
    found = search_date("Posted by the desk on May 8, 2025, and updated 9 May 2025")
    assert found is not None
    assert (found.iso, found.start, found.end) == ("2025-05-08", 22, 33)


def test_yearless_dates_need_a_reference_and_never_land_after_it() -> None:
    assert search_date("MOSCOW, May 8 (Reuters)") is None
    found = search_date("May 8", reference=date(2025, 5, 9))
    assert found is not None and found.iso == "2025-05-08"
    # A late-December dateline on a page seen in early January is last year's.
    found = search_date("Dec 31", reference=date(2025, 1, 2))
    assert found is not None and found.iso == "2024-12-31"
