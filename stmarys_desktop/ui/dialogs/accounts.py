"""Dialogs of the Admin screen's accounts: add, set roles, reset a password."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout, QWidget

from stmarys_desktop.domain.accounts import Account
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.services import accounts
from stmarys_desktop.services.auth import check_new_password
from stmarys_desktop.services.session import Session
from stmarys_desktop.ui.dialogs.form import FormDialog
from stmarys_desktop.ui.widgets import PasswordStrength, add_row, line_edit, named

ROLE_MNEMONICS = {
    Role.FRONT_DESK: "&Front desk",
    Role.COORDINATOR: "C&oordinator",
    Role.SAFEGUARDING_LEAD: "&Safeguarding lead",
    Role.MANAGER: "&Manager",
}


class RoleChoice(QGroupBox):
    """One check box per role."""

    def __init__(self, chosen: frozenset[Role] = frozenset()) -> None:
        super().__init__("Roles")
        self.setAccessibleName("Roles")
        layout = QVBoxLayout(self)
        self.boxes: dict[Role, QCheckBox] = {}
        for role in Role:
            box = named(QCheckBox(ROLE_MNEMONICS[role]), role.label)
            box.setChecked(role in chosen)
            layout.addWidget(box)
            self.boxes[role] = box

    def chosen(self) -> list[Role]:
        return [role for role, box in self.boxes.items() if box.isChecked()]


class NewPasswordFields:
    """A new password typed twice, with the strength meter, added to a form."""

    def __init__(self, dialog: FormDialog, label: str = "&New password:") -> None:
        self.password = line_edit("New password", password=True)
        self.repeat = line_edit("Repeat the new password", password=True)
        self.strength = PasswordStrength()
        add_row(dialog.form, label, self.password)
        add_row(dialog.form, "&Repeat it:", self.repeat)
        dialog.form.addRow("Strength:", self.strength)
        self.password.textChanged.connect(self.strength.update_for)

    def checked(self) -> str:
        return check_new_password(self.password.text(), self.repeat.text())


class AddAccountDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session) -> None:
        super().__init__(
            parent,
            "Add an account",
            "Add account",
            "Each person has their own account; never share one.",
        )
        self._session = session
        self.user_name = line_edit("User name")
        self.full_name = line_edit("Full name")
        add_row(self.form, "&User name:", self.user_name)
        add_row(self.form, "Full &name:", self.full_name)
        self.roles = RoleChoice()
        self.form.addRow(self.roles)
        self.passwords = NewPasswordFields(self, "&Password:")
        self.created: Account | None = None

    def submit(self) -> None:
        password = self.passwords.checked()
        self.created = accounts.create_account(
            self._session,
            user_name=self.user_name.text(),
            display_name=self.full_name.text(),
            roles=self.roles.chosen(),
            password=password,
        )


class SetRolesDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session, account: Account) -> None:
        super().__init__(
            parent,
            f"Roles of {account.user_name}",
            "Save roles",
            f"Choose the roles of {account.display_name} ({account.user_name}).",
        )
        self._session = session
        self._account = account
        self.roles = RoleChoice(account.roles)
        self.form.addRow(self.roles)

    def submit(self) -> None:
        accounts.set_roles(self._session, self._account.user_name, self.roles.chosen())


class ResetPasswordDialog(FormDialog):
    def __init__(self, parent: QWidget | None, session: Session, account: Account) -> None:
        super().__init__(
            parent,
            f"Reset the password of {account.user_name}",
            "Reset password",
            f"Set a new password for {account.display_name} ({account.user_name}). "
            "Tell them in person, and ask them to change it. Your own password "
            "confirms that it is you.",
        )
        self._session = session
        self._account = account
        self.own_password = line_edit("Your own password", password=True)
        add_row(self.form, "Your &own password:", self.own_password)
        self.passwords = NewPasswordFields(self)

    def submit(self) -> None:
        accounts.reset_password(
            self._session,
            manager_password=self.own_password.text(),
            user_name=self._account.user_name,
            new_password=self.passwords.password.text(),
            confirm=self.passwords.repeat.text(),
        )
