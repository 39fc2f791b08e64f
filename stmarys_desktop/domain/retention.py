"""What the retention review finds and what a disposal leaves behind (clause viii)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DueRecord:
    category: str  # "family" or "staff"
    id: int
    reference: str
    last_used_on: str
    counts: dict[str, int]
    held: str = ""  # why it is held, or "" when it may be disposed of

    @property
    def summary(self) -> str:
        return ", ".join(counted(n, what) for what, n in self.counts.items() if n) or "empty"


# The one of each thing a record holds, for "1 incident" beside "2 incidents".
_ONE = {"people": "person", "sessions on duty": "session on duty"}


def counted(count: int, things: str) -> str:
    """'1 incident', '3 incidents', '1 person', '2 people' (things as the counts name them)."""
    if count != 1:
        return f"{count} {things}"
    return f"1 {_ONE.get(things, things[:-1] if things.endswith('s') else things)}"


@dataclass(frozen=True)
class Certificate:
    batch: int
    disposed_at: str
    authorised_by: str
    centre_name: str
    items: list[DueRecord]
    policy_says: str  # clause viii as the version in force states it (issue 20)


@dataclass(frozen=True)
class DisposalEntry:
    """A row of the disposal register: what went, never what it said."""

    id: int
    reference: str
    category: str
    counts: str
    last_used_on: str
    disposed_at: str
    authorised_by: str
    batch: int
