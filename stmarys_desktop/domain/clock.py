"""Time as the application records it: local wall time with its UTC offset."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now().astimezone()


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
