"""Who a printed letter is from: the centre's letterhead and the person who signs it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Letterhead:
    """The centre as a letter names it: its name, postal address (lines) and telephone."""

    name: str
    address: str = ""
    telephone: str = ""

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]


@dataclass(frozen=True)
class Signatory:
    """The person who signs a letter, by name (never a login) and role."""

    name: str
    role: str
