"""A made-up demo centre, so a newcomer sees the product at once (DESIGN.md section 6)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts
from stmarys_desktop.services.auth import create_centre
from stmarys_desktop.store.keystore import DEFAULT_KDF, KdfParams

DEMO_CENTRE_NAME = "St Mary's Contact Centre (demo)"
DEMO_ACCOUNTS: list[tuple[str, str, tuple[Role, ...]]] = [
    ("manager", "Demo Manager", (Role.MANAGER,)),
    ("coordinator", "Demo Coordinator", (Role.COORDINATOR,)),
    ("frontdesk", "Demo Front Desk", (Role.FRONT_DESK,)),
    ("safeguarding", "Demo Safeguarding Lead", (Role.SAFEGUARDING_LEAD,)),
]

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class DemoCentre:
    folder: Path
    password: str
    recovery_key: str

    @property
    def logins(self) -> list[tuple[str, str]]:
        return [(user, self.password) for user, _, _ in DEMO_ACCOUNTS]


def new_demo_password() -> str:
    return "demo-" + secrets.token_urlsafe(9)


def make_demo_centre(folder: Path, *, families: int = 200, seed: int = 1,
                     password: str | None = None, kdf: KdfParams = DEFAULT_KDF,
                     progress: Progress | None = None) -> DemoCentre:
    """Create a demo centre with four accounts (all with one password) and made-up data."""
    password = password or new_demo_password()
    made = create_centre(Path(folder), centre_name=DEMO_CENTRE_NAME,
                         admin_user_name=DEMO_ACCOUNTS[0][0],
                         admin_display_name=DEMO_ACCOUNTS[0][1], password=password, kdf=kdf)
    session = made.session
    try:
        for user, name, roles in DEMO_ACCOUNTS[1:]:
            accounts.create_account(session, user_name=user, display_name=name, roles=roles,
                                    password=password)
        if progress:
            progress(1, 1, "accounts")
    finally:
        session.close()
    return DemoCentre(Path(folder), password, made.recovery_key)
