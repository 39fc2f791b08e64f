"""Clause viii: what "used" means, and what is due for disposal.

A family's record is *used* when it is viewed, changed or attended: opening
it, any change to it or its people, a session (booked, attended, missed or
cancelled: a future booking is a use on its date), an incident or concern,
a consent, and a disclosure attempt. Every one of these moves the family's
`last_used_at` (services call `families.touch`), and the latest session date
is taken as well, so a booked future session keeps the family in use. A staff
record is used when viewed or changed, when the person is on a session, and
for as long as the person is active or suspended (a current member of staff).

Anything not used for three years as of the review date is due, unless held:
by an open exception (clause 4) or a recorded legal hold. The accident book is
never due: it is kept indefinitely.

Three years are counted from the last use forward: a record is due once the
third anniversary of its last use has passed. A last use on 28 February 2025
has its anniversary on 28 February 2028, so on 29 February 2028 it is due; a
last use on 29 February 2024 has its anniversary on 28 February 2027 (the day
it becomes in a common year) and is due from 1 March 2027.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from stmarys_desktop.domain.dates import add_years

RETENTION_YEARS = 3


def cutoff(as_of: date) -> date:
    """The first day whose third anniversary has not passed by the review date: a last
    use before this day is due. Three years before the review date, except on 29
    February, when the 28th three years before has had its anniversary the day before
    (counting back from the 29th would land on the 28th and wait a day longer)."""
    if (as_of.month, as_of.day) == (2, 29):
        return add_years(as_of, -RETENTION_YEARS) + timedelta(days=1)
    return add_years(as_of, -RETENTION_YEARS)


def last_use(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None


def is_due(last_used: date, as_of: date) -> bool:
    """Due when the third anniversary of the last use is before the review date."""
    return add_years(last_used, RETENTION_YEARS) < as_of


@dataclass(frozen=True)
class Hold:
    reason: str


def hold_for(open_exception_ids: list[int], legal_hold_reasons: list[str]) -> Hold | None:
    if open_exception_ids:
        ids = ", ".join(str(i) for i in open_exception_ids)
        return Hold(f"held by open exception {ids} (clause 4)")
    if legal_hold_reasons:
        return Hold("legal hold: " + "; ".join(legal_hold_reasons))
    return None


def review_date_problem(as_of: date, today: date) -> str | None:
    if as_of > add_years(today, 1):
        return "A review date more than a year ahead cannot be right; check the year."
    return None
