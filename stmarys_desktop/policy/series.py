"""A repeating series of sessions: which dates it has (issue 19). Each date is then
checked by the planner exactly as a single booking is; this module only says when.

Pure: the first date, how often and until when are inputs; a problem is a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from stmarys_desktop.domain.dates import long_date

MAX_EVERY_WEEKS = 8
MAX_OCCURRENCES = 52  # a year of weekly sessions (D150)


@dataclass(frozen=True)
class SeriesDates:
    dates: tuple[date, ...]
    problem: str | None = None  # why there is no series at all


def series_dates(
    first: date, every_weeks: int, *, until: date | None = None, count: int | None = None
) -> SeriesDates:
    """Every `every_weeks` weeks from `first`, until a date (inclusive) or `count` times."""
    if not 1 <= every_weeks <= MAX_EVERY_WEEKS:
        return SeriesDates(
            (),
            f"A series repeats every 1 to {MAX_EVERY_WEEKS} weeks; {every_weeks} is not possible.",
        )
    if (until is None) == (count is None):
        return SeriesDates(
            (), "Say how long the series runs: until a date, or a number of sessions."
        )
    if count is not None:
        if count < 1:
            return SeriesDates((), "A series needs at least one session.")
        if count > MAX_OCCURRENCES:
            return SeriesDates(
                (),
                f"A series can have at most {MAX_OCCURRENCES} sessions, "
                f"not {count}. Book a year at a time.",
            )
        return SeriesDates(tuple(first + timedelta(weeks=every_weeks * n) for n in range(count)))
    assert until is not None
    if until < first:
        return SeriesDates(
            (),
            f"The series would end ({long_date(until)}) before its first session "
            f"({long_date(first)}).",
        )
    weeks = (until - first).days // 7
    total = weeks // every_weeks + 1
    if total > MAX_OCCURRENCES:
        return SeriesDates(
            (),
            f"Until {long_date(until)} the series would have {total} "
            f"sessions; the most is {MAX_OCCURRENCES}. Book a year at a "
            "time.",
        )
    return SeriesDates(tuple(first + timedelta(weeks=every_weeks * n) for n in range(total)))


def past_the_end(dates: tuple[date, ...], arrangement_ends: date | None) -> str | None:
    """A sentence when the series runs past the end of the family's arrangement."""
    if arrangement_ends is None:
        return None
    after = [d for d in dates if d > arrangement_ends]
    if not after:
        return None
    return (
        f"The series runs past the end of the contact arrangement "
        f"({long_date(arrangement_ends)}): {len(after)} of its {len(dates)} dates cannot "
        "be booked."
    )
