"""Words a person reads that follow a count: '1 session', '3 sessions' (issue 18)."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 record', '2 records', '1 entry', '3 entries'."""
    return f"{count} {one if count == 1 else (many or one + 's')}"
