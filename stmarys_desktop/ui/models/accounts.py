"""The accounts table on the Admin screen."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from stmarys_desktop.domain.accounts import Account
from stmarys_desktop.ui.models.dates import short_date_time

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ACCOUNT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class AccountColumn(IntEnum):
    USER_NAME = 0
    FULL_NAME = 1
    ROLES = 2
    STATUS = 3
    PASSWORD_SET = 4

    @property
    def header(self) -> str:
        return _HEADERS[self]


_HEADERS = {
    AccountColumn.USER_NAME: "User name",
    AccountColumn.FULL_NAME: "Full name",
    AccountColumn.ROLES: "Roles",
    AccountColumn.STATUS: "Status",
    AccountColumn.PASSWORD_SET: "Password set",
}


def _status(account: Account) -> str:
    return "Disabled" if account.disabled else "Enabled"


class AccountsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Account] = []

    def set_rows(self, accounts: Sequence[Account]) -> None:
        self.beginResetModel()
        self._rows = list(accounts)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def account_at(self, row: int) -> Account | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, user_name: str) -> int:
        for row, account in enumerate(self._rows):
            if account.user_name == user_name:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AccountColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return AccountColumn(section).header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        account = self.account_at(index.row()) if index.isValid() else None
        if account is None:
            return None
        column = AccountColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(account, column)
        if role == SORT_ROLE:
            return self._sort_key(account, column)
        if role == ACCOUNT_ROLE:
            return account
        return None

    @staticmethod
    def _display(account: Account, column: AccountColumn) -> str:
        match column:
            case AccountColumn.USER_NAME:
                return account.user_name
            case AccountColumn.FULL_NAME:
                return account.display_name
            case AccountColumn.ROLES:
                return account.roles_label
            case AccountColumn.STATUS:
                return _status(account)
            case AccountColumn.PASSWORD_SET:
                return short_date_time(account.password_set_at)

    @staticmethod
    def _sort_key(account: Account, column: AccountColumn) -> str:
        # ISO timestamps sort as text; names sort without regard to case.
        if column == AccountColumn.PASSWORD_SET:
            return account.password_set_at
        return AccountsModel._display(account, column).casefold()
