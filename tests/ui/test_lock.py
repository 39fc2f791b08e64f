"""Locking: by idle time, Ctrl+L and F12; what a lock forgets; signing in again."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from stmarys_desktop.ui.dialogs.accounts import AddAccountDialog
from stmarys_desktop.ui.main_window import AppWindow
from tests.helpers import MANAGER, PASSWORD
from tests.ui.helpers import REAL_DIALOG_EXEC, activate, all_text, find, sign_in

CENTRE = "St Mary's Test Centre"
MANAGER_NAME = "Morwenna Testwick"


@pytest.fixture
def signed_in(qtbot, make_window, staffed_centre: Path) -> AppWindow:
    window = make_window(staffed_centre)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    assert not window.locked
    return window


def assert_shows_nothing(window: AppWindow) -> None:
    assert window.locked and window.workspace is None
    shown = all_text(window)
    assert CENTRE not in shown and MANAGER_NAME not in shown
    assert find(window.login, QLabel, "Locked").isVisible()


def test_idle_time_locks_the_window(qtbot, make_window, staffed_centre: Path) -> None:
    window = make_window(staffed_centre, idle_ms=150)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    session = window.session
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    assert_shows_nothing(window)
    assert session.centre.db_key == b""  # the key is forgotten
    with pytest.raises(Exception, match="closed"):
        session.centre.conn.execute("SELECT 1")
    assert not window.idle.running  # nothing left to lock


def test_activity_keeps_the_window_open(qtbot, make_window, staffed_centre: Path) -> None:
    window = make_window(staffed_centre, idle_ms=600)
    sign_in(qtbot, window, MANAGER, PASSWORD)
    for _ in range(12):  # 1.2 s of typing, twice the idle time
        qtbot.keyClick(window.workspace.nav, Qt.Key.Key_Down)
        qtbot.wait(100)
        assert not window.locked
    qtbot.waitUntil(lambda: window.locked, timeout=3000)


@pytest.mark.parametrize(
    ("key", "modifier", "why"),
    [
        (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier, "The window was locked."),
        (Qt.Key.Key_F12, Qt.KeyboardModifier.NoModifier, "The screen was blanked."),
    ],
)
def test_ctrl_l_and_f12_lock_at_once(qtbot, signed_in: AppWindow, key, modifier, why: str) -> None:
    activate(qtbot, signed_in)
    qtbot.keyClick(signed_in.workspace.nav, key, modifier)
    assert_shows_nothing(signed_in)
    assert why in find(signed_in.login, QLabel, "Explanation").text()


def test_a_lock_empties_the_models_and_the_clipboard_it_filled(qtbot, signed_in: AppWindow) -> None:
    signed_in.workspace.go_to("Admin")
    model = signed_in.workspace.screens["Admin"].model
    today = signed_in.workspace.screens["Today"]
    assert model.rowCount() == 4 and today.alerts.count() > 0
    signed_in.clipboard.copy("FAM-0001")
    signed_in.lock_by_hand()
    assert model.rowCount() == 0 and today.alerts.count() == 0
    assert QGuiApplication.clipboard().text() == ""


def test_a_lock_leaves_what_another_program_copied(signed_in: AppWindow) -> None:
    signed_in.clipboard.copy("FAM-0001")
    QGuiApplication.clipboard().setText("copied from a letter")
    signed_in.lock_by_hand()
    assert QGuiApplication.clipboard().text() == "copied from a letter"


def test_a_lock_closes_an_open_dialog(
    qtbot, signed_in: AppWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real exec, with its own event loop, as when someone walks away mid-dialog.
    monkeypatch.setattr(QDialog, "exec", REAL_DIALOG_EXEC)
    signed_in.workspace.go_to("Admin")
    admin = signed_in.workspace.screens["Admin"]
    QTimer.singleShot(50, signed_in.lock_by_hand)
    admin.add_account()  # returns only when the dialog is gone
    assert signed_in.locked
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, AddAccountDialog) and w.isVisible()
    ]


def assert_hidden_while_working(window: AppWindow) -> None:
    assert window.locked and not window.workspace.isVisible()
    shown = all_text(window)
    assert CENTRE not in shown and MANAGER_NAME not in shown
    assert find(window.login, QLabel, "Locked").isVisible()


@pytest.mark.parametrize("how", ["lock", "F12"])
def test_long_work_is_hidden_at_once_and_closed_when_it_ends(
    qtbot, signed_in: AppWindow, how: str
) -> None:
    """Issue 16, item 10: the lock no longer waits to hide; only the connection waits."""
    release = threading.Event()
    session = signed_in.session
    signed_in.workspace.go_to("Admin")
    model = signed_in.workspace.screens["Admin"].model
    signed_in.clipboard.copy("FAM-0001")
    finished = []
    signed_in.run_task("Working", "Working…", lambda _progress: release.wait(5), finished.append)
    if how == "F12":
        activate(qtbot, signed_in)
        qtbot.keyClick(signed_in.login, Qt.Key.Key_F12)
    else:
        signed_in.lock_by_hand()
    assert_hidden_while_working(signed_in)
    assert model.rowCount() == 0 and QGuiApplication.clipboard().text() == ""
    assert session.centre.conn.execute("SELECT 1").fetchone() == (1,)  # still open
    release.set()
    qtbot.waitUntil(lambda: signed_in.workspace is None, timeout=5000)
    with pytest.raises(Exception, match="closed"):
        session.centre.conn.execute("SELECT 1")
    assert session.centre.db_key == b""
    assert finished == []  # the person has gone: nothing is shown for them afterwards
    assert_shows_nothing(signed_in)


def test_f12_hides_a_running_backup_which_still_finishes(
    qtbot, signed_in: AppWindow, tmp_path: Path
) -> None:
    from stmarys_desktop.services import maintenance

    release = threading.Event()
    session = signed_in.session

    def slow_backup(_progress):
        release.wait(5)
        return maintenance.backup(session, tmp_path)

    signed_in.run_task(
        "Backing up", "Writing the encrypted backup…", slow_backup, lambda _result: None
    )
    activate(qtbot, signed_in)
    qtbot.keyClick(signed_in.workspace.nav, Qt.Key.Key_F12)
    assert_hidden_while_working(signed_in)
    release.set()
    qtbot.waitUntil(lambda: signed_in.workspace is None, timeout=10_000)
    assert len(list(tmp_path.glob("*.stmbackup"))) == 1
    assert_shows_nothing(signed_in)


def test_another_person_may_unlock(qtbot, signed_in: AppWindow) -> None:
    assert "Admin" in signed_in.screen_titles()
    signed_in.lock_by_hand()
    assert signed_in.login.user_name.text() == MANAGER
    sign_in(qtbot, signed_in, "frontdesk", PASSWORD)
    assert not signed_in.locked
    assert signed_in.session.user_name == "frontdesk"
    assert (
        find(signed_in, QLabel, "Signed in as").text()
        == "Signed in as Brelna Quoufenn (Front desk)"
    )
    assert signed_in.screen_titles() == ["Today", "Families", "Calendar", "Incidents", "Policy"]


def test_unlocking_needs_the_password(qtbot, signed_in: AppWindow, clock) -> None:
    signed_in.lock_by_hand()
    sign_in(qtbot, signed_in, MANAGER, "")
    assert signed_in.locked
    sign_in(qtbot, signed_in, MANAGER, "not the password")
    assert signed_in.locked
    clock.advance(60)
    sign_in(qtbot, signed_in, MANAGER, PASSWORD)
    assert not signed_in.locked


def test_signing_out_shows_the_sign_in_page(qtbot, signed_in: AppWindow) -> None:
    qtbot.mouseClick(signed_in.workspace.sign_out_button, Qt.MouseButton.LeftButton)
    assert signed_in.locked and signed_in.workspace is None
    assert find(signed_in.login, QLabel, "Sign in").isVisible()
    assert MANAGER_NAME not in all_text(signed_in)
