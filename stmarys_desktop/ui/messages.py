"""Plain messages in front of a person: never a traceback, never a stack of jargon.

Every box goes through QMessageBox.exec, so tests patch that one method.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stmarys_desktop.domain.errors import StMarysError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

# QMessageBox is imported when a box is first shown, not with this module: making its
# type and its enums costs 50 ms, before the sign-in window, which shows none (D210).

SOMETHING_WENT_WRONG = (
    "Something went wrong; nothing further was changed. If it happens again, "
    "ask a manager to run Admin > Verify."
)


def plain_text(exc: BaseException) -> str:
    """The sentence to show for a failure: ours as written, anything else generic."""
    if isinstance(exc, StMarysError):
        return exc.message
    return SOMETHING_WENT_WRONG


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton,
) -> QMessageBox:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(icon, title, text, buttons, parent)
    box.setAccessibleName(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def inform(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    _box(parent, QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok).exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    _box(parent, QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok).exec()


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """Ours in its own words; anything else is recorded in the support log first (D203)."""
    if isinstance(exc, StMarysError):
        warn(parent, title, exc.message)
        return
    from stmarys_desktop.ui import support

    support.report(exc, parent, title)


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
    """A yes/no question with buttons that say what they do; No is the default."""
    from PySide6.QtWidgets import QMessageBox

    box = _box(
        parent,
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.button(QMessageBox.StandardButton.No).setText(no)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
