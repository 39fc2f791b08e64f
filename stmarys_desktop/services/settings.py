"""Centre-wide settings a manager sets, kept in the encrypted database."""

from __future__ import annotations

from stmarys_desktop.domain.errors import InvalidInput
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.policy.sign_in import DEFAULT_IDLE_MINUTES
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import meta

IDLE_MINUTES_SETTING = "idle_minutes"
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 120


def _valid_minutes(value: object) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)
            and MIN_IDLE_MINUTES <= value <= MAX_IDLE_MINUTES)


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
        raise InvalidInput(f"The idle time must be a whole number of minutes from "
                           f"{MIN_IDLE_MINUTES} to {MAX_IDLE_MINUTES}.")
    before = idle_minutes(session)
    with session.centre.transaction() as conn:
        meta.put_setting(conn, IDLE_MINUTES_SETTING, str(minutes))
        session.centre.audit(actor=session.user_name, action="setting.idle_minutes",
                             detail=f"idle time before locking: {before} -> {minutes} minutes")


# -- how long copied text stays on the clipboard (issue 16, D130) --------------------------

CLIPBOARD_SECONDS_SETTING = "clipboard_seconds"
DEFAULT_CLIPBOARD_SECONDS = 30
MIN_CLIPBOARD_SECONDS = 5
MAX_CLIPBOARD_SECONDS = 300


def _valid_seconds(value: object) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)
            and MIN_CLIPBOARD_SECONDS <= value <= MAX_CLIPBOARD_SECONDS)


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
    session.require(Permission.MANAGE_SETTINGS,
                    "change how long copied text stays on the clipboard")
    if not _valid_seconds(seconds):
        raise InvalidInput(f"Copied text can stay on the clipboard for {MIN_CLIPBOARD_SECONDS}"
                           f" to {MAX_CLIPBOARD_SECONDS} seconds.")
    before = clipboard_seconds(session)
    with session.centre.transaction() as conn:
        meta.put_setting(conn, CLIPBOARD_SECONDS_SETTING, str(seconds))
        session.centre.audit(actor=session.user_name, action="setting.clipboard_seconds",
                             detail=f"copied text cleared after: {before} -> {seconds} s")
