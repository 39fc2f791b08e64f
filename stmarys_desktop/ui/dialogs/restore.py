"""Asking which backup to restore, and as whom (the account as it was in the backup)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QWidget

from stmarys_desktop.domain.errors import InvalidInput
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.widgets import add_row, button, line_edit

BACKUP_FILTER = "Centre backups (*.stmbackup);;All files (*)"


@dataclass(frozen=True)
class RestoreRequest:
    backup_file: Path
    user_name: str
    password: str


class RestoreDialog(FormDialog):
    def __init__(self, parent: QWidget | None, user_name: str = "") -> None:
        super().__init__(
            parent,
            "Restore from a backup",
            "Restore",
            "Restoring replaces everything in this centre with the backup. The backup is "
            "checked in full first; if it fails any check, nothing is changed. Sign in as a "
            "manager with the password the account had when the backup was made.",
        )
        self.file = line_edit("Backup file")
        browse = button("&Browse…", "Browse for the backup file")
        browse.clicked.connect(self._browse)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.file, 1)
        row_layout.addWidget(browse)
        label = QLabel("Backup &file:")
        label.setBuddy(self.file)
        self.form.addRow(label, row)
        self.user_name = line_edit("User name")
        self.user_name.setText(user_name)
        self.password = line_edit("Password", password=True)
        add_row(self.form, "&User name:", self.user_name)
        add_row(self.form, "&Password:", self.password)
        self.request: RestoreRequest | None = None

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Choose the backup to restore", str(Path.home()), BACKUP_FILTER
        )
        if chosen:
            self.file.setText(chosen)

    def submit(self) -> None:
        path = Path(self.file.text().strip()).expanduser()
        if not self.file.text().strip() or not path.is_file():
            raise InvalidInput("Choose the backup file to restore.")
        if not self.user_name.text().strip() or not self.password.text():
            raise InvalidInput("Type the user name and password of a manager in the backup.")
        self.request = RestoreRequest(path, self.user_name.text().strip(), self.password.text())
