"""Finding and clicking widgets by accessible name, and answering dialogs without showing
them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QWidget

from stmarys_desktop.store import audit
from stmarys_desktop.ui.main_window import AppWindow
from stmarys_desktop.ui.screens.today import TodayScreen

W = TypeVar("W", bound=QWidget)
# Kept before any test patches it, for the test that needs a real modal loop.
REAL_DIALOG_EXEC = QDialog.exec


def find(widget: QWidget, kind: type[W], accessible_name: str) -> W:
    """The one widget of this kind and accessible name under `widget` (visible ones first)."""
    matches = [
        child for child in widget.findChildren(kind) if child.accessibleName() == accessible_name
    ]
    if not matches:
        names = sorted({child.accessibleName() for child in widget.findChildren(kind)})
        raise LookupError(f"no {kind.__name__} named {accessible_name!r}; there are {names}")
    visible = [child for child in matches if child.isVisibleTo(widget)]
    return (visible or matches)[0]


def click(qtbot, widget: QWidget, name: str) -> None:
    """Press the enabled push button of that accessible name under `widget`, with the mouse.

    A test that means to click a disabled button does so with qtbot.mouseClick itself.
    """
    found = find(widget, QPushButton, name)
    assert found.isEnabled(), f"{name!r} is disabled: {found.toolTip()}"
    qtbot.mouseClick(found, Qt.MouseButton.LeftButton)


def all_text(widget: QWidget) -> str:
    """Every string a visible widget under `widget` shows, for 'shows nothing of' checks."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QLineEdit

    parts: list[str] = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if not child.isVisibleTo(widget):
            continue
        shows_text = isinstance(child, QLabel | QAbstractButton) or (
            isinstance(child, QLineEdit) and child.echoMode() == QLineEdit.EchoMode.Normal
        )
        if shows_text:
            parts.append(child.text())
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    parts.append(str(model.index(row, column).data()))
    return "\n".join(parts)


@dataclass
class MessageBoxes:
    """Stands in for QMessageBox.exec: records each box and gives a chosen answer."""

    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes
    shown: list[tuple[str, str]] = field(default_factory=list)

    def exec(self, box: QMessageBox) -> int:
        self.shown.append((box.windowTitle(), box.text()))
        buttons = box.standardButtons()
        if buttons & self.answer:
            return self.answer
        return QMessageBox.StandardButton.Ok

    def texts(self) -> list[str]:
        return [text for _, text in self.shown]

    def titles(self) -> list[str]:
        return [title for title, _ in self.shown]


@dataclass
class DialogAnswers:
    """Stands in for a dialog class's exec: fills the fields, presses OK, keeps the dialog."""

    fill: Callable[[QDialog], None]
    dialogs: list[QDialog] = field(default_factory=list)

    def exec(self, dialog: QDialog) -> int:
        self.dialogs.append(dialog)
        self.fill(dialog)
        dialog.accept()
        return dialog.result()


def sign_in(qtbot, window, user: str, password: str) -> None:
    """Type into the sign-in page and press its button, as a person would."""
    window.login.user_name.setText(user)
    window.login.password.setText(password)
    if not window.login.sign_in_button.isEnabled():  # waiting after failures: no check
        qtbot.mouseClick(window.login.sign_in_button, Qt.MouseButton.LeftButton)
        return
    # The password is checked on a worker thread; a person waits for the answer too.
    with qtbot.waitSignal(window.login.checked, timeout=10_000):
        qtbot.mouseClick(window.login.sign_in_button, Qt.MouseButton.LeftButton)


def activate(qtbot, window) -> None:
    """Make the window the active one, as it is for a person using it (shortcuts need it)."""
    with qtbot.waitActive(window):
        window.activateWindow()


def newest_audit(window: AppWindow):
    """The audit log's newest entry."""
    return next(audit.entries(window.session.centre.conn, newest_first=True, limit=1))


def today_screen(window: AppWindow) -> TodayScreen:
    """Go to the Today screen, refreshed."""
    window.workspace.go_to("Today")
    screen = window.workspace.screens["Today"]
    assert isinstance(screen, TodayScreen)
    screen.refresh()
    return screen
