"""A family's chronology: sessions, incidents, concerns and exceptions in time order.

A record a correction has superseded is still listed, marked, because the
chronology keeps both. It prints for use inside the centre only: the service
reads it afresh, logs each printout (clause i), and every page says it must not leave the
centre.
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
from stmarys_desktop.printing.chronology import title_for
from stmarys_desktop.services import printouts as printed
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import printouts
from stmarys_desktop.ui.models.incidents import ChronologyColumn, ChronologyModel
from stmarys_desktop.ui.offers import fit_to_screen
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.tables import ListTableView, keep_names_whole
from stmarys_desktop.ui.widgets import (
    MessageLabel,
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
        keep_names_whole(self.table)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ChronologyColumn.DETAILS, QHeaderView.ResizeMode.Stretch)
        # Rows as tall as their wrapped text at the width the table has now.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.message = MessageLabel()
        # Clause i: the service reads the chronology afresh, decides and logs the printout.
        self.printout = printouts.PrintoutButtons(
            "chronology",
            lambda deliver: printed.chronology(session, family_id, deliver),
            file_name=lambda: f"chronology-{family_reference}.pdf",
            parent=self,
            message=self.message,
            description="The chronology",
        )
        self.print_button = self.printout.print_button
        self.pdf_button = self.printout.save_button
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
