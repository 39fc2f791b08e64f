"""The centre's disclosure history and its requests for information (DESIGN.md section 2).

Filterable by outcome, action and family; printable only by a manager (the
service refuses anyone else, and the button says so).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.disclosures import DisclosureEntry
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.roles import Permission
from stmarys_desktop.policy.disclosure import Action
from stmarys_desktop.printing.document import day_text, write_pdf
from stmarys_desktop.printing.history import disclosure_history_paper
from stmarys_desktop.services import accounts, disclosure
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.dialogs.disclosures.common import kind_words
from stmarys_desktop.ui.forms import CallbackForm, SavePath, ask_save_path
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.widgets import (
    add_row,
    button,
    close_buttons,
    date_edit,
    heading,
    named,
    picked_date,
    readonly_table,
)

OUTCOMES = {"All outcomes": None, "Allowed": True, "Refused": False}
TOLD_WORDS = {"yes": "Told", "no": "Not told", "not_yet": "Not yet"}


class DisclosureHistoryDialog(Dialog):
    def __init__(
        self, parent: QWidget | None, session: Session, *, save_path: SavePath = ask_save_path
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.save_path = save_path
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
        self.print_button = button("Print…", "Print the disclosure history")
        filters.addWidget(self.print_button)
        layout.addLayout(filters)

        tabs = named(QTabWidget(), "Disclosures and requests")
        self.entries_table = readonly_table(
            "Disclosure history table",
            [
                "When",
                "Who",
                "Family",
                "Action",
                "About",
                "To",
                "Kind",
                "Outcome",
                "Clause",
                "Basis or reason",
            ],
            wrap=True,  # the reason whole, on more lines (issue 18)
        )
        self.requests_table = readonly_table(
            "Requests for information",
            [
                "Received",
                "Who asked",
                "Agency",
                "Asked for",
                "Consent sought",
                "Decision",
                "Basis",
                "Without consent because",
                "Person told",
            ],
        )
        requests_page = QWidget()
        requests_layout = QVBoxLayout(requests_page)
        requests_layout.addWidget(self.requests_table)
        self.told_button = button(
            "Record whether they were told…", "Record whether the person was told"
        )
        self.told_button.setEnabled(session.can(Permission.DISCLOSE))
        self.told_button.clicked.connect(self.record_told)
        requests_layout.addWidget(self.told_button)
        tabs.addTab(self.entries_table, "Every attempt")
        tabs.addTab(requests_page, "Requests for information")
        layout.addWidget(tabs, 1)
        layout.addWidget(close_buttons(self))

        may_print = session.can(Permission.VIEW_AUDIT)
        self.print_button.setEnabled(may_print)
        self.print_button.setToolTip(
            "" if may_print else "Only a manager may print the disclosure history."
        )
        self.print_button.clicked.connect(self.print_history)
        self.outcome.currentIndexChanged.connect(self.refresh)
        self.action.currentIndexChanged.connect(self.refresh)
        self.family.textChanged.connect(self.refresh)
        self._entries: list[DisclosureEntry] = []
        self.load()

    def load(self) -> None:
        self._entries = disclosure.disclosure_history(self.session)
        requests = (
            disclosure.requests(self.session) if self.session.can(Permission.DISCLOSE) else []
        )
        self._requests = requests
        self.requests_table.setRowCount(len(requests))
        for row, r in enumerate(requests):
            told = TOLD_WORDS.get(r.subject_told, r.subject_told)
            if r.subject_told_on:
                told += f" ({r.subject_told_on})"
            elif r.not_told_reason:
                told += f" ({r.not_told_reason})"
            for column, value in enumerate(
                [
                    r.received_at[:16].replace("T", " "),
                    r.requester_name,
                    r.requester_agency,
                    r.asked_for,
                    r.consent_sought.label,
                    r.decision,
                    r.basis,
                    r.without_consent_reason,
                    told,
                ]
            ):
                self.requests_table.setItem(row, column, QTableWidgetItem(value))
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
                    e.at[:16].replace("T", " "),
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
        row = self.requests_table.currentRow()
        if row < 0:
            messages.inform(self, "Requests for information", "Choose a request first.")
            return
        request = self._requests[row]
        form = CallbackForm(
            self,
            "Was the person told?",
            "Record",
            f"Request from {request.requester_name}: {request.asked_for}",
        )
        told = named(QComboBox(), "Told")
        told.addItem("Yes, they were told", True)
        told.addItem("No", False)
        add_row(form.form, "&Told:", told)
        when = date_edit("Date told", self.session.centre.clock().date())
        add_row(form.form, "&On:", when)
        reason = named(QLineEdit(), "Why not")
        add_row(form.form, "&Why not:", reason)
        form.run = lambda: disclosure.record_subject_told(
            self.session,
            request.id,
            told=told.currentData(),
            on=picked_date(when) if told.currentData() else None,
            reason=reason.text(),
        )
        if form.exec() == QDialog.DialogCode.Accepted:
            self.load()

    def print_history(self) -> None:
        # Where first: a cancelled save reads and logs nothing (D103).
        path = self.save_path(self, "Disclosure history", "disclosure-history.pdf")
        if not path:
            return
        try:
            entries = disclosure.disclosure_history_for_print(self.session)
        except StMarysError as exc:
            messages.show_error(self, "Disclosure history", exc)
            return
        today = self.session.centre.clock().date()
        write_pdf(
            path,
            disclosure_history_paper(
                self.session.centre_name,
                day_text(today),
                entries,
                self.session.account.display_name,
                accounts.names_by_login(self.session),
            ),
        )
        messages.inform(self, "Disclosure history", f"Saved as {path}.")

    def clear(self) -> None:
        self._entries = []
        self.entries_table.setRowCount(0)
        self.requests_table.setRowCount(0)
