"""Small building blocks that keep every screen accessible and free of fixed sizes.

Every control gets an accessible name (the tests find widgets by it), every
label with a mnemonic gets a buddy, and sizes come from fonts and layouts.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QWidget,
)

from stmarys_desktop.policy.sign_in import MIN_PASSWORD_LENGTH, password_strength
from stmarys_desktop.ui.tables import ListTableWidget, fit_columns

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, description: str = "") -> W:
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return widget


def plain(text: str) -> str:
    """A label's text without its mnemonic marker, for an accessible name."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":")


def button(text: str, name: str | None = None, description: str = "") -> QPushButton:
    return named(QPushButton(text), name or plain(text), description)


def row(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side from the left, the rest of the line left empty."""
    line = QHBoxLayout()
    for widget in widgets:
        line.addWidget(widget)
    line.addStretch(1)
    return line


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """The one Close button under a dialog that only shows things (Esc closes it too)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    named(buttons.button(QDialogButtonBox.StandardButton.Close), "Close")
    buttons.rejected.connect(dialog.reject)
    return buttons


def date_edit(name: str, day: date) -> QDateEdit:
    """A date field with a calendar, reading "2 Dec 2026" (the same on every form)."""
    edit = named(QDateEdit(QDate(day.year, day.month, day.day)), name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    return edit


def picked_date(edit: QDateEdit) -> date:
    return edit.date().toPython()


def line_edit(name: str, *, password: bool = False, placeholder: str = "") -> QLineEdit:
    edit = named(QLineEdit(), name)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def add_row(form: QFormLayout, label_text: str, field: QWidget) -> QLabel:
    """A form row whose label's mnemonic focuses the field."""
    label = QLabel(label_text)
    label.setBuddy(field)
    if not field.accessibleName():
        field.setAccessibleName(plain(label_text))
    form.addRow(label, field)
    return label


def heading(text: str, scale: float = 1.5) -> QLabel:
    """A title sized from the application font, so it follows the user's scaling."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def paragraph(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(name or text)
    return label


class MessageLabel(QLabel):
    """Where a form says what is wrong (or what happened), in plain words."""

    def __init__(self, name: str = "Message") -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(name)
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, error=True)

    def show_note(self, text: str) -> None:
        self._show(text, error=False)

    def _show(self, text: str, *, error: bool) -> None:
        self.setText(text)
        self.setAccessibleDescription(text)
        # Colour follows the palette; error text is also bold, so it does not rely on colour.
        self.setStyleSheet(
            "color: palette(highlight);" if not error else "color: #a40000; font-weight: bold;"
        )
        self.show()

    def clear_message(self) -> None:
        self.setText("")
        self.setAccessibleDescription("")
        self.hide()


class PasswordStrength(QWidget):
    """A meter under a new password: a bar and the word for it."""

    def __init__(self) -> None:
        super().__init__()
        self.bar = named(QProgressBar(), "Password strength")
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.word = QLabel()
        self.word.setAccessibleName("Password strength word")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.word)
        self.update_for("")

    def update_for(self, password: str) -> None:
        score, word = password_strength(password)
        self.bar.setValue(score)
        text = f"{word} (at least {MIN_PASSWORD_LENGTH} characters)" if score == 0 else word
        self.word.setText(text)
        self.bar.setAccessibleDescription(text)


def readonly_table(name: str, headers: list[str]) -> QTableWidget:
    """A table of plain text rows: read-only, whole rows selected, columns fitted."""
    table = named(ListTableWidget(0, len(headers)), name)
    table.setHorizontalHeaderLabels(headers)
    fit_columns(table)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    return table
