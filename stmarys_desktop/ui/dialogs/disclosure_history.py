"""The centre's disclosure history and its requests for information (DESIGN.md section 2).

Filterable by outcome, action and family; printable only by a manager (the
service refuses anyone else, and the button says so).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import short_stamp
from stmarys_desktop.domain.disclosures import DisclosureEntry
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.policy.disclosure import Action
from stmarys_desktop.printing.history import HEADER
from stmarys_desktop.services import disclosure
from stmarys_desktop.services import printouts as printed
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import messages, printouts
from stmarys_desktop.ui.dialogs.disclosures.common import kind_words
from stmarys_desktop.ui.dialogs.request_log import RequestLogPanel
from stmarys_desktop.ui.offers import may, show_decision
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.widgets import (
    close_buttons,
    heading,
    named,
    readonly_table,
)

OUTCOMES = {"All outcomes": None, "Allowed": True, "Refused": False}


class DisclosureHistoryDialog(Dialog):
    def __init__(self, parent: QWidget | None, session: Session) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Disclosure history")
        self.setAccessibleName("Disclosure history")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Disclosure history", 1.2))

        filters = QHBoxLayout()
        self.outcome = named(QComboBox(), "Outcome filter")
        self.outcome.addItems(list(OUTCOMES))
        self.action = named(QComboBox(), "Action filter")
        self.action.addItem("All actions", None)
        for action in Action:
            self.action.addItem(action.label, action.value)
        self.family = named(QLineEdit(), "Family reference filter")
        self.family.setPlaceholderText("Family reference")
        for widget in (self.outcome, self.action, self.family):
            filters.addWidget(widget)
        # Clause i: the service reads the whole log, decides and logs the printout.
        self.printout = printouts.PrintoutButtons(
            "disclosure history",
            lambda deliver: printed.disclosure_history(session, deliver),
            file_name=lambda: "disclosure-history.pdf",
            parent=self,
            said=lambda done: messages.inform(self, "Disclosure history", done),
            failed=lambda exc: messages.show_error(self, "Disclosure history", exc),
            description="Every attempt, allowed or refused",
            print_label=("&Print…", "Print the disclosure history"),
            save_label=("Save as P&DF…", "Save the disclosure history as PDF"),
        )
        self.print_button = self.printout.print_button
        self.save_button = self.printout.save_button
        filters.addWidget(self.print_button)
        filters.addWidget(self.save_button)
        layout.addLayout(filters)

        tabs = named(QTabWidget(), "Disclosures and requests")
        self.entries_table = readonly_table(
            "Disclosure history table",
            list(HEADER),  # the same columns as the printed history
            wrap=True,  # the reason whole, on more lines (issue 18)
        )
        # The request log, read by those the policy lets read it (issue 20, D311).
        self.requests = RequestLogPanel(session)
        self.requests_table = self.requests.table
        tabs.addTab(self.entries_table, "Every attempt")
        tabs.addTab(self.requests, "Requests for information")
        layout.addWidget(tabs, 1)
        layout.addWidget(close_buttons(self))

        printing = may(session, Permission.VIEW_AUDIT, "print the disclosure history")
        for widget in (self.print_button, self.save_button):
            show_decision(widget, printing, tip=widget.accessibleDescription())
        self.outcome.currentIndexChanged.connect(self.refresh)
        self.action.currentIndexChanged.connect(self.refresh)
        self.family.textChanged.connect(self.refresh)
        self._entries: list[DisclosureEntry] = []
        self.load()

    def load(self) -> None:
        self._entries = disclosure.disclosure_history(self.session)
        self.requests.load()
        self.refresh()

    def shown_entries(self) -> list[DisclosureEntry]:
        allowed = OUTCOMES[self.outcome.currentText()]
        action = self.action.currentData()
        family = self.family.text().strip().casefold()
        return [
            e
            for e in self._entries
            if (allowed is None or e.allowed == allowed)
            and (action is None or e.action == action)
            and (not family or family in e.family_reference.casefold())
        ]

    def refresh(self) -> None:
        shown = self.shown_entries()
        self.entries_table.setRowCount(len(shown))
        for row, e in enumerate(shown):
            for column, value in enumerate(
                [
                    short_stamp(e.at),
                    e.actor,
                    e.family_reference,
                    Action(e.action).label,
                    e.about_person or "The family",
                    e.recipient,
                    kind_words(e.recipient_kind),
                    "Allowed" if e.allowed else "Refused",
                    e.clause,
                    e.basis or e.sentence,
                ]
            ):
                self.entries_table.setItem(row, column, QTableWidgetItem(value))

    def record_told(self) -> None:
        self.requests.record_told()

    def clear(self) -> None:
        self._entries = []
        self.entries_table.setRowCount(0)
        self.requests.clear()
