"""A family's chronology: sessions, incidents, concerns and exceptions in time order.

A record a correction has superseded is still listed, marked, because the
chronology keeps both. It prints for use inside the centre only: the service
logs each printout (clause i) and every page says it must not leave the centre.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.incidents import ChronologyItem
from stmarys_desktop.printing.chronology import chronology_html, title_for
from stmarys_desktop.printing.document import CONFIDENTIAL
from stmarys_desktop.services import disclosure, families
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import printouts
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.models.incidents import ChronologyColumn, ChronologyModel
from stmarys_desktop.ui.widgets import MessageLabel, button, heading, named, paragraph


class ChronologyDialog(QDialog):
    def __init__(self, parent: QWidget | None, session: Session, family_id: int,
                 family_reference: str, items: Sequence[ChronologyItem]) -> None:
        super().__init__(parent)
        self.session = session
        self.family_id = family_id
        self.family_reference = family_reference
        self.items = list(items)
        self.title = title_for(family_reference)
        self.setWindowTitle(self.title)
        self.setAccessibleName(self.title)
        self.model = ChronologyModel()
        self.model.set_rows(self.items)
        self.table = named(QTableView(), "Chronology table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ChronologyColumn.DETAILS, QHeaderView.ResizeMode.Stretch)
        # Rows as tall as their wrapped text at the width the table has now.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.print_button = button("&Print for internal use…", "Print for internal use",
                                   f"Print the chronology, marked \u201c{CONFIDENTIAL}\u201d")
        self.pdf_button = button("Save as P&DF for internal use…",
                                 "Save as PDF for internal use",
                                 f"Save the chronology as a PDF, marked \u201c{CONFIDENTIAL}\u201d")
        self.print_button.clicked.connect(self.print_chronology)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.message = MessageLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        named(buttons.button(QDialogButtonBox.StandardButton.Close), "Close")
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title, 1.2))
        layout.addWidget(paragraph(
            "In time order. Records are never changed: a correction is a new entry, and the "
            "entry it supersedes stays here, marked \u201cSuperseded by a correction\u201d. "
            "Concern details show only for the safeguarding lead and the manager.",
            "About the chronology"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        em = self.fontMetrics().height()
        wanted = QSize(em * 52, em * 30)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            wanted = wanted.boundedTo(QSize(int(screen.width() * 0.95),
                                            int(screen.height() * 0.9)))
        self.resize(wanted)

    def html(self) -> str:
        today = families.today(self.session)
        return chronology_html(self.session.centre_name, self.family_reference, self.items,
                               self.session.account.display_name,
                               f"{today.day} {today:%B %Y}")

    def _log_printout(self) -> bool:
        """Clause i: the service decides and logs; a refusal is shown, nothing printed."""
        try:
            disclosure.internal_printout(self.session, self.family_id, "chronology")
        except Exception as exc:
            self.message.show_error(plain_text(exc))
            return False
        return True

    def print_chronology(self) -> None:
        self.message.clear_message()
        printer = printouts.choose_printer(self, "Print the chronology")
        if printer is None or not self._log_printout():
            return
        try:
            pages = printouts.print_on(printer, self.title, self.html())
        except Exception as exc:
            self.message.show_error(plain_text(exc))
            return
        self.message.show_note(f"The chronology ({pages} page{'s' if pages != 1 else ''}) was "
                               "sent to the printer. It is for use inside the centre only.")

    def save_pdf(self) -> None:
        self.message.clear_message()
        path = printouts.choose_pdf(self, "Save the chronology as a PDF",
                                    f"chronology-{self.family_reference}.pdf")
        if path is None or not self._log_printout():
            return
        try:
            printouts.save_pdf(path, self.title, self.html())
        except Exception as exc:
            self.message.show_error(plain_text(exc))
            return
        self.message.show_note(f"The chronology was saved as {path}. It is for use inside the "
                               "centre only: print it, then delete the file.")
