"""Staff cover for a session (issue 19): how many more members of staff it needs."""

from __future__ import annotations

DEFAULT_STAFF_PER_SESSION = 2  # D152: two adults on duty, so one is never alone with a family


def cover_needed(on_duty: int, required: int) -> int:
    return max(0, required - on_duty)
