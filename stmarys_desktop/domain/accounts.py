"""Accounts: the people who sign in, and their roles."""

from __future__ import annotations

from dataclasses import dataclass

from stmarys_desktop.domain.roles import Role


@dataclass(frozen=True)
class Account:
    id: int
    user_name: str
    display_name: str
    roles: frozenset[Role]
    disabled: bool
    created_at: str
    password_set_at: str
    version: int

    @property
    def roles_label(self) -> str:
        order = list(Role)
        return ", ".join(r.label for r in sorted(self.roles, key=order.index))
