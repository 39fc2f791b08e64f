"""Small building blocks that keep every screen accessible and free of fixed sizes.

Every control gets an accessible name (the tests find widgets by it), every
label with a mnemonic gets a buddy, and sizes come from fonts and layouts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from stmarys_desktop.policy.sign_in import MIN_PASSWORD_LENGTH, password_strength

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QTableWidget

# The sign-in page is built from these helpers; the classes only other screens use (date
# fields, button boxes, tables) are imported where they are made, so that setting them up
# for Python does not delay the sign-in page (D330).

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
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    named(buttons.button(QDialogButtonBox.StandardButton.Close), "Close")
    buttons.rejected.connect(dialog.reject)
    return buttons


def date_edit(name: str, day: date) -> QDateEdit:
    """A date field with a calendar, reading "2 Dec 2026" (the same on every form)."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit

    edit = named(QDateEdit(QDate(day.year, day.month, day.day)), name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    return edit


def picked_date(edit: QDateEdit) -> date:
    return edit.date().toPython()


class ExampleField(QLineEdit):
    """A line edit that asks for the room its example text needs, so that an empty field
    shows "Name and telephone of someone to call" whole, not "Name and telephone of
    some…" (QLineEdit's own hint is 17 "x" wide whatever it shows)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        from PySide6.QtWidgets import QStyle, QStyleOptionFrame  # QStyle: 5 ms to set up

        # What the field keeps beside its text: the frame, the text margins, 2 px each
        # side and the font's left bearing (where qlineedit.cpp paints the example).
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        contents = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        metrics = self.fontMetrics()
        room = (
            contents.marginsRemoved(self.textMargins()).width()
            - 4
            - max(0, -metrics.minLeftBearing())
        )
        need = metrics.horizontalAdvance(self.placeholderText()) + self.width() - room + 1
        return QSize(max(hint.width(), need), hint.height())


def line_edit(name: str, *, password: bool = False, placeholder: str = "") -> QLineEdit:
    edit = named(ExampleField() if placeholder else QLineEdit(), name)
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


# Qt.TextFormat.PlainText and Qt.TextInteractionFlag.TextSelectableByMouse: set through
# the labels' properties, by value, because the first use of the `Qt` namespace in Python
# makes PySide6 build all 146 of its enums (15 ms), and the sign-in window needs none of
# them (D370). tests/ui/test_startup.py holds that these are the values Qt names.
PLAIN_TEXT = 0
SELECTABLE_BY_MOUSE = 1


def plain_label(label: QLabel, *, selectable: bool = False) -> QLabel:
    """Text shown as typed, never read as HTML (a name like "<b>Sam" shows its brackets)."""
    label.setProperty("textFormat", PLAIN_TEXT)
    if selectable:
        label.setProperty("textInteractionFlags", SELECTABLE_BY_MOUSE)
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
    plain_label(label)
    return label


def paragraph(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    plain_label(label)
    label.setAccessibleName(name or text)
    return label


class MessageLabel(QLabel):
    """Where a form says what is wrong (or what happened), in plain words."""

    def __init__(self, name: str = "Message") -> None:
        super().__init__()
        self.setWordWrap(True)
        plain_label(self, selectable=True)
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
        from PySide6.QtWidgets import QProgressBar

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


def readonly_table(
    name: str, headers: list[str], *, wrap: bool = False, share: tuple[int, ...] = ()
) -> QTableWidget:
    """A table of plain text rows: read-only, whole rows selected, columns fitted; with
    `wrap`, the last column's text (a reason) wraps and each row is as tall as it needs;
    the `share` columns (long text) wrap and share the width the others leave
    (tables.share_width)."""
    from PySide6.QtWidgets import QAbstractItemView

    from stmarys_desktop.ui.tables import ListTableWidget, fit_columns, share_width, wrap_rows

    table = named(ListTableWidget(0, len(headers)), name)
    table.setHorizontalHeaderLabels(headers)
    fit_columns(table)
    if share:
        share_width(table, share)
    elif wrap:
        wrap_rows(table)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    return table
