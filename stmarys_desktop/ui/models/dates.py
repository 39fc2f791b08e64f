"""Dates as a person reads them in a table."""

from __future__ import annotations

from datetime import date, datetime


def day_text(day: date | None, empty: str = "") -> str:
    """A date as a person reads it in a table: 2 Mar 2027."""
    return f"{day.day} {day:%b %Y}" if day is not None else empty


def short_date_time(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{moment.day} {moment:%b %Y, %H:%M}"


def long_date_time(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{moment.day} {moment:%B %Y at %H:%M}"
