"""A box for several lines of free text, as tall as what it holds at the width it gets.

A QPlainTextEdit hints the same height whatever it holds, and the incident form gave
"Who was involved" two lines, so two names and their ages opened behind scroll arrows
while the dialog had room below (issue 18). `TextBox` has a height for its width: its
text (or, empty, its example) wrapped as the box wraps it, at least `lines` lines and
at least three, at most `most`; past that it scrolls, as a document. The window's first
size (ui/sizing.py) asks the layout for that height, so the box opens showing what it
holds when the screen has the room.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

from stmarys_desktop.ui.widgets import named

LEAST_LINES = 3


class TextBox(QPlainTextEdit):
    """Several lines of free text; Tab moves on to the next field."""

    def __init__(
        self,
        name: str,
        lines: int = LEAST_LINES,
        placeholder: str = "",
        text: str = "",
        most: int = 10,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.lines = max(lines, LEAST_LINES)
        self.most = max(most, self.lines)
        self._lines_held = 0
        named(self, name)
        self.setTabChangesFocus(True)
        if placeholder:
            self.setPlaceholderText(placeholder)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.document().contentsChanged.connect(self._held_changed)

    def text(self) -> str:
        return self.toPlainText()

    def _margins(self) -> tuple[int, int]:
        """Pixels round the text: (each side, top and bottom together). The document's
        margin is above the first line and below the last, and the last block's rectangle
        has one more (qplaintextedit.cpp), without which the scroll arrows show."""
        margin = int(self.document().documentMargin())
        return margin + self.frameWidth(), 3 * margin + 2 * self.frameWidth()

    def lines_at(self, width: int) -> int:
        """How many lines the box's text (or its example) takes wrapped at `width`."""
        side, _ = self._margins()
        room = max(width - 2 * side - self.cursorWidth(), 1)
        option = self.document().defaultTextOption()
        count = 0
        for paragraph in (self.toPlainText() or self.placeholderText()).split("\n"):
            layout = QTextLayout(paragraph, self.font())
            layout.setTextOption(option)
            layout.beginLayout()
            while (line := layout.createLine()).isValid():
                line.setLineWidth(room)
                count += 1
            layout.endLayout()
        return count

    def _height_of(self, lines: int) -> int:
        _, around = self._margins()
        return self.fontMetrics().lineSpacing() * lines + around

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._height_of(min(max(self.lines_at(width), self.lines), self.most))

    def sizeHint(self) -> QSize:
        width = super().sizeHint().width()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().lineSpacing() * 8, self._height_of(self.lines))

    def _held_changed(self) -> None:
        """Typing a line more (or less): the layout is asked again."""
        held = self.lines_at(self.width())
        if held != self._lines_held:
            self._lines_held = held
            self.updateGeometry()
