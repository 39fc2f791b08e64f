"""Centre-wide settings a manager sets, kept in the encrypted database."""

from __future__ import annotations

import re

from stmarys_desktop.domain.errors import InvalidInput
from stmarys_desktop.domain.paper import Letterhead, Signatory
from stmarys_desktop.domain.roles import Permission, Role
from stmarys_desktop.policy.sign_in import DEFAULT_IDLE_MINUTES
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import meta

IDLE_MINUTES_SETTING = "idle_minutes"
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 120
_TELEPHONE = re.compile(r"[0-9+() -]+")


def _valid_minutes(value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and MIN_IDLE_MINUTES <= value <= MAX_IDLE_MINUTES
    )


def idle_minutes(session: Session) -> int:
    """Minutes without use before the window locks; every session needs to know it."""
    stored = meta.get_setting(session.centre.conn, IDLE_MINUTES_SETTING)
    try:
        minutes = int(stored) if stored is not None else DEFAULT_IDLE_MINUTES
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    # A value out of range (edited by hand) must not switch the lock off.
    return minutes if _valid_minutes(minutes) else DEFAULT_IDLE_MINUTES


def set_idle_minutes(session: Session, minutes: int) -> None:
    session.require(Permission.MANAGE_SETTINGS, "change the idle time before the window locks")
    if not _valid_minutes(minutes):
        raise InvalidInput(
            f"The idle time must be a whole number of minutes from "
            f"{MIN_IDLE_MINUTES} to {MAX_IDLE_MINUTES}."
        )
    before = idle_minutes(session)
    with session.centre.transaction() as conn:
        meta.put_setting(conn, IDLE_MINUTES_SETTING, str(minutes))
        session.centre.audit(
            actor=session.user_name,
            action="setting.idle_minutes",
            detail=f"idle time before locking: {before} -> {minutes} minutes",
        )


# -- how long copied text stays on the clipboard (issue 16, D130) --------------------------

CLIPBOARD_SECONDS_SETTING = "clipboard_seconds"
DEFAULT_CLIPBOARD_SECONDS = 30
MIN_CLIPBOARD_SECONDS = 5
MAX_CLIPBOARD_SECONDS = 300


def _valid_seconds(value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and MIN_CLIPBOARD_SECONDS <= value <= MAX_CLIPBOARD_SECONDS
    )


def clipboard_seconds(session: Session) -> int:
    """Seconds before text copied from the window is cleared from the clipboard."""
    stored = meta.get_setting(session.centre.conn, CLIPBOARD_SECONDS_SETTING)
    try:
        seconds = int(stored) if stored is not None else DEFAULT_CLIPBOARD_SECONDS
    except ValueError:
        return DEFAULT_CLIPBOARD_SECONDS
    # Edited by hand out of range: never "keep for ever".
    return seconds if _valid_seconds(seconds) else DEFAULT_CLIPBOARD_SECONDS


def set_clipboard_seconds(session: Session, seconds: int) -> None:
    session.require(
        Permission.MANAGE_SETTINGS, "change how long copied text stays on the clipboard"
    )
    if not _valid_seconds(seconds):
        raise InvalidInput(
            f"Copied text can stay on the clipboard for {MIN_CLIPBOARD_SECONDS}"
            f" to {MAX_CLIPBOARD_SECONDS} seconds."
        )
    before = clipboard_seconds(session)
    with session.centre.transaction() as conn:
        meta.put_setting(conn, CLIPBOARD_SECONDS_SETTING, str(seconds))
        session.centre.audit(
            actor=session.user_name,
            action="setting.clipboard_seconds",
            detail=f"copied text cleared after: {before} -> {seconds} s",
        )


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
        session.centre.audit(
            actor=session.user_name,
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
