"""What the retention review finds and what a disposal leaves behind (clause viii)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DueRecord:
    category: str        # "family" or "staff"
    id: int
    reference: str
    last_used_on: str
    counts: dict[str, int]
    held: str = ""       # why it is held, or "" when it may be disposed of

    @property
    def summary(self) -> str:
        return ", ".join(f"{n} {what}" for what, n in self.counts.items() if n) or "empty"


@dataclass(frozen=True)
class Certificate:
    batch: int
    disposed_at: str
    authorised_by: str
    centre_name: str
    items: list[DueRecord]


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
