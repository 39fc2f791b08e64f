"""The accounts table model (no window needed) and the window's settings file."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from stmarys_desktop.domain.accounts import Account
from stmarys_desktop.domain.roles import Role
from stmarys_desktop.ui.models.accounts import (
    ACCOUNT_ROLE,
    SORT_ROLE,
    AccountColumn,
    AccountsModel,
)
from stmarys_desktop.ui.settings_file import WindowSettings


def account(
    id_: int,
    user: str,
    name: str,
    roles: set[Role],
    disabled: bool = False,
    changed: str = "2026-03-04T10:15:00+00:00",
) -> Account:
    return Account(
        id_, user, name, frozenset(roles), disabled, "2026-01-05T09:00:00+00:00", changed, 1
    )


ROWS = [
    account(1, "zelia", "Zelia Trowe", {Role.MANAGER}),
    account(
        2,
        "Brelna",
        "Brelna Quoufenn",
        {Role.FRONT_DESK, Role.COORDINATOR},
        True,
        "2025-12-01T08:00:00+00:00",
    ),
]


def test_the_model_shows_each_column(qapp) -> None:
    model = AccountsModel()
    model.set_rows(ROWS)
    assert model.rowCount() == 2 and model.columnCount() == len(AccountColumn)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in AccountColumn]
    assert headers == ["User name", "Full name", "Roles", "Status", "Password set"]
    row = [model.index(1, c).data() for c in AccountColumn]
    assert row == [
        "Brelna",
        "Brelna Quoufenn",
        "Front desk, Coordinator",
        "Disabled",
        "1 Dec 2025, 08:00",
    ]
    assert model.index(0, 0).data(ACCOUNT_ROLE) is ROWS[0]


def test_the_sort_role_sorts_names_without_case_and_dates_by_time(qapp) -> None:
    model = AccountsModel()
    model.set_rows(ROWS)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(AccountColumn.USER_NAME)
    assert [proxy.index(r, 0).data() for r in range(2)] == ["Brelna", "zelia"]
    proxy.sort(AccountColumn.PASSWORD_SET, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(2)] == ["zelia", "Brelna"]


def test_clear_empties_the_model(qapp) -> None:
    model = AccountsModel()
    model.set_rows(ROWS)
    model.clear()
    assert model.rowCount() == 0 and model.account_at(0) is None


def test_the_settings_file_keeps_geometry_as_hex_and_the_user_name() -> None:
    WindowSettings(b"\x01\xd9\xd0\xcb\x00\xff", "manager").save()
    data = json.loads(WindowSettings.path().read_text(encoding="utf-8"))
    assert data == {"geometry": "01d9d0cb00ff", "last_user_name": "manager"}
    assert WindowSettings.load() == WindowSettings(b"\x01\xd9\xd0\xcb\x00\xff", "manager")


@pytest.mark.parametrize("content", ["", "not json", "[]", '{"geometry": "zz"}'])
def test_an_unreadable_settings_file_is_ignored(content: str) -> None:
    WindowSettings.path().parent.mkdir(parents=True, exist_ok=True)
    WindowSettings.path().write_text(content, encoding="utf-8")
    assert WindowSettings.load() == WindowSettings()


def test_a_demo_leaves_no_settings_file() -> None:
    WindowSettings(b"\x01", "manager", keep=False).save()
    assert not WindowSettings.path().exists()
