"""Admin > Audit log: who did what, when, on which family (D107).

The manager filters by who, what, family and dates; the service reads the log
(newest first) and audits the opening. Printing goes through the internal-printout
flow (services/printouts.py, ui/printouts.py): the service decides, lays out and logs the
printout, and every page carries "Confidential: not to leave the centre".
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.printing.audit_log import TITLE
from stmarys_desktop.services import audit_log
from stmarys_desktop.services import printouts as printed
from stmarys_desktop.services.audit_log import AuditFilter
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import printouts
from stmarys_desktop.ui.messages import plain_text
from stmarys_desktop.ui.models.audit_log import AuditColumn, AuditLogModel
from stmarys_desktop.ui.models.base import SORT_ROLE
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.tables import ListTableView, fit_columns, share_width
from stmarys_desktop.ui.widgets import (
    MessageLabel,
    close_buttons,
    date_edit,
    heading,
    line_edit,
    named,
    paragraph,
    picked_date,
)

# The entries the table asks room for: a page of the log, as far as the screen allows.
PAGE_ROWS = 20


class AuditLogDialog(Dialog):
    def __init__(self, parent: QWidget | None, session: Session) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        audit_log.open_audit_log(session)
        self.model = AuditLogModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        # Sized from its columns (ui/tables.py) and a page of entries: what was done, in
        # plain words, takes the width the others leave and wraps (names whole) rather
        # than being cut; who, the outcome and the family are never cut.
        self.table = named(ListTableView(), "Audit log table")
        self.table.hint_rows = PAGE_ROWS
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AuditColumn.WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        fit_columns(self.table)
        share_width(self.table, (AuditColumn.WHAT,))

        self.who = line_edit("Who filter", placeholder="Full name or user name")
        self.what = line_edit("What filter", placeholder="Action or detail, e.g. disclosure")
        self.family = line_edit("Family filter", placeholder="Family reference")
        today = session.centre.clock().date()
        self.dated = named(QCheckBox("Only &between"), "Only between two days")
        self.since = date_edit("First day", today.replace(day=1))
        self.until = date_edit("Last day", today)
        filters = QGridLayout()
        for column, (text, field) in enumerate(
            (("W&ho:", self.who), ("Wh&at:", self.what), ("&Family:", self.family))
        ):
            label = QLabel(text)
            label.setBuddy(field)
            filters.addWidget(label, 0, column * 2)
            filters.addWidget(field, 0, column * 2 + 1)
        dates = QHBoxLayout()
        dates.addWidget(self.dated)
        dates.addWidget(self.since)
        dates.addWidget(QLabel("and"))
        dates.addWidget(self.until)
        dates.addStretch(1)
        filters.addLayout(dates, 1, 0, 1, 6)
        for field in (self.who, self.what, self.family):
            field.textChanged.connect(self.refresh)
        self.dated.toggled.connect(self.refresh)
        self.since.dateChanged.connect(self.refresh)
        self.until.dateChanged.connect(self.refresh)

        self.count = paragraph("", "How many entries are shown")
        self.message = MessageLabel()
        # Clause i: the service reads the entries the filter matches and logs the printout.
        self.printout = printouts.PrintoutButtons(
            "audit log",
            lambda deliver: printed.audit_log(session, self.chosen(), deliver),
            file_name=lambda: "audit-log.pdf",
            parent=self,
            message=self.message,
            description="The entries the filter matches",
        )
        self.print_button = self.printout.print_button
        self.pdf_button = self.printout.save_button
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        row.addWidget(close_buttons(self))

        layout = QVBoxLayout(self)
        layout.addWidget(heading(TITLE, 1.2))
        layout.addWidget(
            paragraph(
                "Everything the application did and refused, and who did it, newest first. "
                "The log cannot be changed; Admin, Verify checks that nothing was removed.",
                "About the audit log",
            )
        )
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.refresh()

    def chosen(self) -> AuditFilter:
        dated = self.dated.isChecked()
        return AuditFilter(
            who=self.who.text(),
            what=self.what.text(),
            family=self.family.text(),
            since=picked_date(self.since) if dated else None,
            until=picked_date(self.until) if dated else None,
        )

    def refresh(self) -> None:
        self.since.setEnabled(self.dated.isChecked())
        self.until.setEnabled(self.dated.isChecked())
        self.message.clear_message()
        try:
            rows = audit_log.audit_entries(self.session, self.chosen())
        except StMarysError as exc:
            self.model.clear()
            self.count.clear()
            self.message.show_error(plain_text(exc))
            return
        self.model.set_rows(rows)
        shown = len(rows)
        self.count.setText(
            f"The newest {shown:,} matching entries; narrow the filter to see older ones."
            if shown >= audit_log.SHOWN
            else f"{shown:,} entr{'y' if shown == 1 else 'ies'}."
            if shown
            else "No entry matches the filter."
        )
