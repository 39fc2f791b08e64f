"""Setting a new password with the recovery key from the centre's safe."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from stmarys_desktop.services.auth import recover_account
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.dialogs.accounts import NewPasswordFields
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.widgets import add_row, line_edit


class RecoverDialog(FormDialog):
    def __init__(self, parent: QWidget | None, data_dir: Path, user_name: str = "") -> None:
        super().__init__(
            parent,
            "Recover an account",
            "Set the new password",
            "Type the recovery key from the recovery sheet kept in the centre's safe, the "
            "user name of the account, and a new password for it. Dashes and letter case "
            "in the key do not matter.",
        )
        self._data_dir = data_dir
        self.key = line_edit("Recovery key", placeholder="XXXX-XXXX-XXXX-XXXX-…")
        self.user_name = line_edit("User name")
        self.user_name.setText(user_name)
        add_row(self.form, "Recovery &key:", self.key)
        add_row(self.form, "&User name:", self.user_name)
        self.passwords = NewPasswordFields(self)
        self.session: Session | None = None

    def submit(self) -> None:
        password = self.passwords.checked()
        self.session = recover_account(
            self._data_dir, self.key.text(), self.user_name.text(), password
        )
