"""The calendar sums every rule shares (consents, vetting re-checks, retention, reviews)."""

from __future__ import annotations

from datetime import date

import pytest

from stmarys_desktop.domain.dates import add_months, add_years, long_date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 2), 6, date(2027, 6, 2)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_months_on_keep_the_day_or_take_the_months_last(day, months, expected) -> None:
    assert add_months(day, months) == expected


def test_29_february_a_year_on_or_back_is_the_28th() -> None:
    assert add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert add_years(date(2028, 2, 29), -3) == date(2025, 2, 28)
    assert add_years(date(2028, 2, 29), 4) == date(2032, 2, 29)


def test_a_long_date_has_no_leading_zero() -> None:
    assert long_date(date(2026, 12, 2)) == "2 December 2026"
    assert long_date(None) == ""
