"""Dates as a person reads them in a table."""

from __future__ import annotations

from datetime import datetime


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
