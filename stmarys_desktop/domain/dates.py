"""Calendar sums and dates in words, shared by every rule that counts months or years."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the last day of the month where that day is missing
    (31 January plus one month is 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes the 28th in a common year."""
    return add_months(day, 12 * years)


def long_date(day: date | None) -> str:
    """2 December 2026 (no leading zero); "" for no date."""
    return f"{day.day} {day:%B %Y}" if day else ""
