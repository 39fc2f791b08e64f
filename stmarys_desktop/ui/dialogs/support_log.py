"""Admin > Support log (D206): the entries, newest first, and Save to send them on."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import long_stamp
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.services import support
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.offers import fit_to_screen
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.support import write_waiting
from stmarys_desktop.ui.widgets import button, close_buttons, named, paragraph, readonly_table


class SupportLogDialog(Dialog):
    """Admin > Support log: the entries, newest first, and Save to send them on."""

    COLUMNS = ("Reference", "When", "Kind of error", "Where")

    def __init__(
        self,
        parent: QWidget | None,
        session: Session,
        *,
        save_path: Callable[[QWidget, str, str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.save_path = save_path or _ask_text_path
        self.setWindowTitle("Support log")
        self.setAccessibleName("Support log")
        with contextlib.suppress(Exception):  # what waited while locked, written now
            write_waiting(session)
        self.found = support.entries(session)
        layout = QVBoxLayout(self)
        layout.addWidget(
            paragraph(
                "Errors the program did not expect, with where in the program they happened. "
                "They hold no personal data: send the saved file to whoever supports the "
                "centre, with the reference a person was shown.",
                "About the support log",
            )
        )
        self.table = readonly_table("Support log entries", list(self.COLUMNS))
        self.table.setRowCount(len(self.found))
        for r, entry in enumerate(self.found):
            for c, value in enumerate(
                [
                    entry.reference,
                    long_stamp(entry.occurred_at),
                    entry.error_type,
                    entry.location,
                ]
            ):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.itemSelectionChanged.connect(self._show_stack)
        layout.addWidget(self.table, 2)
        self.stack = named(QPlainTextEdit(), "Call stack of the chosen entry")
        self.stack.setReadOnly(True)
        layout.addWidget(self.stack, 1)
        self.note = paragraph("" if self.found else "The support log is empty.", "Saved")
        layout.addWidget(self.note)
        row = QHBoxLayout()
        self.save_button = button(
            "&Save the log…", "Save the support log", "Save the entries as a text file to send"
        )
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(bool(self.found))
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(close_buttons(self))
        if self.found:
            self.table.selectRow(0)
        fit_to_screen(self, 110, 30)

    def _show_stack(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        self.stack.setPlainText(self.found[min(rows)].stack if rows else "")

    def save(self) -> None:
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
