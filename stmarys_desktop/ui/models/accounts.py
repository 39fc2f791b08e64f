"""The accounts table on the Admin screen."""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar

from stmarys_desktop.domain.accounts import Account
from stmarys_desktop.domain.dates import short_stamp
from stmarys_desktop.ui.models.base import ROW_ROLE, SORT_ROLE, RowsModel

ACCOUNT_ROLE = ROW_ROLE
__all__ = ["ACCOUNT_ROLE", "SORT_ROLE", "AccountColumn", "AccountsModel"]


class AccountColumn(IntEnum):
    USER_NAME = 0
    FULL_NAME = 1
    ROLES = 2
    STATUS = 3
    PASSWORD_SET = 4


def _status(account: Account) -> str:
    return "Disabled" if account.disabled else "Enabled"


class AccountsModel(RowsModel):
    columns = AccountColumn
    headers: ClassVar[dict[int, str]] = {
        AccountColumn.USER_NAME: "User name",
        AccountColumn.FULL_NAME: "Full name",
        AccountColumn.ROLES: "Roles",
        AccountColumn.STATUS: "Status",
        AccountColumn.PASSWORD_SET: "Password set",
    }

    def account_at(self, row: int) -> Account | None:
        return self.row_at(row)

    def row_of(self, user_name: str) -> int:
        return next((row for row, a in enumerate(self._rows) if a.user_name == user_name), -1)

    def display(self, item: Account, column: AccountColumn) -> str:
        match column:
            case AccountColumn.USER_NAME:
                return item.user_name
            case AccountColumn.FULL_NAME:
                return item.display_name
            case AccountColumn.ROLES:
                return item.roles_label
            case AccountColumn.STATUS:
                return _status(item)
            case AccountColumn.PASSWORD_SET:
                return short_stamp(item.password_set_at)

    def sort_key(self, item: Account, column: AccountColumn) -> str:
        # ISO timestamps sort as text; names sort without regard to case.
        if column == AccountColumn.PASSWORD_SET:
            return item.password_set_at
        return self.display(item, column).casefold()
