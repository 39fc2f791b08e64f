"""The retention review and disposal (clause viii), for a manager.

The review lists what has not been used for three years, with what each record
holds (counts only) and what is held back and why. The manager ticks what goes,
confirms with their own password, and the disposal runs off the window thread
with progress. The certificate can then be saved as a PDF.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stmarys_desktop.domain.dates import long_date, short_stamp
from stmarys_desktop.domain.errors import StMarysError
from stmarys_desktop.domain.retention import Certificate, DueRecord
from stmarys_desktop.printing.disposal import disposal_certificate_paper
from stmarys_desktop.printing.document import plural, write_pdf
from stmarys_desktop.services import retention
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui import messages
from stmarys_desktop.ui.forms import CallbackForm, SavePath, ask_save_path
from stmarys_desktop.ui.offers import cited
from stmarys_desktop.ui.screens.base import Host
from stmarys_desktop.ui.sizing import Dialog
from stmarys_desktop.ui.widgets import (
    add_row,
    button,
    close_buttons,
    date_edit,
    heading,
    line_edit,
    paragraph,
    picked_date,
    readonly_table,
)

DUE_COLUMNS = ["Dispose", "Record", "Kind", "Last used", "What it holds"]
HELD_COLUMNS = ["Record", "Kind", "Last used", "Held because"]


class RetentionDialog(Dialog):
    def __init__(
        self,
        parent: QWidget | None,
        host: Host,
        session: Session,
        *,
        save_path: SavePath = ask_save_path,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.session = session
        self.save_path = save_path
        self.setWindowTitle("Retention review")
        self.setAccessibleName("Retention review")
        self._due: list[DueRecord] = []
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Retention review", 1.2))
        layout.addWidget(
            paragraph(
                cited(
                    session,
                    "Information about families and staff not used for three years is "
                    "disposed of as confidential waste (clause viii). The accident book is kept "
                    "for ever and is never listed.",
                )
            )
        )
        row = QHBoxLayout()
        self.as_of: QDateEdit = date_edit("Review date", session.centre.clock().date())
        label = QLabel("Review &as of:")
        label.setBuddy(self.as_of)
        self.review_button = button("&Review", "Run the review")
        self.review_button.clicked.connect(self.run_review)
        row.addWidget(label)
        row.addWidget(self.as_of)
        row.addWidget(self.review_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = paragraph("", "Review summary")
        layout.addWidget(self.summary)
        self.due = readonly_table("Records due for disposal", DUE_COLUMNS)
        self.held = readonly_table("Records held", HELD_COLUMNS)
        layout.addWidget(QLabel("Due for disposal:"))
        layout.addWidget(self.due, 2)
        layout.addWidget(QLabel("Held back:"))
        layout.addWidget(self.held, 1)
        self.reminder = paragraph("", "About backups")
        layout.addWidget(self.reminder)
        actions = QHBoxLayout()
        self.dispose_button = button(
            "&Dispose of the ticked records…",
            "Dispose",
            "Asks for your password; everything ticked goes, in one step, or nothing does.",
        )
        self.dispose_button.clicked.connect(self.dispose)
        self.old_backups_button = button("Delete old &backups…", "Delete old backups")
        self.old_backups_button.clicked.connect(self.delete_old_backups)
        actions.addWidget(self.dispose_button)
        actions.addWidget(self.old_backups_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        layout.addWidget(close_buttons(self))
        self._old_backups: list = []
        self.run_review()

    def run_review(self) -> None:
        try:
            found = retention.review(self.session, picked_date(self.as_of))
        except StMarysError as exc:
            self.summary.setText(messages.plain_text(exc))
            return
        self._due = found.due
        self._old_backups = found.old_backups
        self.summary.setText(
            f"As of {long_date(found.as_of)}: {len(found.due)} due for "
            f"disposal, {len(found.held)} held back."
        )
        self.due.setRowCount(len(found.due))
        for r, record in enumerate(found.due):
            tick = QTableWidgetItem()
            tick.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            tick.setCheckState(Qt.CheckState.Checked)
            tick.setData(Qt.ItemDataRole.AccessibleTextRole, f"Dispose of {record.reference}")
            self.due.setItem(r, 0, tick)
            for c, value in enumerate(
                [record.reference, *_kind_and_day(record), record.summary], start=1
            ):
                self.due.setItem(r, c, QTableWidgetItem(value))
        self.held.setRowCount(len(found.held))
        for r, record in enumerate(found.held):
            for c, value in enumerate([record.reference, *_kind_and_day(record), record.held]):
                self.held.setItem(r, c, QTableWidgetItem(value))
        self.reminder.setText(
            found.reminder
            + (
                f" {len(found.old_backups)} backup files are older than three years and can be "
                "deleted."
                if found.old_backups
                else ""
            )
        )
        self.dispose_button.setEnabled(bool(found.due))
        self.old_backups_button.setEnabled(bool(found.old_backups))

    def ticked(self) -> list[DueRecord]:
        return [
            record
            for r, record in enumerate(self._due)
            if self.due.item(r, 0).checkState() == Qt.CheckState.Checked
        ]

    def dispose(self) -> None:
        chosen = self.ticked()
        if not chosen:
            messages.inform(self, "Retention review", "Tick what to dispose of first.")
            return
        form = CallbackForm(
            self,
            "Confirm disposal",
            "Dispose of them",
            f"{len(chosen)} records will be deleted for good. This cannot be "
            "undone. Type your own password to confirm.",
        )
        password: QLineEdit = line_edit("Your password", password=True)
        add_row(form.form, "Your &password:", password)
        typed: dict[str, str] = {}

        def remember() -> None:
            self.session.confirm_password(password.text())
            typed["password"] = password.text()

        form.run = remember
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        as_of = picked_date(self.as_of)
        families_chosen = [r.id for r in chosen if r.category == "family"]
        staff_chosen = [r.id for r in chosen if r.category == "staff"]
        stop = threading.Event()
        self.host.run_task(
            "Disposal",
            f"Disposing of {len(chosen)} records…",
            lambda progress: retention.dispose(
                self.session,
                as_of=as_of,
                family_ids=families_chosen,
                staff_ids=staff_chosen,
                manager_password=typed["password"],
                progress=progress,
                cancelled=stop.is_set,
            ),
            self.disposed,
            self.disposal_failed,
            on_cancel=stop.set,
        )

    def disposal_failed(self, exc: Exception) -> None:
        """Stopped or refused: say so, and show the review as it now stands."""
        messages.show_error(self, "Disposal", exc)
        self.run_review()

    def disposed(self, certificate: Certificate) -> None:
        self.run_review()
        if messages.ask(
            self,
            "Disposal done",
            f"{plural(len(certificate.items), 'record')} "
            f"{'was' if len(certificate.items) == 1 else 'were'} disposed of "
            "(disposal number "
            f"{certificate.batch}). Save the disposal certificate as a PDF?",
            "Save the certificate",
        ):
            path = self.save_path(self, "Disposal certificate", f"disposal-{certificate.batch}.pdf")
            if path:
                write_pdf(path, disposal_certificate_paper(certificate))

    def delete_old_backups(self) -> None:
        if not self._old_backups or not messages.ask(
            self,
            "Old backups",
            f"Delete {len(self._old_backups)} backup files older than three years?",
            "Delete them",
        ):
            return
        try:
            retention.delete_old_backups(self.session, self._old_backups, picked_date(self.as_of))
        except StMarysError as exc:
            messages.show_error(self, "Old backups", exc)
        self.run_review()


def _kind_and_day(record: DueRecord) -> tuple[str, str]:
    """ "Family", "3 Apr 2023": a table cell's words, as every other table shows a date."""
    return record.category.capitalize(), short_stamp(record.last_used_on)
