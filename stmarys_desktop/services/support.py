"""The support log: what went wrong and where in the program, for whoever supports the
centre (issue 23, D203-D206).

A fault is described by its kind (`KeyError`), the file and line it was raised at,
and the call stack as file:line and function names: the program's own words only.
Never the error's message, a variable or anything typed, because those can hold a
family's names. Entries live inside the encrypted centre; a manager sees them under
Admin > Support log and saves them as a text file to send.
"""

from __future__ import annotations

import os
import secrets
import traceback
from datetime import datetime
from pathlib import Path

from stmarys_desktop import __version__
from stmarys_desktop.domain.errors import InvalidInput, StMarysError
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.services.session import Session
from stmarys_desktop.store import support_log
from stmarys_desktop.store.centre import Centre
from stmarys_desktop.store.support_log import SupportEntry

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding stmarys_desktop/
MOST_FRAMES = 40

__all__ = ["SupportEntry", "describe", "entries", "record", "save", "text_of"]


def _where(filename: str) -> str:
    """A file named without the folders above it, which can hold a person's user name:
    the program's own files from the package root, any other by its last two parts."""
    path = Path(filename)
    try:
        return path.resolve().relative_to(PACKAGE_ROOT).as_posix()
    except (ValueError, OSError):
        return "/".join(path.parts[-2:])


def _kind(exc: BaseException) -> str:
    kind = type(exc)
    return (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )


def describe(exc: BaseException, at: datetime, reference: str | None = None) -> SupportEntry:
    """The entry for `exc`: kind, place and call stack; no message, no values."""
    frames = traceback.extract_tb(exc.__traceback__)[-MOST_FRAMES:]
    stack = [f"{_where(f.filename)}:{f.lineno} in {f.name}" for f in frames]
    cause = exc.__cause__ or exc.__context__
    if cause is not None and not isinstance(cause, StMarysError):
        inner = traceback.extract_tb(cause.__traceback__)[-1:]
        stack.append(
            f"while handling {_kind(cause)}"
            + (f" at {_where(inner[0].filename)}:{inner[0].lineno}" if inner else "")
        )
    location = stack[len(frames) - 1].split(" in ")[0] if frames else "(unknown)"
    return SupportEntry(
        reference or new_reference(at),
        at.isoformat(timespec="seconds"),
        _kind(exc),
        location,
        "\n".join(stack),
        __version__,
    )


def new_reference(at: datetime) -> str:
    """Short enough to read out over the telephone: the day and four random characters."""
    return f"{at:%Y%m%d}-{secrets.token_hex(2).upper()}"


def record(centre: Centre, entry: SupportEntry) -> None:
    """Keep the entry inside the encrypted centre (its own small transaction)."""
    with centre.transaction() as conn:
        support_log.add(conn, entry)


def entries(session: Session) -> list[SupportEntry]:
    session.require(Permission.VERIFY, "see the support log")
    return support_log.entries(session.centre.conn)


def text_of(found: list[SupportEntry], centre_name: str) -> str:
    lines = [
        f"Support log of {centre_name}: {len(found)} entries, newest first.",
        "Kinds of error and places in the program only; no personal data.",
        "",
    ]
    for entry in found:
        lines += [
            f"Reference {entry.reference}, {entry.occurred_at}, version {entry.app_version}",
            f"  {entry.error_type} at {entry.location}",
        ]
        lines += [f"    {frame}" for frame in entry.stack.splitlines()]
        lines.append("")
    return "\n".join(lines)


def save(session: Session, destination: Path) -> int:
    """Write the log as a text file for whoever supports the centre; how many entries."""
    found = entries(session)
    destination = Path(destination).expanduser()
    try:
        fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as sink:
            sink.write(text_of(found, session.centre_name))
    except OSError as exc:
        raise InvalidInput(
            f"The support log could not be saved to {destination} "
            f"({(exc.strerror or 'the system refused').lower()}); choose "
            "another folder."
        ) from None
    session.audit(
        action="support_log.saved",
        detail=f"{len(found)} entries saved to a file",
    )
    return len(found)
