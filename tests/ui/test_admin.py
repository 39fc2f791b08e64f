"""The Admin screen: accounts, the idle time, backup, verify, restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMessageBox, QSpinBox

from stmarys_desktop.services import accounts
from stmarys_desktop.services.auth import sign_in as service_sign_in
from stmarys_desktop.services.settings import idle_minutes
from stmarys_desktop.ui.dialogs.accounts import (
    AddAccountDialog,
    ResetPasswordDialog,
    SetRolesDialog,
)
from stmarys_desktop.ui.dialogs.restore import RestoreDialog
from stmarys_desktop.ui.main_window import AppWindow
from stmarys_desktop.ui.screens.admin import AdminScreen
from tests.helpers import MANAGER, PASSWORD
from tests.ui.helpers import click, find, sign_in

NEW_PASSWORD = "a different password"


def user_names(admin: AdminScreen) -> list[str]:
    return [admin.proxy.index(row, 0).data() for row in range(admin.proxy.rowCount())]


def test_the_accounts_table_lists_everyone_sorted(admin: AdminScreen) -> None:
    assert user_names(admin) == ["coordinator", "frontdesk", "manager", "safeguarding"]
    admin.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert user_names(admin)[0] == "safeguarding"


def test_add_an_account(qtbot, admin: AdminScreen, staffed_centre: Path, answer) -> None:
    def fill(dialog: AddAccountDialog) -> None:
        find(dialog, QLineEdit, "User name").setText("volunteer1")
        find(dialog, QLineEdit, "Full name").setText("Plouth Vrenby")
        dialog.roles.boxes["front_desk"].setChecked(True)
        find(dialog, QLineEdit, "New password").setText(NEW_PASSWORD)
        find(dialog, QLineEdit, "Repeat the new password").setText(NEW_PASSWORD)

    answer(AddAccountDialog, fill)
    click(qtbot, admin, "Add account")
    assert "volunteer1" in user_names(admin)
    assert admin.selected().user_name == "volunteer1"
    service_sign_in(staffed_centre, "volunteer1", NEW_PASSWORD).close()


def test_a_refused_account_keeps_the_dialog_open_with_the_reason(
    qtbot, admin: AdminScreen, answer
) -> None:
    def fill(dialog: AddAccountDialog) -> None:
        find(dialog, QLineEdit, "User name").setText("volunteer1")
        find(dialog, QLineEdit, "Full name").setText("Plouth Vrenby")
        find(dialog, QLineEdit, "New password").setText(NEW_PASSWORD)
        find(dialog, QLineEdit, "Repeat the new password").setText(NEW_PASSWORD + "!")

    answers = answer(AddAccountDialog, fill)
    click(qtbot, admin, "Add account")
    assert (
        find(answers.dialogs[0], QLabel, "Message").text() == "The two passwords are not the same."
    )
    assert "volunteer1" not in user_names(admin)


def test_set_roles(qtbot, admin: AdminScreen, admin_window: AppWindow, answer) -> None:
    def fill(dialog: SetRolesDialog) -> None:
        dialog.roles.boxes["coordinator"].setChecked(True)

    answer(SetRolesDialog, fill)
    admin.select("frontdesk")
    click(qtbot, admin, "Set roles")
    account = accounts.list_accounts(admin_window.session)
    assert {a.user_name: a.roles_label for a in account}["frontdesk"] == "Front desk, Coordinator"


def test_taking_away_ones_own_manager_role_takes_away_the_admin_screen(
    qtbot, admin: AdminScreen, admin_window: AppWindow, answer
) -> None:
    accounts.create_account(
        admin_window.session,
        user_name="manager2",
        display_name="Zelia Trowe",
        roles=["manager"],
        password=PASSWORD,
    )
    admin.refresh()

    def fill(dialog: SetRolesDialog) -> None:
        dialog.roles.boxes["manager"].setChecked(False)
        dialog.roles.boxes["front_desk"].setChecked(True)

    answer(SetRolesDialog, fill)
    admin.select(MANAGER)
    click(qtbot, admin, "Set roles")
    assert "Admin" not in admin_window.screen_titles()
    assert not admin_window.locked


def test_reset_a_password_needs_the_managers_own_password(
    qtbot, admin: AdminScreen, staffed_centre: Path, answer, message_boxes
) -> None:
    own = {"password": "not mine"}

    def fill(dialog: ResetPasswordDialog) -> None:
        find(dialog, QLineEdit, "Your own password").setText(own["password"])
        find(dialog, QLineEdit, "New password").setText(NEW_PASSWORD)
        find(dialog, QLineEdit, "Repeat the new password").setText(NEW_PASSWORD)

    answers = answer(ResetPasswordDialog, fill)
    admin.select("frontdesk")
    click(qtbot, admin, "Reset password")
    assert (
        find(answers.dialogs[0], QLabel, "Message").text()
        == "Your own password is not right; nothing was changed."
    )
    own["password"] = PASSWORD
    click(qtbot, admin, "Reset password")
    assert message_boxes.titles() == ["Password reset"]
    service_sign_in(staffed_centre, "frontdesk", NEW_PASSWORD).close()


def test_disable_and_enable_an_account(qtbot, admin: AdminScreen, admin_window: AppWindow) -> None:
    admin.select("frontdesk")
    click(qtbot, admin, "Disable account")
    assert {a.user_name: a.disabled for a in accounts.list_accounts(admin_window.session)}[
        "frontdesk"
    ]
    assert admin.selected().disabled
    click(qtbot, admin, "Enable account")
    assert not admin.selected().disabled


def test_disabling_oneself_is_refused_in_plain_words(
    qtbot, admin: AdminScreen, message_boxes
) -> None:
    admin.select(MANAGER)
    click(qtbot, admin, "Disable account")
    assert message_boxes.texts() == ["You cannot disable your own account while signed in with it."]


def test_remove_an_account_then_rotate_the_key(
    qtbot, admin: AdminScreen, admin_window: AppWindow, staffed_centre: Path, message_boxes
) -> None:
    admin.select("coordinator")
    click(qtbot, admin, "Remove account")
    qtbot.waitUntil(lambda: "Key rotated" in message_boxes.titles(), timeout=10_000)
    assert message_boxes.titles() == [
        "Remove the account",
        "Rotate the database key",
        "Key rotated",
    ]
    assert "coordinator" not in user_names(admin)
    admin_window.lock_by_hand()
    sign_in(qtbot, admin_window, MANAGER, PASSWORD)  # the new key opens for those who remain
    assert not admin_window.locked


def test_removing_can_be_cancelled(qtbot, admin: AdminScreen, message_boxes) -> None:
    message_boxes.answer = QMessageBox.StandardButton.No
    admin.select("coordinator")
    click(qtbot, admin, "Remove account")
    assert "coordinator" in user_names(admin)


def test_the_idle_time_is_saved_and_used_at_once(
    qtbot, admin: AdminScreen, admin_window: AppWindow
) -> None:
    spin = find(admin, QSpinBox, "Minutes without use before the window locks")
    assert spin.value() == 5 and admin_window.idle.interval_ms == 5 * 60_000
    spin.setValue(12)
    click(qtbot, admin, "Save idle time")
    assert idle_minutes(admin_window.session) == 12
    assert admin_window.idle.interval_ms == 12 * 60_000
    admin_window.lock_by_hand()
    sign_in(qtbot, admin_window, MANAGER, PASSWORD)
    assert admin_window.idle.interval_ms == 12 * 60_000


def test_backup_now_then_verify(
    qtbot,
    admin: AdminScreen,
    admin_window: AppWindow,
    tmp_path: Path,
    message_boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    today = admin_window.workspace.screens["Today"]
    today.refresh()
    assert any("No backup has been made yet" in text for text in today.alert_texts())
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *args, **kwargs: str(folder))
    )
    click(qtbot, admin, "Backup now")
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=10_000)
    title, text = message_boxes.shown[-1]
    assert title == "Backup made" and str(folder) in text
    assert len(list(folder.glob("*.stmbackup"))) == 1
    assert find(admin, QLabel, "Last backup").text().startswith("Last backup: ")
    today.refresh()
    assert today.alert_texts() == ["No alerts today."]

    click(qtbot, admin, "Verify")
    qtbot.waitUntil(lambda: len(message_boxes.shown) == 2, timeout=10_000)
    assert message_boxes.shown[-1][1].startswith("All checks passed")


def test_restore_signs_out_then_restores(
    qtbot,
    admin: AdminScreen,
    admin_window: AppWindow,
    tmp_path: Path,
    answer,
    message_boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *args, **kwargs: str(tmp_path))
    )
    click(qtbot, admin, "Backup now")
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=10_000)
    backup_file = next(tmp_path.glob("*.stmbackup"))
    accounts.create_account(
        admin_window.session,
        user_name="after-backup",
        display_name="Snoul Fenn",
        roles=["front_desk"],
        password=PASSWORD,
    )

    def fill(dialog: RestoreDialog) -> None:
        dialog.file.setText(str(backup_file))
        dialog.password.setText(PASSWORD)

    answer(RestoreDialog, fill)
    click(qtbot, admin, "Restore from backup")
    assert admin_window.locked  # signed out before anything is replaced
    qtbot.waitUntil(lambda: "restored" in admin_window.login.message.text(), timeout=10_000)
    sign_in(qtbot, admin_window, MANAGER, PASSWORD)
    admin_window.workspace.go_to("Admin")
    assert "after-backup" not in user_names(admin_window.workspace.screens["Admin"])
