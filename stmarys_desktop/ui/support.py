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
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.widgets import button, close_buttons, named, paragraph, readonly_table

if TYPE_CHECKING:  # the services load after the sign-in window shows (D81), not for this
    from stmarys_desktop.services.session import Session
    from stmarys_desktop.services.support import SupportEntry

SessionSource = Callable[[], "Session | None"]
_session_source: SessionSource = lambda: None  # noqa: E731 - replaced by install()
_waiting: list[SupportEntry] = []


def message_for(reference: str) -> str:
    return (f"Something went wrong; nothing further was changed. It was recorded in the "
            f"support log as {reference}. If it happens again, ask a manager to run Admin > "
            "Verify and to send the support log (Admin > Support log) to whoever supports "
            "the centre.")


def _write_waiting(session: Session | None) -> None:
    from stmarys_desktop.services import support

    while session is not None and _waiting:
        support.record(session.centre, _waiting[0])
        _waiting.pop(0)


def record(exc: BaseException) -> str:
    """Record `exc` and return its reference; never raises (the hook must not fail)."""
    from stmarys_desktop.services import support

    entry = support.describe(exc, datetime.now().astimezone())
    _waiting.append(entry)
    with contextlib.suppress(Exception):  # a broken centre keeps it in memory instead
        _write_waiting(_session_source())
    # Only the kind reaches the terminal: a traceback's values may be personal.
    print(f"stmarys-desktop: unexpected error ({entry.error_type}), support log "
          f"{entry.reference}.", file=sys.stderr)
    return entry.reference


def report(exc: BaseException, parent: QWidget | None = None,
           title: str = "Something went wrong") -> None:
    """Record an unexpected error and tell the person, with the reference."""
    reference = record(exc)
    with contextlib.suppress(Exception):  # if even the dialog fails, nothing more to do
        messages.warn(parent or QApplication.activeWindow(), title, message_for(reference))


class _ToWindowThread(QObject):
    """Errors on other threads are shown from the window's thread."""

    raised = Signal(object)


_bridge: _ToWindowThread | None = None


def install(session_source: SessionSource) -> None:
    """Make `report` the last guard for the window thread and every other thread."""
    global _session_source, _bridge
    _session_source = session_source
    previous = sys.excepthook
    _bridge = _ToWindowThread()
    _bridge.raised.connect(report)

    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
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


class SupportLogDialog(QDialog):
    """Admin > Support log: the entries, newest first, and Save to send them on."""

    COLUMNS = ("Reference", "When", "Kind of error", "Where")

    def __init__(self, parent: QWidget | None, session: Session, *,
                 save_path: Callable[[QWidget, str, str], str] | None = None) -> None:
        from stmarys_desktop.services import support

        super().__init__(parent)
        self.session = session
        self.save_path = save_path or _ask_text_path
        self.setWindowTitle("Support log")
        self.setAccessibleName("Support log")
        with contextlib.suppress(Exception):  # what waited while locked, written now
            _write_waiting(session)
        self.found = support.entries(session)
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(
            "Errors the program did not expect, with where in the program they happened. "
            "They hold no personal data: send the saved file to whoever supports the "
            "centre, with the reference a person was shown.", "About the support log"))
        self.table = readonly_table("Support log entries", list(self.COLUMNS))
        self.table.setRowCount(len(self.found))
        for r, entry in enumerate(self.found):
            for c, value in enumerate([entry.reference, entry.occurred_at, entry.error_type,
                                       entry.location]):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.itemSelectionChanged.connect(self._show_stack)
        layout.addWidget(self.table, 2)
        self.stack = named(QPlainTextEdit(), "Call stack of the chosen entry")
        self.stack.setReadOnly(True)
        layout.addWidget(self.stack, 1)
        self.note = paragraph("" if self.found else "The support log is empty.", "Saved")
        layout.addWidget(self.note)
        row = QHBoxLayout()
        self.save_button = button("&Save the log…", "Save the support log",
                                  "Save the entries as a text file to send")
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(bool(self.found))
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(close_buttons(self))
        if self.found:
            self.table.selectRow(0)
        self.resize(720, 480)

    def _show_stack(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        self.stack.setPlainText(self.found[min(rows)].stack if rows else "")

    def save(self) -> None:
        from stmarys_desktop.services import support

        path = self.save_path(self, "Save the support log", "support-log.txt")
        if not path:
            return
        try:
            count = support.save(self.session, path)
        except StMarysError as exc:
            self.note.setText(exc.message)
            return
        self.note.setText(f"{count} entries saved to {path}.")


def _ask_text_path(parent: QWidget, title: str, suggested: str) -> str:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, suggested, "Text files (*.txt)")
    return chosen
