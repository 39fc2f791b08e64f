"""What a session's register means (clause iii: "attended" only when the child and the
visiting parent both came; otherwise who did not come, or who cancelled).

Pure rules: the people expected, the people who arrived and the clock are inputs.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from stmarys_desktop.domain.sessions import DidNotCome

DEFAULT_LATE_MINUTES = 20


@dataclass(frozen=True)
class Expected:
    """Who must arrive for a session to have taken place: the visiting parent (the adult
    arriving second, D140) and every child named on the referral."""

    visiting_parent: int | None
    children: frozenset[int]


def missing(expected: Expected, arrived: Collection[int]) -> DidNotCome | None:
    """Who has not come; None when everyone expected has arrived."""
    parent_missing = expected.visiting_parent is None or expected.visiting_parent not in arrived
    child_missing = not expected.children <= set(arrived)
    if parent_missing and child_missing:
        return DidNotCome.BOTH
    if parent_missing:
        return DidNotCome.VISITING_PARENT
    if child_missing:
        return DidNotCome.CHILDREN
    return None


def attended(expected: Expected, arrived: Collection[int]) -> bool:
    return missing(expected, arrived) is None


def late_by(expected_at: int, now: int) -> int:
    """Minutes after the expected arrival (0 when on time or early)."""
    return max(0, now - expected_at)


def needs_late_reason(expected_at: int, now: int, allowed_minutes: int) -> bool:
    """A check-in long after the person was due asks for a reason (a setting, D143)."""
    return late_by(expected_at, now) > allowed_minutes


def may_undo(made_by: str | None, user_name: str, made_on_today: bool) -> str | None:
    """Why an undo is refused, or None: the same day, and only by whoever made it (D144)."""
    if not made_on_today:
        return (
            "Only a check-in or check-out made today can be undone; a coordinator can "
            "correct an earlier day with a reason."
        )
    if made_by != user_name:
        return (
            f"Only {made_by or 'the person who recorded it'} can undo this today; a "
            "coordinator can correct it with a reason."
        )
    return None
