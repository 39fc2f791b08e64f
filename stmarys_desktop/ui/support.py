"""The one place an unexpected error goes (D203): recorded in the support log, shown as a
plain message with its reference.

Widgets catch only the product's own errors (StMarysError, which carry a sentence for
the person). Anything else leaves the widget's slot and reaches `report`, through
sys.excepthook, threading.excepthook, or the worker's failure path. While the window
is locked no centre is open, so the entry waits in memory and is written at the next
report or when the support log is opened.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.ui import messages

if TYPE_CHECKING:  # the services load after the sign-in window shows (D81), not for this
    from stmarys_desktop.services.session import Session
    from stmarys_desktop.services.support import SupportEntry

SessionSource = Callable[[], "Session | None"]
_session_source: SessionSource = lambda: None  # noqa: E731 - replaced by install()
_waiting: list[SupportEntry] = []


def message_for(reference: str) -> str:
    return (
        f"Something went wrong; nothing further was changed. It was recorded in the "
        f"support log as {reference}. If it happens again, ask a manager to run Admin > "
        "Verify and to send the support log (Admin > Support log) to whoever supports "
        "the centre."
    )


def write_waiting(session: Session | None) -> None:
    """Write what waited while no centre was open."""
    from stmarys_desktop.services import support

    while session is not None and _waiting:
        support.record(session.centre, _waiting[0])
        _waiting.pop(0)


def record(exc: BaseException) -> str:
    """Record `exc` and return its reference; never raises (the hook must not fail)."""
    from datetime import datetime

    from stmarys_desktop.services import support

    entry = support.describe(exc, datetime.now().astimezone())
    _waiting.append(entry)
    with contextlib.suppress(Exception):  # a broken centre keeps it in memory instead
        write_waiting(_session_source())
    # Only the kind reaches the terminal: a traceback's values may be personal.
    print(
        f"stmarys-desktop: unexpected error ({entry.error_type}), support log {entry.reference}.",
        file=sys.stderr,
    )
    return entry.reference


def report(
    exc: BaseException, parent: QWidget | None = None, title: str = "Something went wrong"
) -> None:
    """Record an unexpected error and tell the person, with the reference."""
    reference = record(exc)
    with contextlib.suppress(Exception):  # if even the dialog fails, nothing more to do
        messages.warn(parent or QApplication.activeWindow(), title, message_for(reference))


class _ToWindowThread(QObject):
    """Errors on other threads are shown from the window's thread."""

    raised = Signal(object)


_bridge: QObject | None = None


def install(session_source: SessionSource) -> None:
    """Make `report` the last guard for the window thread and every other thread."""
    global _session_source, _bridge
    _session_source = session_source
    previous = sys.excepthook
    _bridge = _ToWindowThread()
    _bridge.raised.connect(report)

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, value, tb)
            return
        if isinstance(value, StMarysError):  # ours, escaped a slot: its own words
            with contextlib.suppress(Exception):
                messages.warn(QApplication.activeWindow(), "Not done", value.message)
            return
        report(value)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and _bridge is not None:
            _bridge.raised.emit(args.exc_value)

    sys.excepthook = hook
    threading.excepthook = thread_hook
