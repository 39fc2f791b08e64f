"""Calendar sums, and the product's date formats: the one place a date is put in words.

Three formats, each in one or two lengths (D292):
- on paper and in a sentence (letters, printouts, messages, refusals): "2 December 2026",
  "Wednesday 2 December 2026", "2 December 2026, 14:05";
- in a table cell or a list on screen, where room is short: "2 Dec 2026",
  "Wed 2 Dec 2026", "2 Dec 2026, 14:05";
- in a file name, so that files sort by date: "2026-12-02", "20261202-140500".
Never a leading zero in a day a person reads, and never an ISO stamp on screen.
"""

from __future__ import annotations

from datetime import date, datetime


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the last day of the month where that day is missing
    (31 January plus one month is 28 or 29 February)."""
    import calendar  # 5 ms with `locale`; only date arithmetic needs it, not the sign-in window

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes the 28th in a common year."""
    return add_months(day, 12 * years)


def long_date(day: date | None, empty: str = "") -> str:
    """2 December 2026: on paper and in a sentence; `empty` for no date."""
    return f"{day.day} {day:%B %Y}" if day is not None else empty


def long_weekday(day: date, *, year: bool = True) -> str:
    """Wednesday 2 December 2026 (Wednesday 2 December without the year)."""
    return f"{day:%A} {day.day} {day:%B}" + (f" {day:%Y}" if year else "")


def weekday_name(day: date) -> str:
    """Wednesday."""
    return f"{day:%A}"


def short_date(day: date | None, empty: str = "") -> str:
    """2 Dec 2026: in a table cell on screen; `empty` for no date."""
    return f"{day.day} {day:%b %Y}" if day is not None else empty


def short_weekday(day: date, *, year: bool = True) -> str:
    """Wed 2 Dec 2026 (Wed 2 Dec without the year)."""
    return f"{day:%a} {day.day} {day:%b}" + (f" {day:%Y}" if year else "")


def _moment(stamp: str) -> datetime | None:
    try:
        return datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None


def long_stamp(stamp: str) -> str:
    """A stored date or timestamp in words: 2 December 2026, 14:05 (the date alone for a
    stored date); what was stored, if it is not one."""
    moment = _moment(stamp)
    if moment is None:
        return stamp
    if len(stamp) <= 10:
        return long_date(moment.date())
    return f"{long_date(moment.date())}, {moment:%H:%M}"


def short_stamp(stamp: str) -> str:
    """A stored date or timestamp in a table cell: 2 Dec 2026, 14:05."""
    moment = _moment(stamp)
    if moment is None:
        return stamp
    if len(stamp) <= 10:
        return short_date(moment.date())
    return f"{short_date(moment.date())}, {moment:%H:%M}"


def file_date(day: date) -> str:
    """2026-12-02: in a file name, so that files sort by date."""
    return day.isoformat()


def file_stamp(moment: datetime) -> str:
    """20261202-140500: a moment in a file name (a backup, a support file)."""
    return f"{moment:%Y%m%d-%H%M%S}"
