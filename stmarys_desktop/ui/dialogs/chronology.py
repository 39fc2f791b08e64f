"""A family's chronology: sessions, incidents, concerns and exceptions in time order.

A record a correction has superseded is still listed, marked, because the
chronology keeps both. It prints for use inside the centre only: the service
logs each printout (clause i) and every page says it must not leave the centre.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.incidents import ChronologyItem
from stmarys_desktop.printing.chronology import chronology_paper, title_for
from stmarys_desktop.printing.document import CONFIDENTIAL, Paper, day_text
from stmarys_desktop.services import disclosure, families
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import printouts
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.models.incidents import ChronologyColumn, ChronologyModel
from stmarys_desktop.ui.offers import fit_to_screen
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.tables import ListTableView
from stmarys_desktop.ui.widgets import (
    MessageLabel,
    button,
    close_buttons,
    heading,
    named,
    paragraph,
)


class ChronologyDialog(Dialog):
    def __init__(
        self,
        parent: QWidget | None,
        session: Session,
        family_id: int,
        family_reference: str,
        items: Sequence[ChronologyItem],
    ) -> None:
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
        self.table = named(ListTableView(), "Chronology table")
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
        self.print_button = button(
            "&Print for internal use…",
            "Print for internal use",
            f"Print the chronology, marked \u201c{CONFIDENTIAL}\u201d",
        )
        self.pdf_button = button(
            "Save as P&DF for internal use…",
            "Save as PDF for internal use",
            f"Save the chronology as a PDF, marked \u201c{CONFIDENTIAL}\u201d",
        )
        self.print_button.clicked.connect(self.print_chronology)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.message = MessageLabel()
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        row.addWidget(close_buttons(self))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title, 1.2))
        layout.addWidget(
            paragraph(
                "In time order. Records are never changed: a correction is a new entry, and the "
                "entry it supersedes stays here, marked \u201cSuperseded by a correction\u201d. "
                "Concern details show only for the safeguarding lead and the manager.",
                "About the chronology",
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        fit_to_screen(self, 120, 30)

    def paper(self) -> Paper:
        today = families.today(self.session)
        return chronology_paper(
            self.session.centre_name,
            self.family_reference,
            self.items,
            self.session.account.display_name,
            day_text(today),
        )

    def _printout(self) -> Paper:
        """Clause i: the service decides and logs; its refusal is raised, nothing printed."""
        disclosure.internal_printout(self.session, self.family_id, "chronology")
        return self.paper()

    def print_chronology(self) -> None:
        self.message.clear_message()
        self._say(printouts.print_document(self, "chronology", self._printout, failed=self._failed))

    def save_pdf(self) -> None:
        self.message.clear_message()
        self._say(
            printouts.save_document(
                self,
                "chronology",
                f"chronology-{self.family_reference}.pdf",
                self._printout,
                failed=self._failed,
            )
        )

    def _failed(self, exc: Exception) -> None:
        self.message.show_error(plain_text(exc))

    def _say(self, done: str | None) -> None:
        if done:
            self.message.show_note(done)
