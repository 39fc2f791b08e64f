"""The signed-in window: role-based navigation, keyboard, accessible names, size."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QWidget,
)

from stmarys_desktop.ui.dialogs.accounts import (
    AddAccountDialog,
    ResetPasswordDialog,
    SetRolesDialog,
)
from stmarys_desktop.ui.dialogs.recover import RecoverDialog
from stmarys_desktop.ui.dialogs.restore import RestoreDialog
from stmarys_desktop.ui.main_window import AppWindow
from stmarys_desktop.ui.settings_file import WindowSettings
from stmarys_desktop.ui.wizard import SetupWizard
from tests.helpers import MANAGER, PASSWORD
from tests.ui.helpers import activate, find, sign_in

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractItemView,
    QProgressBar,
)


@pytest.mark.parametrize(
    ("user", "screens"),
    [
        (MANAGER, ["Today", "Families", "Calendar", "Staff", "Incidents", "Policy", "Admin"]),
        ("frontdesk", ["Today", "Families", "Calendar", "Incidents", "Policy"]),
        ("coordinator", ["Today", "Families", "Calendar", "Incidents", "Policy"]),
        ("safeguarding", ["Today", "Families", "Calendar", "Incidents", "Policy"]),
    ],
)
def test_each_role_is_offered_only_its_screens(
    qtbot, make_window, staffed_centre: Path, user: str, screens: list[str]
) -> None:
    window = make_window(staffed_centre)
    sign_in(qtbot, window, user, PASSWORD)
    nav = find(window, QListWidget, "Navigation")
    assert [nav.item(row).text() for row in range(nav.count())] == screens
    assert [a.text().split(" ", 1)[1] for a in window.go_menu.actions()] == screens


def test_the_front_desk_sees_no_backup_alert(qtbot, make_window, staffed_centre: Path) -> None:
    window = make_window(staffed_centre)
    sign_in(qtbot, window, "frontdesk", PASSWORD)
    assert window.workspace.screens["Today"].alert_texts() == ["No alerts today."]


def test_the_manager_sees_the_backup_alert(qtbot, make_window, staffed_centre: Path) -> None:
    window = make_window(staffed_centre)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    assert window.workspace.screens["Today"].alert_texts() == [
        "Warning: No backup has been made yet. Make one now: Admin > Backup now."
    ]


def test_signing_in_makes_the_start_screen_alone(qtbot, make_window, staffed_centre: Path) -> None:
    """D401: the other screens are made when first opened, so unlocking on a busy day
    fills the start screen without building six screens a person may not open."""
    window = make_window(staffed_centre)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    screens = window.workspace.screens
    assert [screen.title for screen in screens.made()] == ["Today"]
    assert list(screens) == window.screen_titles()  # all of them offered, all the same
    assert "Admin" in screens and "Nowhere" not in screens
    assert [screen.title for screen in screens.made()] == ["Today"]  # asking made none
    window.workspace.go_to("Staff")
    assert window.workspace.current is screens["Staff"]
    assert [screen.title for screen in screens.made()] == ["Today", "Staff"]
    window.workspace.go_to("Today")
    assert [screen.title for screen in screens.made()] == ["Today", "Staff"]  # made once


def test_screens_are_reached_by_keyboard(qtbot, make_window, staffed_centre: Path) -> None:
    window = make_window(staffed_centre)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    activate(qtbot, window)
    qtbot.keyClick(window.workspace.nav, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.current.title == "Admin"
    qtbot.keyClick(window.workspace.nav, Qt.Key.Key_Up)
    assert window.workspace.current.title == "Policy"
    assert "clause ix" in find(window.workspace.current, QLabel, "About the Policy screen").text()


def unnamed_controls(top: QWidget) -> list[str]:
    """Controls a screen reader could not name (internals of composite controls aside)."""
    missing = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.objectName().startswith("qt_"):
            continue
        parent = widget.parentWidget()
        inside_composite = False
        while parent is not None and parent is not top:
            if isinstance(parent, QAbstractItemView | QAbstractSpinBox | QComboBox):
                inside_composite = True
            parent = parent.parentWidget()
        if not inside_composite and not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {getattr(widget, 'text', str)()!r}")
    return missing


def test_every_control_has_an_accessible_name(
    qtbot, make_window, staffed_centre: Path, tmp_path: Path
) -> None:
    window = make_window(staffed_centre)
    assert unnamed_controls(window) == []
    sign_in(qtbot, window, MANAGER, PASSWORD)
    for title in window.screen_titles():
        window.workspace.go_to(title)
    assert unnamed_controls(window) == []
    account = window.workspace.screens["Admin"].model.account_at(0)
    dialogs = [
        AddAccountDialog(window, window.session),
        SetRolesDialog(window, window.session, account),
        ResetPasswordDialog(window, window.session, account),
        RestoreDialog(window),
        RecoverDialog(window, staffed_centre),
        SetupWizard(tmp_path / "elsewhere"),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert unnamed_controls(dialog) == [], dialog.windowTitle()


def test_it_fits_a_1024_by_768_screen(qtbot, make_window, staffed_centre: Path) -> None:
    window = make_window(staffed_centre)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    for title in window.screen_titles():
        window.workspace.go_to(title)
        needed = window.minimumSizeHint()
        assert needed.width() <= 1024 and needed.height() <= 768, title


def test_the_window_comes_back_where_it_was(qtbot, make_window, closed_centre: Path) -> None:
    window = make_window(closed_centre)
    window.resize(700, 560)
    window.close()
    saved = WindowSettings.load()
    assert saved.geometry and saved.last_user_name == ""
    again = make_window(closed_centre)
    assert (again.width(), again.height()) == (700, 560)


def test_the_menus_are_disabled_while_locked(qtbot, make_window, closed_centre: Path) -> None:
    window: AppWindow = make_window(closed_centre)
    assert not window.lock_action.isEnabled() and not window.go_menu.isEnabled()
    sign_in(qtbot, window, MANAGER, PASSWORD)
    assert window.lock_action.isEnabled() and window.go_menu.isEnabled()


def test_long_work_that_fails_is_told_in_plain_words(
    qtbot, make_window, closed_centre: Path, message_boxes
) -> None:
    window = make_window(closed_centre)
    sign_in(qtbot, window, MANAGER, PASSWORD)

    def fails(_progress) -> None:
        raise OSError("/home/someone/secret.txt: input/output error")

    window.run_task("Backing up", "Working…", fails, lambda _result: None)
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=5000)
    ((title, text),) = message_boxes.shown
    assert title == "Backing up" and "recorded in the support log as" in text
    assert "secret" not in text and "/home" not in text
    window.lock_by_hand()
    assert window.locked  # the failed work left nothing holding the lock back


def test_closing_the_window_closes_the_centre(qtbot, make_window, closed_centre: Path) -> None:
    window = make_window(closed_centre)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    session = window.session
    window.close()
    assert window.locked and session.centre.db_key == b""


def test_the_window_has_the_programs_own_icon(qtbot, make_window, staffed_centre: Path) -> None:
    """Issue 18, item 7: the window and the task bar show the program's icon, in the sizes
    a window manager asks for; the build's .ico is there for the Windows executable."""
    from stmarys_desktop.paths import resource

    window = make_window(staffed_centre)
    icon = window.windowIcon()
    assert not icon.isNull()
    assert {16, 32, 48, 256} <= {size.width() for size in icon.availableSizes()}
    assert resource("icons", "stmarys.ico").stat().st_size > 0
    assert "stmarys.ico" in (Path(__file__).parents[2] / "build.spec").read_text()
