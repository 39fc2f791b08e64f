"""Centre-wide settings a manager sets, kept in the encrypted database."""

from __future__ import annotations

import re
from dataclasses import dataclass

from stmarys_desktop.domain.errors import InvalidInput
from stmarys_desktop.domain.paper import Letterhead, Signatory
from stmarys_desktop.domain.roles import Permission, Role
from stmarys_desktop.policy.sign_in import DEFAULT_IDLE_MINUTES
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import meta

_TELEPHONE = re.compile(r"[0-9+() -]+")


@dataclass(frozen=True)
class WholeNumberSetting:
    """A whole number a manager sets within a range. A stored value that is not a number
    or is out of range (edited by hand) reads as the default, so no such setting can
    switch a safeguard off (the lock, the clipboard clearing)."""

    key: str
    default: int
    low: int
    high: int
    doing: str  # for the refusal: "You cannot <doing>"
    out_of_range: str  # the sentence for a value outside low..high
    action: str  # the audit row's action
    detail: str  # the audit row's detail, with {before} and {value}

    def valid(self, value: object) -> bool:
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and self.low <= value <= self.high
        )

    def read(self, session: Session) -> int:
        stored = meta.get_setting(session.centre.conn, self.key)
        try:
            value = int(stored) if stored else self.default
        except ValueError:
            return self.default
        return value if self.valid(value) else self.default

    def change(self, session: Session, value: int) -> None:
        session.require(Permission.MANAGE_SETTINGS, self.doing)
        if not self.valid(value):
            raise InvalidInput(self.out_of_range)
        before = self.read(session)
        with session.centre.transaction() as conn:
            meta.put_setting(conn, self.key, str(value))
            session.audit(self.action, detail=self.detail.format(before=before, value=value))


IDLE_MINUTES_SETTING = "idle_minutes"
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 120
IDLE_MINUTES = WholeNumberSetting(
    IDLE_MINUTES_SETTING,
    DEFAULT_IDLE_MINUTES,
    MIN_IDLE_MINUTES,
    MAX_IDLE_MINUTES,
    doing="change the idle time before the window locks",
    out_of_range=f"The idle time must be a whole number of minutes from "
    f"{MIN_IDLE_MINUTES} to {MAX_IDLE_MINUTES}.",
    action="setting.idle_minutes",
    detail="idle time before locking: {before} -> {value} minutes",
)


def idle_minutes(session: Session) -> int:
    """Minutes without use before the window locks; every session needs to know it."""
    return IDLE_MINUTES.read(session)


def set_idle_minutes(session: Session, minutes: int) -> None:
    IDLE_MINUTES.change(session, minutes)


# -- how long copied text stays on the clipboard (issue 16, D130) --------------------------

CLIPBOARD_SECONDS_SETTING = "clipboard_seconds"
DEFAULT_CLIPBOARD_SECONDS = 30
MIN_CLIPBOARD_SECONDS = 5
MAX_CLIPBOARD_SECONDS = 300
CLIPBOARD_SECONDS = WholeNumberSetting(
    CLIPBOARD_SECONDS_SETTING,
    DEFAULT_CLIPBOARD_SECONDS,
    MIN_CLIPBOARD_SECONDS,
    MAX_CLIPBOARD_SECONDS,
    doing="change how long copied text stays on the clipboard",
    out_of_range=f"Copied text can stay on the clipboard for {MIN_CLIPBOARD_SECONDS}"
    f" to {MAX_CLIPBOARD_SECONDS} seconds.",
    action="setting.clipboard_seconds",
    detail="copied text cleared after: {before} -> {value} s",
)


def clipboard_seconds(session: Session) -> int:
    """Seconds before text copied from the window is cleared from the clipboard."""
    return CLIPBOARD_SECONDS.read(session)


def set_clipboard_seconds(session: Session, seconds: int) -> None:
    CLIPBOARD_SECONDS.change(session, seconds)


# -- the centre's letterhead (issue 21) ------------------------------------------------------

CENTRE_ADDRESS_SETTING = "centre_address"
CENTRE_TELEPHONE_SETTING = "centre_telephone"
MAX_ADDRESS_LINES = 6


def letterhead(session: Session) -> Letterhead:
    """The centre's name, postal address and telephone, as its letters print them."""
    conn = session.centre.conn
    return Letterhead(
        session.centre_name,
        meta.get_setting(conn, CENTRE_ADDRESS_SETTING) or "",
        meta.get_setting(conn, CENTRE_TELEPHONE_SETTING) or "",
    )


def set_letterhead(session: Session, address: str, telephone: str) -> Letterhead:
    """The address (one line each, up to six) and telephone the centre's letters carry."""
    session.require(Permission.MANAGE_SETTINGS, "change the centre's address and telephone")
    written = [" ".join(line.split()) for line in address.splitlines()]
    kept = [line for line in written if line]
    if len(kept) > MAX_ADDRESS_LINES:
        raise InvalidInput(
            f"The address has {len(kept)} lines; a letter has room for "
            f"{MAX_ADDRESS_LINES}. Put more than one part on a line."
        )
    if any(len(line) > 80 for line in kept):
        raise InvalidInput("A line of the address is longer than 80 characters; split it.")
    phone = " ".join(telephone.split())
    if len(phone) > 40 or (phone and not _TELEPHONE.fullmatch(phone)):
        raise InvalidInput(
            "Write the telephone number with digits, spaces and + ( ) - "
            "only, for example 01632 960 123."
        )
    with session.centre.transaction() as conn:
        meta.put_setting(conn, CENTRE_ADDRESS_SETTING, "\n".join(kept))
        meta.put_setting(conn, CENTRE_TELEPHONE_SETTING, phone)
        session.audit(
            action="setting.letterhead",
            detail="the centre's address and telephone for letters",
        )
    return letterhead(session)


def signatory(session: Session) -> Signatory:
    """Who signs a letter made now: the signed-in person, by name, in their senior role."""
    account = session.account
    senior = next((role for role in reversed(list(Role)) if role in account.roles), None)
    return Signatory(account.display_name, senior.label if senior else "Staff")


def letter_sender(session: Session) -> tuple[Letterhead, Signatory]:
    return letterhead(session), signatory(session)
